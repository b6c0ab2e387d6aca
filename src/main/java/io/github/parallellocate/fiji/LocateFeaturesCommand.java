package io.github.parallellocate.fiji;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.thread.ThreadService;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.LocateException;
import io.github.parallellocate.imagej.LocateOptions;
import io.github.parallellocate.imagej.LocateOutputs;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.imagej.PlanePosition;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.csv.AsciiBuffer;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.ImgFrameSource;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.ProgressListener;
import io.github.parallellocate.parallel.RunSummary;
import net.imglib2.RandomAccessibleInterval;

/**
 * "Locate Features..." as a SciJava command: for scripts ({@code #@
 * CommandService}), Fiji's headless mode and any SciJava context.
 * <pre>
 * # Jython
 * #&#64; CommandService command
 * #&#64; Img img
 * m = command.run(LocateFeaturesCommand, True, {"img": img, "diameter": "11", "minmass": 20, "invert": True}).get()
 * table, n = m.getOutput("features"), m.getOutput("count")
 * </pre>
 * <h2>Image</h2> Either {@code imp}, an ImageJ 1.x {@link ImagePlus} (stacks
 * and hyperstacks as the ImageJ plugin reads them; the overlay and the
 * Results table are filled as asked), or {@code img}, an ImgLib2
 * {@link RandomAccessibleInterval} ({@code #@ Img} in scripts): dimensions 0
 * and 1 are x and y, each plane of the further dimensions is a frame; with
 * {@code 3d} (input {@code volumes}), or three values per axis, dimensions 0,
 * 1, 2 are x, y, z and each volume of the further dimensions is a frame (see
 * {@link ImgFrameSource}: {@code ArrayImg}s and {@code PlanarImg}s are read
 * without copying, other images and views are cut with
 * {@code Views.hyperSlice} and copied). Pixels: 8-bit and 16-bit unsigned,
 * 32-bit float.
 * <h2>Parameters</h2> trackpy's parameters are fields named, typed and
 * described by the one specification {@link LocateParameter}: a per-axis
 * parameter ({@code diameter}, {@code separation}, {@code noise_size},
 * {@code smoothing_size}) is text in the spec's grammar ({@code 11},
 * {@code 5,9,9}; a number passed by a script is converted to its text),
 * numbers are {@code Double} (NaN or {@code null} = trackpy's {@code None}:
 * SciJava fills an unset number with 0), {@code topn} an {@code Integer}
 * ({@code null} or 0 = None), flags {@code boolean}; as in the ImageJ
 * plugin's keys, 0 is None for {@code maxsize}, {@code smoothing_size} and
 * {@code topn}. The
 * typed values go to {@link LocateParameters.Builder#set(LocateParameter,
 * Object)} without a text round trip. Defaults are the spec's; the
 * annotations' descriptions are checked against it by a test.
 * <h2>Outputs</h2> {@code features}, the features table ({@link ResultsTable}:
 * trackpy's columns for the frames' dimensions ({@code z, y, x, ...}, per-axis
 * {@code size_*}/{@code ep_*} when anisotropic), then {@code frame}; an
 * {@code ImagePlus} adds its {@code slice}, {@code channel} and calibrated
 * columns) and {@code count}, the number of features. Errors cancel the command with a
 * one-line reason (also logged); no output is set and no file written then.
 * <p>
 * Not shown in menus ({@code visible = false}): in Fiji the menu entry is the
 * ImageJ 1.x plugin {@code Locate_Features} from {@code plugins.config}, so
 * there is exactly one "Plugins &gt; Tracking &gt; Locate Features..." item.
 * No parameter is persisted: a value given in one call never leaks into the
 * next (scripts must be reproducible). Workers come from
 * {@link ThreadService}, progress goes to {@link StatusService}; cancelling
 * the command ({@link #cancel(String)}) stops the run at once.
 * </p>
 */
@Plugin(type = Command.class, label = "Locate Features...", menuPath = "Plugins>Tracking>Locate Features...",
	visible = false, headless = true)
public class LocateFeaturesCommand extends ContextCommand {

	@Parameter
	private ThreadService threadService;
	@Parameter
	private StatusService statusService;
	@Parameter
	private LogService log;

	@Parameter(label = "Image (ImageJ)", persist = false, required = false,
		description = "An ImageJ 1.x image, stack or hyperstack; its selection is honoured as by the plugin (give this or img).")
	private ImagePlus imp;

	@Parameter(label = "Image (ImgLib2)", persist = false, required = false,
		description = "An ImgLib2 image: x, y, then stack dimensions, each plane a frame; with volumes x, y, z, each volume a frame (give this or imp).")
	private RandomAccessibleInterval<?> img;

