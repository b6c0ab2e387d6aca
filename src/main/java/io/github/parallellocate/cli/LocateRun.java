package io.github.parallellocate.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.imagej.Annotator;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.ExitCodes;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.FrameRef;
import io.github.parallellocate.io.VolumeSource;
import io.github.parallellocate.io.tiff.TiffLayout;
import io.github.parallellocate.io.csv.CsvFeatureSink;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;
import io.github.parallellocate.parallel.ProgressListener;
import io.github.parallellocate.parallel.RunSummary;


/**
 * One locate run of the command line: opens the input, checks and opens the
 * outputs (complete or nothing), streams the features to the CSV in frame
 * order as frames complete, optionally writes the annotated movie, and turns
 * every failure into a {@link CliException}.
 */
final class LocateRun {

	private final Main main;
	private final LocateParameters params;
	private final Channel channel;
	private final int threads;

	LocateRun(final Main main, final LocateParameters params, final Channel channel, final int threads) {
		this.main = main;
		this.params = params;
		this.channel = channel;
		this.threads = threads;
	}

	/** The run of the plain command (inputs, --output or stdout, --annotate). */
	int run() throws CliException {
		final Path csvTarget = isStdout(main.output) ? null : main.output;
		if (main.annotate != null && isStdout(main.annotate))
			throw CliException.usage("--annotate needs a file name (only --output can be '-', standard output)");
		if (csvTarget != null && main.annotate != null && AtomicOutput.sameFile(csvTarget, main.annotate))
			throw CliException.usage("--annotate and --output are the same file (" + main.annotate + ")");
		final FileFrameSource pages = open(main.inputs, channel);
		final PlaneSource source = frames(pages);
		if (source.ndim() == 3 && main.annotate != null)
			throw CliException.usage("--annotate draws planes: it is not available with volumes (3D)");
		// every frame has the first one's size: a diameter that cannot fit is a usage error, not a frame failure
		try {
			params.requireFits(source.ndim() == 3 ? new int[] { ((VolumeSource) source).slices(), pages.height(), pages.width() }
				: new int[] { pages.height(), pages.width() });
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
		final Set<Path> inputs = inputFiles(pages);
		checkWritable(csvTarget, "--output", inputs);
		checkWritable(main.annotate, "--annotate", inputs);
		try (AtomicOutput csv = csvTarget == null ? null : create(csvTarget);
				AtomicOutput annotated = main.annotate == null ? null : create(main.annotate)) {
			final OutputStream writer = csv != null ? csv.stream() : new BufferedOutputStream(main.stdout(), 1 << 16);
			final List<List<Feature>> kept = annotated != null ? new ArrayList<>() : null;
			final RunSummary summary = locate(source, writer, kept, csvTarget);
			if (annotated != null)
				annotate(pages, kept, annotated);
			flush(writer, csvTarget);
			if (annotated != null)
				commit(annotated);
			if (csv != null)
				commit(csv);
			report(summary);
			return ExitCodes.OK;
		}
		catch (final IOException e) {
			throw CliException.output(e.getMessage(), e);
		}
		finally {
			main.interruption().watch(null);
		}
	}

	/**
	 * The frames to locate: the pages (planes), or volumes of Z slices when a
	 * diameter of three values, {@code --3d} or {@code --slices} asks for 3D
	 * (the Z slices of an ImageJ hyperstack's time points, or {@code --slices}
	 * consecutive pages).
	 */
	PlaneSource frames(final FileFrameSource pages) throws CliException {
		final int axes = params.axesGiven();
		if (!main.volumes && main.slices == null && axes != 3)
			return pages;
		final String why = axes == 3 ? "diameter " + params.diameter() + " has 3 values (z,y,x)"
			: main.volumes ? "--3d" : "--slices " + main.slices;
		if (axes == 2)
			throw CliException.usage(why + " asks for volumes but " + firstAxisGiven() + " has 2 values (y,x): give z,y,x");
		if (main.slices != null && main.slices < 1)
			throw CliException.usage("slices must be at least 1, got " + main.slices);
		final int slices = main.slices != null ? main.slices : hyperstackSlices(pages, why);
		try {
			return new VolumeSource(pages, slices);
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage() + (main.slices != null ? " (--slices " + slices + ")" : ""));
		}
	}

	/** The name of the first per-axis parameter given with several values. */
	private String firstAxisGiven() {
		for (final LocateParameter p : LocateParameter.values())
			if (params.get(p) instanceof PerAxis && !((PerAxis) params.get(p)).isScalar())
				return p.key() + " " + params.get(p);
		return "a parameter";
	}

