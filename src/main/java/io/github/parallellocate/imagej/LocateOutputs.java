package io.github.parallellocate.imagej;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ij.ImageListener;
import ij.ImagePlus;
import ij.WindowManager;
import ij.text.TextWindow;
import ij.gui.Overlay;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.parallellocate.core.PerAxis;

/**
 * Publishes a successful run: the "Features" table (shown unless headless),
 * the system Results table if asked ({@code results}), the overlay
 * ({@code overlay}) and the ROI Manager (GUI only). Shared by the ImageJ 1.x
 * plugin and the SciJava command; called only after the whole run succeeded,
 * so a failed run leaves no partial table.
 */
public final class LocateOutputs {

	/** The features table of each image's last run, by image ID (dropped when the image closes). */
	private static final Map<Integer, ResultsTable> TABLES = new ConcurrentHashMap<>();
	/** The diameter of each image's last run, by image ID. */
	private static final Map<Integer, PerAxis> DIAMETERS = new ConcurrentHashMap<>();
	static {
		ImagePlus.addImageListener(new ImageListener() {
			@Override
			public void imageOpened(final ImagePlus imp) {}

			@Override
			public void imageClosed(final ImagePlus imp) {
				TABLES.remove(imp.getID());
				DIAMETERS.remove(imp.getID());
			}

			@Override
			public void imageUpdated(final ImagePlus imp) {}
		});
	}

	private LocateOutputs() {}

	/** The diameter of the last run on {@code imp}, or null. */
	public static PerAxis diameterOf(final ImagePlus imp) {
		return imp == null ? null : DIAMETERS.get(imp.getID());
	}

	/**
	 * The features table of the last run on {@code imp}, whatever its title
	 * now (saving a table renames it), or null.
	 */
	public static ResultsTable tableOf(final ImagePlus imp) {
		return imp == null ? null : TABLES.get(imp.getID());
	}

	/** Publishes and returns the features table. */
	public static ResultsTable publish(final ImagePlus imp, final LocateResult result, final LocateOptions options) {
		final boolean characterize = result.params().characterize();
		ResultsTable table = FeatureTables.toTable(result.rows(), characterize, imp.getCalibration());
		final boolean headless = GraphicsEnvironment.isHeadless();
		if (!headless)
			table = shown(table, FeatureTables.TITLE);
		TABLES.put(imp.getID(), table);
		DIAMETERS.put(imp.getID(), result.params().diameter());
		if (options.results()) {
			final ResultsTable system = ResultsTable.getResultsTable();
			FeatureTables.fill(system, result.rows(), characterize, imp.getCalibration());
			if (!headless)
				system.show("Results");
		}
		if (options.overlay()) {
			final Overlay overlay = FeatureOverlay.create(imp, result.rows(), result.params().diameter());
			imp.setOverlay(overlay);
			if (options.roiManager())
				toRoiManager(overlay);
		}
		return table;
	}

	/**
	 * Shows the table and returns the table its window shows: ImageJ shows a
	 * copy in a new window, and that copy is what the user sees, sorts and
	 * saves (and what saving renames).
	 */
	private static ResultsTable shown(final ResultsTable table, final String title) {
		table.show(title);
		final java.awt.Frame f = WindowManager.getFrame(title);
		if (f instanceof TextWindow tw && tw.getResultsTable() != null)
			return tw.getResultsTable();
		return table;
	}

	/** Whether ImageJ has a user interface (not headless, not batch mode, ImageJ window open). */
	public static boolean isInteractive() {
		return !GraphicsEnvironment.isHeadless() && IJ.getInstance() != null && !Interpreter.isBatchMode();
	}

	private static void toRoiManager(final Overlay overlay) {
		if (!isInteractive()) {
			IJ.log("Locate Features: roi_manager ignored (no ROI Manager without a user interface)");
			return;
		}
		RoiManager.getRoiManager().setOverlay(overlay);
	}
}