	// trackpy's parameters, in the specification's order. Names and descriptions
	// must equal LocateParameter's key() and help() (LocateFeaturesCommandSpecTest).

	@Parameter(label = "diameter", persist = false,
		description = "Feature diameter in pixels: an odd integer, or one per axis (z,y,x or y,x). Overestimate rather than underestimate.")
	private String diameter;
	@Parameter(label = "minmass", persist = false, required = false,
		description = "Minimum integrated brightness of a feature (after bandpass). The main filter against noise.")
	private Double minmass = number(LocateParameter.MINMASS);
	@Parameter(label = "maxsize", persist = false, required = false,
		description = "Maximum radius of gyration of a feature (isotropic diameter only).")
	private Double maxsize = number(LocateParameter.MAXSIZE);
	@Parameter(label = "separation", persist = false, required = false,
		description = "Minimum separation between features, in pixels: a number or one per axis.")
	private String separation = text(LocateParameter.SEPARATION);
	@Parameter(label = "noise_size", persist = false, required = false,
		description = "Width (sigma) of the Gaussian noise filter, in pixels: a number or one per axis.")
	private String noise_size = text(LocateParameter.NOISE_SIZE);
	@Parameter(label = "smoothing_size", persist = false, required = false,
		description = "Side of the boxcar background filter, in pixels: an odd integer or one per axis.")
	private String smoothing_size = text(LocateParameter.SMOOTHING_SIZE);
	@Parameter(label = "threshold", persist = false, required = false,
		description = "Clip the bandpassed image below this value.")
	private Double threshold = number(LocateParameter.THRESHOLD);
	@Parameter(label = "invert", persist = false, required = false,
		description = "Features are dark on a bright background (bright-field).")
	private boolean invert = (Boolean) LocateParameter.INVERT.defaultValue();
	@Parameter(label = "percentile", persist = false, required = false,
		description = "Features must be brighter than this percentile of the bandpassed image.")
	private double percentile = (Double) LocateParameter.PERCENTILE.defaultValue();
	@Parameter(label = "topn", persist = false, required = false,
		description = "Keep only the N brightest features of each frame.")
	private Integer topn = (Integer) LocateParameter.TOPN.defaultValue();
	@Parameter(label = "preprocess", persist = false, required = false,
		description = "Bandpass the image before locating (off: locate on the raw image).")
	private boolean preprocess = (Boolean) LocateParameter.PREPROCESS.defaultValue();
	@Parameter(label = "max_iterations", persist = false, required = false,
		description = "Maximum number of centre-of-mass refinement steps.")
	private int max_iterations = (Integer) LocateParameter.MAX_ITERATIONS.defaultValue();
	@Parameter(label = "characterize", persist = false, required = false,
		description = "Measure size, ecc, signal, raw_mass and ep (off: y, x, mass only).")
	private boolean characterize = (Boolean) LocateParameter.CHARACTERIZE.defaultValue();

	// The run's own options (not trackpy's).

	@Parameter(label = "channel", persist = false, required = false,
		description = "imp only: all, a channel number, or red/green/blue for RGB.")
	private String channel = "";
	@Parameter(label = "threads", persist = false, required = false, description = "Worker threads; empty or 0 = ImageJ's thread count (Edit > Options > Memory & Threads).")
	private Integer threads;
	@Parameter(label = "csv", persist = false, required = false, style = FileWidget.SAVE_STYLE,
		description = "Also save trackpy's CSV here (written completely or not at all).")
	private File csv;
	@Parameter(label = "overwrite", persist = false, required = false,
		description = "csv may replace an existing file (never the image's own file).")
	private boolean overwrite;
	@Parameter(label = "3d", persist = false, required = false,
		description = "Locate volumes: img's dimensions x, y, z, then frames; imp's Z slices of each time point. Implied by three values per axis (z,y,x).")
	private boolean volumes;
	@Parameter(label = "calibrated", persist = false, required = false,
		description = "imp only: add calibrated columns (the image's unit, seconds) to the CSV.")
	private boolean calibrated;
	@Parameter(label = "results", persist = false, required = false, description = "Also fill ImageJ's Results table.")
	private boolean results;
	@Parameter(label = "overlay", persist = false, required = false,
		description = "imp only: one circle per feature on the image's overlay.")
	private boolean overlay = true;
	@Parameter(label = "roi_manager", persist = false, required = false,
		description = "imp only: also add the circles to the ROI Manager (GUI only).")
	private boolean roi_manager;

