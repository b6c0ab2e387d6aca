package io.github.parallellocate.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.imagej.Annotator;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.csv.CsvFeatureSink;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneReader;
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
		final FileFrameSource source = open(main.inputs, channel);
		// every frame has the first one's size: a diameter that cannot fit is a usage error, not a frame failure
		try {
			params.requireFits(source.width(), source.height());
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
		checkWritable(main.output);
		checkWritable(main.annotate);
		try (AtomicOutput csv = main.output == null ? null : create(main.output);
				AtomicOutput annotated = main.annotate == null ? null : create(main.annotate)) {
			final OutputStream writer = csv != null ? csv.stream() : new BufferedOutputStream(main.stdout(), 1 << 16);
			final List<List<Feature>> kept = annotated != null ? new ArrayList<>() : null;
			final RunSummary summary = locate(source, writer, kept);
			if (annotated != null)
				annotate(source, kept, annotated);
			flush(writer);
			if (annotated != null)
				commit(annotated);
			if (csv != null)
				commit(csv);
			report(summary);
			return ExitCodes.OK;
		}
		catch (final IOException e) {
			throw CliException.failure(e.getMessage(), e);
		}
		finally {
			main.interruption().watch(null);
		}
	}

	/** Opens the input frames. */
	static FileFrameSource open(final List<String> inputs, final Channel channel) throws CliException {
		try {
			return FileFrameSource.open(inputs, channel);
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
		catch (final IOException e) {
			throw CliException.failure(e.getMessage(), e);
		}
	}

	/** Refuses an output that exists (without --overwrite) before any work is done. */
	void checkWritable(final Path target) throws CliException {
		if (target == null)
			return;
		if (Files.isDirectory(target))
			throw CliException.failure(target + " is a directory", null);
		if (!main.overwrite && Files.exists(target))
			throw CliException.failure(target + " already exists (use --overwrite to replace it)", null);
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
			throw CliException.failure(e.getMessage(), e);
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
	RunSummary locate(final FileFrameSource source, final OutputStream csv, final List<List<Feature>> kept) throws CliException {
		final LocateEngine engine = new LocateEngine(params).threads(threads).skipBadFrames(main.skipBadFrames);
		if (main.interactive())
			engine.progress(new Progress(main.stderr()));
		try {
			final CsvFeatureSink sink = new CsvFeatureSink(csv, params.characterize());
			main.interruption().watch(engine);
			final RunSummary summary = engine.run(source, (frame, features) -> {
				sink.accept(frame, features);
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
			throw brokenPipe(e) ? CliException.brokenPipe(e) : CliException.failure(e.getMessage(), e);
		}
		catch (final CancellationException | InterruptedException e) {
			throw new CliException(ExitCodes.INTERRUPTED, "interrupted", e);
		}
		catch (final IOException e) {
			throw brokenPipe(e) ? CliException.brokenPipe(e) : CliException.failure("cannot write the CSV: " + e.getMessage(), e);
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

	private static void flush(final OutputStream writer) throws CliException {
		try {
			writer.flush();
		}
		catch (final IOException e) {
			throw brokenPipe(e) ? CliException.brokenPipe(e) : CliException.failure("cannot write the CSV: " + e.getMessage(), e);
		}
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