	/** The Z slices of the inputs' ImageJ hyperstacks (all the same), or a usage error naming the first input without. */
	private static int hyperstackSlices(final FileFrameSource pages, final String why) throws CliException {
		int slices = 0;
		Path first = null;
		for (final Path file : inputFiles(pages)) {
			final TiffLayout layout;
			try {
				layout = pages.layout(file);
			}
			catch (final IOException e) {
				throw CliException.input(e.getMessage(), e);
			}
			if (layout == null || !layout.fromImageJ() || layout.slices() <= 1)
				throw CliException.usage(why + " but " + file.getFileName() + " has planes, not volumes: give --slices N (Z slices per volume) "
					+ "or an ImageJ hyperstack with Z slices");
			if (first != null && layout.slices() != slices)
				throw CliException.usage(first.getFileName() + " has " + slices + " Z slices per volume but " + file.getFileName() + " has "
					+ layout.slices() + ": give --slices N or inputs of one shape");
			slices = layout.slices();
			first = file;
		}
		return slices;
	}

	/** {@code --output -}: standard output. */
	static boolean isStdout(final Path p) {
		return p != null && p.toString().equals("-");
	}

	/** The files the frames come from. */
	static Set<Path> inputFiles(final FileFrameSource source) {
		final Set<Path> files = new LinkedHashSet<>();
		for (final FrameRef f : source.frames())
			files.add(f.file());
		return files;
	}

	/** Opens the input frames (special files such as FIFOs are refused by the reader, before opening them). */
	static FileFrameSource open(final List<String> inputs, final Channel channel) throws CliException {
		try {
			return FileFrameSource.open(inputs, channel);
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
		catch (final IOException e) {
			throw CliException.input(e.getMessage(), e);
		}
	}

	/**
	 * Refuses, before any work is done, an output that is one of the inputs
	 * (the same file by real path or inode, even with --overwrite), a symbolic
	 * link, a directory, a special file, a name that is too long, or an
	 * existing file without --overwrite.
	 */
	void checkWritable(final Path target, final String option, final Set<Path> inputs) throws CliException {
		if (target == null)
			return;
		for (final Path in : inputs)
			if (AtomicOutput.sameFile(target, in))
				throw CliException.usage(option + " " + target + " is an input: refusing to write over it");
		try {
			AtomicOutput.checkTarget(target, true); // a name too long, a link, a directory, a special file
		}
		catch (final IOException e) {
			throw CliException.output(e.getMessage(), e);
		}
		if (!main.overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS))
			throw CliException.output(target + " already exists (use --overwrite to replace it)", null);
	}

	/** An output written completely or not at all, discarded if the process is interrupted. */
	AtomicOutput create(final Path target) throws CliException {
		return create(target, main.overwrite);
	}

	AtomicOutput create(final Path target, final boolean overwrite) throws CliException {
		try {
			final AtomicOutput out = AtomicOutput.open(target, overwrite);
			main.interruption().discardOnInterrupt(out);
			return out;
		}
		catch (final IOException e) {
			throw CliException.output(e.getMessage(), e);
		}
	}

	void commit(final AtomicOutput out) throws IOException {
		out.commit();
		main.interruption().done(out);
	}

	/**
	 * Locates all frames, writing the CSV (header first) as frames complete.
	 *
	 * @param kept if not null, receives each frame's features (null for skipped frames)
	 */
	RunSummary locate(final PlaneSource source, final OutputStream csv, final List<List<Feature>> kept, final Path csvTarget)
			throws CliException {
		final LocateEngine engine = new LocateEngine(params).threads(threads).skipBadFrames(main.skipBadFrames);
		if (main.interactive())
			engine.progress(new Progress(main.stderr()));
		try {
			final CsvFeatureSink sink = new CsvFeatureSink(csv, FeatureColumns.of(params, source.ndim()));
			main.interruption().watch(engine);
			final RunSummary summary = engine.run(source, (frame, features) -> {
				try {
					sink.accept(frame, features);
				}
				catch (final IOException e) {
					throw new WriteFailure(e);
				}
				if (kept != null) {
					while (kept.size() < frame)
						kept.add(null);
					kept.add(features);
				}
			});
			sink.finish();
			return summary;
		}
		catch (final FrameFailedException e) {
			if (brokenPipe(e))
				throw CliException.brokenPipe(e);
			if (e.getCause() instanceof WriteFailure)
				throw CliException.output(cannotWrite(csvTarget, e.getCause().getCause()), e);
			throw CliException.frame(e.getMessage(), e);
		}
		catch (final CancellationException | InterruptedException e) {
			throw new CliException(ExitCodes.INTERRUPTED, "interrupted", e);
		}
		catch (final IOException e) {
			throw brokenPipe(e) ? CliException.brokenPipe(e) : CliException.output(cannotWrite(csvTarget, e), e);
		}
		finally {
			if (main.interactive())
				main.stderr().print("\r\033[K");
		}
	}

