package io.github.parallellocate.imagej;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;

/**
 * Publishes a successful run: the "Features" table (shown unless headless),
 * the system Results table if asked ({@code results}), the overlay
 * ({@code overlay}) and the ROI Manager (GUI only). Shared by the ImageJ 1.x
 * plugin and the SciJava command; called only after the whole run succeeded,
 * so a failed run leaves no partial table.
 */
public final class LocateOutputs {

	private LocateOutputs() {}

	/** Publishes and returns the features table. */
	public static ResultsTable publish(final ImagePlus imp, final LocateResult result, final LocateOptions options) {
		final boolean characterize = result.params().characterize();
		final ResultsTable table = FeatureTables.toTable(result.rows(), characterize, imp.getCalibration());
		final boolean headless = GraphicsEnvironment.isHeadless();
		if (!headless)
			table.show(FeatureTables.TITLE);
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
