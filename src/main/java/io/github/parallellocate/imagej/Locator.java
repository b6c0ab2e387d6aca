package io.github.parallellocate.imagej;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileInfo;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.csv.AsciiBuffer;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneSource;
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
	private Roi roi;

	public Locator(final LocateOptions options) {
		this.options = options;
	}

	/** Where worker threads come from (in Fiji: SciJava's ThreadService); null for plain threads. */
	public Locator threadFactory(final ThreadFactory f) {
		threadFactory = f;
		return this;
	}

	/**
	 * Locates only in this selection of the image, as ImageJ's filters do: a
	 * rectangle is cropped exactly as trackpy's {@code image[y:y+h, x:x+w]}
	 * (positions are reported in the whole image's pixels); any other area
	 * is located on its bounding rectangle and keeps the features whose
	 * position lies inside it. Line and point selections are ignored; null
	 * (the default) locates whole planes.
	 */
	public Locator roi(final Roi selection) {
		roi = selection;
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

	/**
	 * Runs with a macro options string: the same keys, and the same use of
	 * the image's selection, as {@code run("Locate Features...", options)}.
	 */
	public static LocateResult run(final ImagePlus imp, final String macroOptions) throws LocateException {
		final LocateOptions o;
		try {
			o = LocateOptions.parse(macroOptions);
		}
		catch (final IllegalArgumentException e) {
			throw new LocateException(e.getMessage(), e);
		}
		return new Locator(o).roi(imp == null ? null : imp.getRoi()).run(imp);
	}

	/**
	 * Locates every plane and writes the CSV if asked.
	 *
	 * @throws LocateException with a one-line message; nothing was written
	 * @throws CancellationException if cancelled; nothing was written
	 */
	public LocateResult run(final ImagePlus imp) throws LocateException {
		final Selection selection;
		final PlaneSource source;
		final IntFunction<PlanePosition> positions;
		final boolean planeColumns, channelColumn;
		try {
			selection = Selection.of(roi, imp == null ? 0 : imp.getWidth(), imp == null ? 0 : imp.getHeight());
			final java.awt.Rectangle crop = selection == null ? null : selection.bounds();
			if (options.volumes()) {
				if (options.params().axesGiven() == 2)
					throw new IllegalArgumentException("3d: diameter " + options.params().diameter()
						+ " has two values (y,x); give one or three (z,y,x)");
				final ImagePlusVolumeSource v = new ImagePlusVolumeSource(imp, options.channel(), crop);
				source = v;
				positions = v::position;
				planeColumns = false;
				channelColumn = imp.getNChannels() > 1 && imp.getType() != ImagePlus.COLOR_RGB;
			}
			else {
				if (options.params().axesGiven() == 3)
					throw new IllegalArgumentException("diameter " + options.params().diameter()
						+ " has three values (z,y,x): it needs a hyperstack with Z slices");
				final ImagePlusPlaneSource p = new ImagePlusPlaneSource(imp, options.channel(), crop);
				source = p;
				positions = p::position;
				planeColumns = !p.framesArePlanes();
				channelColumn = false;
			}
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
		final int ndim = source.ndim();
		final FeatureColumns columns = FeatureColumns.of(options.params(), ndim);
		final CalibratedColumns cal;
		try {
			cal = options.calibrated() && options.csv() != null ? CalibratedColumns.of(imp, ndim) : null;
		}
		catch (final IllegalArgumentException e) {
			throw new LocateException(e.getMessage(), e);
		}
		final String extra = planeColumns ? ",slice,channel" : channelColumn ? ",channel" : "";
		try (AtomicOutput csv = openCsv(imp, options, columns, extra, cal)) {
			final RunSummary summary = eng.run(source, (index, features) -> {
				final PlanePosition pos = positions.apply(index);
				final List<Feature> kept = selection == null ? features : selection.keep(features);
				for (final Feature f : kept)
					rows.add(new FeatureRow(pos, f));
				if (csv != null)
					writeRows(csv.writer(), pos, kept, columns, planeColumns, channelColumn, cal);
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

	/**
	 * Opens the CSV: an existing file only with {@code overwrite}, and never
	 * the image's own file.
	 */
	private static AtomicOutput openCsv(final ImagePlus imp, final LocateOptions options, final FeatureColumns columns,
			final String extra, final CalibratedColumns cal) throws LocateException {
		final Path path = options.csv();
		if (path == null)
			return null;
		final Path image = imageFile(imp);
		try {
			if (image != null && Files.exists(path) && Files.isSameFile(path, image))
				throw new LocateException("csv=" + path + " is the image's own file: choose another name");
		}
		catch (final IOException e) {
			throw new LocateException("cannot write " + path + ": " + FrameFailedException.messageOf(e), e);
		}
		try {
			final AtomicOutput out = AtomicOutput.open(path, options.overwrite());
			out.writer().write(FeatureCsv.header(columns) + extra
				+ (cal == null ? "" : "," + cal.header()) + "\n");
			return out;
		}
		catch (final FileAlreadyExistsException e) {
			throw new LocateException("csv=" + path + " already exists: add the key overwrite to replace it", e);
		}
		catch (final IOException e) {
			throw new LocateException(FrameFailedException.messageOf(e), e);
		}
	}

	/** The file the image was opened from, or null. */
	private static Path imageFile(final ImagePlus imp) {
		final FileInfo fi = imp.getOriginalFileInfo();
		if (fi == null || fi.fileName == null || fi.directory == null || fi.directory.isEmpty())
			return null;
		try {
			return Paths.get(fi.directory, fi.fileName);
		}
		catch (final RuntimeException e) {
			return null;
		}
	}

	/** trackpy's rows (frame = time frame); hyperstacks add the slice and channel columns, then the calibrated ones. */
	private static void writeRows(final Writer out, final PlanePosition pos, final List<Feature> features,
			final FeatureColumns columns, final boolean planeColumns, final boolean channelColumn, final CalibratedColumns cal)
			throws IOException {
		final AsciiBuffer rows = new AsciiBuffer(features.size() * 180);
		for (final Feature f : features) {
			FeatureCsv.appendRow(rows, pos.frame(), f, columns);
			if (!planeColumns && !channelColumn && cal == null)
				continue;
			rows.setLength(rows.length() - 1); // the row's newline: more columns follow
			if (planeColumns)
				rows.append(',').append(pos.slice()).append(',').append(pos.channel());
			if (channelColumn)
				rows.append(',').append(pos.channel());
			if (cal != null)
				cal.append(rows, f, pos.frame());
			rows.append('\n');
		}
		out.write(rows.toString());
	}
}
