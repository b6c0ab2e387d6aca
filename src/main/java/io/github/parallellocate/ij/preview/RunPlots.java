package io.github.parallellocate.ij.preview;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.macro.Interpreter;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.LocateResult;

/**
 * After a whole-stack run ({@code plots}): trackpy's walkthrough plots
 * ({@code tp.mass_size}, {@code tp.subpx_bias}) over every feature of the
 * movie, with the filters' cut lines, in one window beside the image.
 */
public final class RunPlots {

	private RunPlots() {}

	/** The plots of a run. */
	public static List<Plot> of(final LocateResult result) {
		final List<Feature> all = new ArrayList<>(result.rows().size());
		for (final FeatureRow r : result.rows())
			all.add(r.feature());
		return PreviewPlots.ofRun(all, result.params());
	}

	/** Shows them beside {@code imp} (GUI only; batch and headless runs log a line instead). */
	public static ImagePlus show(final ImagePlus imp, final LocateResult result) {
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode()) {
			IJ.log("Locate Features: plots are shown in the user interface only");
			return null;
		}
		final PlotWindows w = new PlotWindows(PreviewPlots.RUN_WINDOW + " of " + imp.getTitle());
		w.show(of(result), imp);
		return w.image();
	}
}