	@Parameter(type = ItemIO.OUTPUT, label = "Features",
		description = "The features table: trackpy's columns, then frame (imp: slice, channel, calibrated columns).")
	private ResultsTable features;
	@Parameter(type = ItemIO.OUTPUT, label = "count", description = "The number of features found.")
	private Integer count;

	private LocateResult result;
	private volatile Runnable stopper;

	@Override
	public void run() {
		features = null; // SciJava's preprocessing puts 0 in an unset Integer output; a failed run has none
		count = null;
		try {
			if (isCanceled())
				return;
			if (imp == null && img == null)
				throw new IllegalArgumentException("no image: give imp (an ImagePlus) or img (an ImgLib2 image)");
			if (imp != null && img != null)
				throw new IllegalArgumentException("give imp (an ImagePlus) or img (an ImgLib2 image), not both");
			final LocateParameters params = parameters();
			final LocateOptions options = new LocateOptions(params, img != null ? 0 : LocateOptions.parseChannel(
				channel), threads == null || threads == 0 ? LocateOptions.defaultThreads() : threads, csv == null ? null
					: csv.toPath(), results, overlay, roi_manager, overwrite, calibrated, volumes
						|| params.axesGiven() == 3);
			if (options.threads() < 1)
				throw new IllegalArgumentException("threads must be at least 1, got " + threads);
			final ResultsTable table = imp != null ? locate(imp, options) : locate(img, options);
			features = table;
			count = result.rows().size();
			statusService.showStatus("Locate Features: " + count + " features in " + result.summary().frames()
				+ " frames");
		}
		catch (final IllegalArgumentException | LocateException e) {
			fail(e.getMessage());
		}
		catch (final CancellationException e) {
			if (!isCanceled())
				super.cancel("Locate Features: cancelled, nothing written");
			statusService.clearStatus();
		}
		finally {
			stopper = null;
		}
	}

	/**
	 * trackpy's parameters from the typed fields, through the specification.
	 *
	 * @throws IllegalArgumentException one line naming the parameter
	 */
	LocateParameters parameters() {
		final LocateParameters.Builder b = LocateParameters.builder((PerAxis) LocateParameter.DIAMETER.parse(diameter));
		for (final LocateParameter p : LocateParameter.values()) {
			final Object v = value(p);
			if (v instanceof String)
				b.set(p, (String) v);
			else
				b.set(p, v);
		}
		return b.build();
	}

	/** The field of a parameter: text for a per-axis one, else its typed value (NaN = None). */
	private Object value(final LocateParameter p) {
		return switch (p) {
			case DIAMETER -> diameter;
			case MINMASS -> none(minmass);
			case MAXSIZE -> zeroIsNone(none(maxsize));
			case SEPARATION -> separation;
			case NOISE_SIZE -> noise_size;
			case SMOOTHING_SIZE -> zeroIsNone(smoothing_size);
			case THRESHOLD -> none(threshold);
			case INVERT -> invert;
			case PERCENTILE -> percentile;
			case TOPN -> topn(topn);
			case PREPROCESS -> preprocess;
			case MAX_ITERATIONS -> max_iterations;
			case CHARACTERIZE -> characterize;
		};
	}

	private static Double none(final Double v) {
		return v == null || v.isNaN() ? null : v;
	}

	/**
	 * An optional number's default: NaN for None, because SciJava fills an
	 * unset {@code Double} input with 0 (a real value for {@code threshold}).
	 */
	private static Double number(final LocateParameter p) {
		return p.defaultValue() == null ? Double.NaN : (Double) p.defaultValue();
	}

	/** {@code topn}: SciJava fills an unset {@code Integer} input with 0, which keeps no feature: 0 is None. */
	private static Integer topn(final Integer v) {
		return v == null || v == 0 ? null : v;
	}

	/**
	 * 0 for {@code maxsize} and {@code smoothing_size} is None, as in the
	 * ImageJ plugin's keys (ImageJ's numeric fields write 0 for "unset";
	 * trackpy would drop every feature or refuse it).
	 */
	private static Double zeroIsNone(final Double v) {
		return v != null && v == 0 ? null : v;
	}

	private static String zeroIsNone(final String text) {
		if (text == null || text.isBlank())
			return text;
		return PerAxis.of(0).equals(LocateParameter.SMOOTHING_SIZE.parse(text)) ? "" : text;
	}

	/** A per-axis parameter's default as the spec writes it ("" for None). */
	private static String text(final LocateParameter p) {
		return LocateParameter.format(p.defaultValue());
	}