	/** Writes the annotated RGB movie, reading each frame once more. */
	private void annotate(final FileFrameSource source, final List<List<Feature>> kept, final AtomicOutput out) throws IOException, CliException {
		final Annotator annotator = new Annotator(params.diameter().max()).colorByMass(true);
		try (PlaneReader reader = source.newReader()) {
			Annotator.writeTiff(out.stream(), source.width(), source.height(), source.size(), i -> {
				if (main.interruption().requested())
					throw new IOException("interrupted");
				final List<Feature> features = i < kept.size() ? kept.get(i) : null;
				try {
					return annotator.render(reader.read(i).asPlane(), features == null ? List.of() : features);
				}
				catch (final IOException e) {
					if (features != null)
						throw e;
					return new ij.process.ColorProcessor(source.width(), source.height()); // a skipped frame: black
				}
			});
		}
		catch (final IOException e) {
			if (main.interruption().requested())
				throw new CliException(ExitCodes.INTERRUPTED, "interrupted", e);
			throw new IOException("cannot write " + main.annotate + ": " + e.getMessage(), e);
		}
	}

	private static void flush(final OutputStream writer, final Path csvTarget) throws CliException {
		try {
			writer.flush();
		}
		catch (final IOException e) {
			throw brokenPipe(e) ? CliException.brokenPipe(e) : CliException.output(cannotWrite(csvTarget, e), e);
		}
	}

	/** "cannot write out.csv: No space left on device" (or "the CSV to standard output"). */
	static String cannotWrite(final Path csvTarget, final Throwable e) {
		return "cannot write " + (csvTarget == null ? "the CSV to standard output" : csvTarget.toString()) + ": "
			+ FrameFailedException.messageOf(e);
	}

	/** Whether writing failed because the reader of a pipe went away ({@code | head}). */
	private static boolean brokenPipe(final Throwable t) {
		for (Throwable c = t; c != null; c = c.getCause())
			if (c instanceof IOException && "Broken pipe".equals(c.getMessage()))
				return true;
		return false;
	}

	/** Lists skipped frames (always) and, on a terminal, a one-line summary. */
	private void report(final RunSummary s) {
		final PrintStream err = main.stderr();
		for (final RunSummary.SkippedFrame f : s.skipped())
			err.println(Main.NAME + ": skipped " + f.message());
		if (!s.skipped().isEmpty())
			err.println(Main.NAME + ": " + s.skipped().size() + " of " + s.frames() + " frames skipped");
		if (main.interactive())
			err.println(summary(s));
	}

	/** {@code 50 frames, 29325 features in 1.23 s (24.6 ms/frame, 8 threads)}. */
	static String summary(final RunSummary s) {
		final double seconds = s.nanos() / 1e9;
		return String.format(Locale.ROOT, "%d frames, %d features in %.2f s (%.1f ms/frame, %d threads)", s.located(), s.features(), seconds,
			s.located() == 0 ? 0 : seconds * 1000 / s.located(), s.threads());
	}

	/** The CSV could not be written (as opposed to a frame that failed). */
	private static final class WriteFailure extends Exception {
		private static final long serialVersionUID = 1L;

		WriteFailure(final IOException cause) {
			super(cause.getMessage(), cause);
		}
	}

	/** Progress on a terminal's stderr, at most a few times a second. */
	private static final class Progress implements ProgressListener {
		private final PrintStream err;
		private long last;

		Progress(final PrintStream err) {
			this.err = err;
		}

		@Override
		public void progress(final int done, final int total, final double framesPerSecond) {
			final long now = System.nanoTime();
			if (done < total && now - last < 200_000_000L)
				return;
			last = now;
			err.print(String.format(Locale.ROOT, "\rlocating: %d/%d frames (%.1f frames/s)", done, total, framesPerSecond));
			err.flush();
		}
	}
}
