package io.github.parallellocate.fiji;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

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
import io.github.parallellocate.imagej.LocateException;
import io.github.parallellocate.imagej.LocateOptions;
import io.github.parallellocate.imagej.LocateOutputs;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;

/**
 * "Locate Features..." as a SciJava command: for scripts ({@code #@
 * CommandService}), Fiji's headless mode and any SciJava context. Field
 * names are the macro keys of the ImageJ 1.x plugin and go through the same
 * parser ({@link LocateOptions}), so both accept the same values.
 * <p>
 * Not shown in menus ({@code visible = false}): in Fiji the menu entry is the
 * ImageJ 1.x plugin {@code Locate_Features} from {@code plugins.config}, so
 * there is exactly one "Plugins &gt; Tracking &gt; Locate Features..." item.
 * </p>
 * Optional numbers start as NaN (None): SciJava fills an unset number input
 * with 0, which for {@code separation} and {@code threshold} is a real value.
 * No parameter is persisted: a value given in one call never leaks into the
 * next (scripts must be reproducible).
 * Workers come from {@link ThreadService} (a {@code ThreadFactory}), progress
 * goes to {@link StatusService}, cancelling the command stops the run.
 * Errors cancel the command with a one-line reason (also logged); nothing is
 * published then.
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

	@Parameter(label = "Image", persist = false)
	private ImagePlus imp;

	@Parameter(label = "diameter", persist = false, description = "feature diameter in pixels, odd")
	private int diameter = 11;
	@Parameter(label = "minmass", persist = false, required = false, description = "empty/NaN/0 = None")
	private Double minmass = Double.NaN;
	@Parameter(label = "maxsize", persist = false, required = false, description = "empty/NaN/0 = None")
	private Double maxsize = Double.NaN;
	@Parameter(label = "separation", persist = false, required = false, description = "empty/NaN = None (diameter + 1)")
	private Double separation = Double.NaN;
	@Parameter(label = "noise_size", persist = false)
	private double noise_size = 1;
	@Parameter(label = "smoothing_size", persist = false, required = false, description = "empty/NaN/0 = None (diameter)")
	private Integer smoothing_size;
	@Parameter(label = "threshold", persist = false, required = false, description = "empty/NaN = None")
	private Double threshold = Double.NaN;
	@Parameter(label = "invert", persist = false)
	private boolean invert;
	@Parameter(label = "percentile", persist = false)
	private double percentile = 64;
	@Parameter(label = "topn", persist = false, required = false, description = "empty/NaN/0 = None")
	private Integer topn;
	@Parameter(label = "preprocess", persist = false)
	private boolean preprocess = true;
	@Parameter(label = "max_iterations", persist = false)
	private int max_iterations = 10;
	@Parameter(label = "characterize", persist = false)
	private boolean characterize = true;
	@Parameter(label = "channel", persist = false, required = false, description = "all, a channel number, or red/green/blue for RGB")
	private String channel = "";
	@Parameter(label = "threads", persist = false, required = false, description = "empty/0 = all cores")
	private Integer threads;
	@Parameter(label = "csv", persist = false, required = false, style = FileWidget.SAVE_STYLE)
	private File csv;
	@Parameter(label = "results", persist = false)
	private boolean results;
	@Parameter(label = "overlay", persist = false)
	private boolean overlay = true;
	@Parameter(label = "roi_manager", persist = false)
	private boolean roi_manager;

	private ResultsTable features;
	private LocateResult result;

	@Override
	public void run() {
		final LocateOptions options;
		try {
			options = LocateOptions.from(keyValues());
		}
		catch (final IllegalArgumentException e) {
			fail(e.getMessage());
			return;
		}
		final Locator locator = new Locator(options).threadFactory(threadService);
		locator.progress((done, total, fps) -> {
			statusService.showStatus(done, total, "Locate Features: " + done + "/" + total + " planes");
			if (isCanceled())
				locator.cancel();
		});
		try {
			result = locator.run(imp);
		}
		catch (final LocateException e) {
			fail(e.getMessage());
			return;
		}
		catch (final CancellationException e) {
			if (!isCanceled())
				cancel("Locate Features: cancelled, nothing written");
			statusService.clearStatus();
			return;
		}
		features = LocateOutputs.publish(imp, result, options);
		statusService.showStatus("Locate Features: " + result.rows().size() + " features in "
			+ result.summary().frames() + " planes");
	}

	/** The fields as macro key/value text (null = absent), for {@link LocateOptions#from(Map)}. */
	private Map<String, String> keyValues() {
		final Map<String, String> v = new LinkedHashMap<>();
		v.put("diameter", Integer.toString(diameter));
		v.put("minmass", text(minmass));
		v.put("maxsize", text(maxsize));
		v.put("separation", text(separation));
		v.put("noise_size", Double.toString(noise_size));
		v.put("smoothing_size", text(smoothing_size));
		v.put("threshold", text(threshold));
		v.put("invert", Boolean.toString(invert));
		v.put("percentile", Double.toString(percentile));
		v.put("topn", text(topn));
		v.put("preprocess", Boolean.toString(preprocess));
		v.put("max_iterations", Integer.toString(max_iterations));
		v.put("characterize", Boolean.toString(characterize));
		v.put("channel", channel);
		v.put("threads", threads == null || threads == 0 ? null : threads.toString());
		v.put("csv", csv == null ? null : csv.getPath());
		v.put("results", Boolean.toString(results));
		v.put("overlay", Boolean.toString(overlay));
		v.put("roi_manager", Boolean.toString(roi_manager));
		return v;
	}

	private static String text(final Number n) {
		return n == null ? "" : n.toString();
	}

	private void fail(final String message) {
		log.error("Locate Features: " + message);
		cancel(message);
	}

	/** The "Features" table of the last successful run, or null. */
	public ResultsTable getFeatures() {
		return features;
	}

	/** The last successful run's rows and summary, or null. */
	public LocateResult getResult() {
		return result;
	}
}
