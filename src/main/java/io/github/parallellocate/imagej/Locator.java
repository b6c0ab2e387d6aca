package io.github.parallellocate.imagej;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;

import ij.ImagePlus;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.csv.AsciiBuffer;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.ProgressListener;
import io.github.parallellocate.parallel.RunSummary;

/**
 * Locates the features of every plane of an ImageJ image on the parallel
 * engine, without any UI: the core shared by the ImageJ 1.x plugin, the
 * SciJava command and scripts.
 * <pre>
 * // Jython
 * rows = Locator.locate(imp, LocateParameters.builder(11).invert(True).minmass(20.0).build())
 * result = Locator.run(imp, "diameter=11 minmass=20 invert csv=[/tmp/features.csv]")
 * </pre>
 * The CSV, when asked for, is streamed as frames complete and committed
 * only when the whole run succeeded: it is written completely or not at all.
 */
public final class Locator {

	private final LocateOptions options;
	private ThreadFactory threadFactory;
	private ProgressListener progress;
	private volatile LocateEngine engine;
	private volatile boolean cancelled;

	public Locator(final LocateOptions options) {
		this.options = options;
	}

	/** Where worker threads come from (in Fiji: SciJava's ThreadService); null for plain threads. */
	public Locator threadFactory(final ThreadFactory f) {
		threadFactory = f;
		return this;
	}

	/** Progress callback, on the calling thread, after each plane. */
	public Locator progress(final ProgressListener p) {
		progress = p;
		return this;
	}

	/** Stops a running {@link #run}, which then throws {@link CancellationException}. */
	public void cancel() {
		cancelled = true;
		final LocateEngine e = engine;
		if (e != null)
			e.cancel();
	}

	/** Locates with trackpy's parameters on all planes (RGB: use {@link #run(ImagePlus, String)} with a channel). */
	public static List<FeatureRow> locate(final ImagePlus imp, final LocateParameters params) throws LocateException {
		return new Locator(new LocateOptions(params, 0, LocateOptions.defaultThreads(), null, false, false, false))
			.run(imp).rows();
	}

	/** Runs with a macro options string: the same keys as {@code run("Locate Features...", options)}. */
	public static LocateResult run(final ImagePlus imp, final String macroOptions) throws LocateException {
		final LocateOptions o;
		try {
			o = LocateOptions.parse(macroOptions);
		}
		catch (final IllegalArgumentException e) {
			throw new LocateException(e.getMessage(), e);
		}
		return new Locator(o).run(imp);
	}

	/**
	 * Locates every plane and writes the CSV if asked.
	 *
	 * @throws LocateException with a one-line message; nothing was written
	 * @throws CancellationException if cancelled; nothing was written
	 */
	public LocateResult run(final ImagePlus imp) throws LocateException {
		final ImagePlusPlaneSource source;
		try {
			source = new ImagePlusPlaneSource(imp, options.channel());
		}
		catch (final IllegalArgumentException e) {
			throw new LocateException(e.getMessage(), e);
		}
		final LocateEngine eng = new LocateEngine(options.params()).threads(options.threads())
			.threadFactory(threadFactory).progress(progress);
		engine = eng;
		if (cancelled)
			throw new CancellationException("cancelled");
		final List<FeatureRow> rows = new ArrayList<>();
		final boolean characterize = options.params().characterize();
		final boolean planeColumns = !source.framesArePlanes();
		try (AtomicOutput csv = openCsv(options.csv(), characterize, planeColumns)) {
			final RunSummary summary = eng.run(source, (index, features) -> {
				final PlanePosition pos = source.position(index);
				for (final Feature f : features)
					rows.add(new FeatureRow(pos, f));
				if (csv != null)
					writeRows(csv.writer(), pos, features, characterize, planeColumns);
			});
			if (csv != null)
				csv.commit();
			return new LocateResult(List.copyOf(rows), options.params(), summary, csv == null ? null : csv.target());
		}
		catch (final FrameFailedException e) {
			throw new LocateException(e.getMessage(), e);
		}
		catch (final IOException e) {
			throw new LocateException("cannot write " + options.csv() + ": " + FrameFailedException.messageOf(e), e);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted");
		}
		finally {
			engine = null;
		}
	}

	private static AtomicOutput openCsv(final Path path, final boolean characterize, final boolean planeColumns)
			throws LocateException {
		if (path == null)
			return null;
		try {
			final AtomicOutput out = AtomicOutput.open(path, true);
			out.writer().write(FeatureCsv.header(characterize) + (planeColumns ? ",slice,channel" : "") + "\n");
			return out;
		}
		catch (final IOException e) {
			throw new LocateException(FrameFailedException.messageOf(e), e);
		}
	}

	/** trackpy's rows (frame = time frame); hyperstacks add the slice and channel columns. */
	private static void writeRows(final Writer out, final PlanePosition pos, final List<Feature> features,
			final boolean characterize, final boolean planeColumns) throws IOException {
		if (!planeColumns) {
			FeatureCsv.writeFrame(out, pos.frame(), features, characterize);
			return;
		}
		final AsciiBuffer rows = new AsciiBuffer(features.size() * 180);
		for (final Feature f : features) {
			FeatureCsv.appendRow(rows, pos.frame(), f, characterize);
			rows.setLength(rows.length() - 1); // the row's newline: the plane columns follow
			rows.append(',').append(pos.slice()).append(',').append(pos.channel()).append('\n');
		}
		out.write(rows.toString());
	}
}