	/** An ImageJ image, through the ImageJ adapters (overlay, Results table, hyperstack columns). */
	private ResultsTable locate(final ImagePlus image, final LocateOptions options) throws LocateException {
		final Locator locator = new Locator(options).roi(image.getRoi()).threadFactory(threadService).progress(
			progress());
		stopper = locator::cancel;
		if (isCanceled())
			throw new CancellationException();
		result = locator.run(image);
		return LocateOutputs.publish(image, result, options);
	}

	/**
	 * An ImgLib2 image: its frames (planes, or volumes with {@code 3d}) on the
	 * engine, the CSV streamed as frames complete; the table has trackpy's
	 * columns for the frames' dimensions, then {@code frame}.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private ResultsTable locate(final RandomAccessibleInterval<?> image, final LocateOptions options)
		throws LocateException
	{
		final LocateParameters params = options.params();
		final int ndim = options.volumes() ? 3 : 2;
		final ImgFrameSource source;
		try {
			source = new ImgFrameSource((RandomAccessibleInterval) image, ndim, "img");
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("img: " + e.getMessage(), e);
		}
		final FeatureColumns columns = FeatureColumns.of(params, ndim);
		final LocateEngine engine = new LocateEngine(params).threads(options.threads()).threadFactory(threadService)
			.progress(progress());
		stopper = engine::cancel;
		if (isCanceled())
			throw new CancellationException();
		final List<FeatureRow> rows = new ArrayList<>();
		final Path csvPath = options.csv();
		try (AtomicOutput out = openCsv(csvPath, options.overwrite(), columns)) {
			final AsciiBuffer text = new AsciiBuffer(1 << 16);
			final RunSummary summary = engine.run(source, (frame, located) -> {
				final PlanePosition position = new PlanePosition(frame + 1, frame, 1, 1);
				for (final Feature f : located)
					rows.add(new FeatureRow(position, f));
				if (out != null) {
					text.setLength(0);
					FeatureCsv.appendFrame(text, frame, located, columns);
					text.writeTo(out.stream());
				}
			});
			if (out != null)
				out.commit();
			result = new LocateResult(List.copyOf(rows), params, summary, csvPath);
		}
		catch (final FrameFailedException e) {
			throw new LocateException(e.getMessage(), e);
		}
		catch (final IOException e) {
			throw new LocateException("cannot write " + csvPath + ": " + FrameFailedException.messageOf(e), e);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted");
		}
		final ResultsTable table = new ResultsTable();
		fill(table, result.rows(), columns);
		if (options.results())
			fill(ResultsTable.getResultsTable(), result.rows(), columns);
		return table;
	}

	private static AtomicOutput openCsv(final Path path, final boolean overwrite, final FeatureColumns columns)
		throws LocateException
	{
		if (path == null)
			return null;
		try {
			final AtomicOutput out = AtomicOutput.open(path, overwrite);
			out.writer().write(FeatureCsv.header(columns) + "\n");
			out.writer().flush();
			return out;
		}
		catch (final FileAlreadyExistsException e) {
			throw new LocateException("csv=" + path + " already exists: set overwrite to replace it", e);
		}
		catch (final IOException e) {
			throw new LocateException(FrameFailedException.messageOf(e), e);
		}
	}

	/** trackpy's columns for these features ({@link FeatureColumns}), then {@code frame}, as trackpy's DataFrame. */
	private static void fill(final ResultsTable table, final List<FeatureRow> rows, final FeatureColumns columns) {
		table.reset();
		final List<String> names = columns.names();
		for (final FeatureRow r : rows) {
			table.incrementCounter();
			for (int c = 0; c < names.size(); c++)
				table.addValue(names.get(c), columns.value(r.feature(), c));
			table.addValue("frame", r.frame());
		}
		if (table.columnExists("frame"))
			table.setDecimalPlaces(table.getColumnIndex("frame"), 0);
	}

	private ProgressListener progress() {
		return (done, total, fps) -> statusService.showStatus(done, total, "Locate Features: " + done + "/" + total
			+ " frames");
	}

	/** Cancels the command and stops a running search at once (its workers end after their current plane). */
	@Override
	public void cancel(final String reason) {
		super.cancel(reason);
		final Runnable stop = stopper;
		if (stop != null)
			stop.run();
	}

	private void fail(final String message) {
		log.error("Locate Features: " + message);
		super.cancel(message);
	}

	/** The features table of the last successful run (the {@code features} output), or null. */
	public ResultsTable getFeatures() {
		return features;
	}

	/** The last successful run's rows and summary, or null. */
	public LocateResult getResult() {
		return result;
	}
}
