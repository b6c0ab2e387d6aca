package io.github.parallellocate.ij;

import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.parallellocate.ij.preview.RunPlots;
import io.github.parallellocate.ij.preview.TableLink;
import io.github.parallellocate.imagej.MacroOptions;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.imagej.FeatureOverlay;
import io.github.parallellocate.imagej.LocateException;
import io.github.parallellocate.imagej.LocateOptions;
import io.github.parallellocate.imagej.LocateOutputs;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;

/**
 * Plugins &gt; Tracking &gt; Locate Features... for ImageJ 1.x and Fiji (the menu
 * entry, from {@code plugins.config}). Options come from the macro options
 * ({@code run("Locate Features...", "diameter=11 minmass=20 invert")}) or,
 * interactively, from {@link LocateDialog}. Errors go to
 * {@code IJ.error("Locate Features", message)}: a dialog in the GUI, a line
 * on the console in batch and headless mode, and the running macro is
 * aborted (see {@link #error(String)}). Escape cancels.
 */
public class Locate_Features implements PlugIn {

	/** The dialog and error title. */
	public static final String TITLE = "Locate Features";

	private String macroOptions;
	private Map<String, String> dialogValues;
	private boolean plots;

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			error("no image is open");
			return;
		}
		final LocateOptions options;
		try {
			options = readOptions(imp);
			plots = options != null && wantsPlots();
		}
		catch (final IllegalArgumentException e) {
			error(e.getMessage());
			return;
		}
		if (options == null)
			return; // dialog cancelled
		final Locator locator = new Locator(options).roi(selection(imp));
		locator.progress((done, total, fps) -> {
			IJ.showProgress(done, total);
			IJ.showStatus(TITLE + ": " + done + "/" + total + " planes");
			if (IJ.escapePressed())
				locator.cancel();
		});
		final LocateResult result;
		try {
			result = locator.run(imp);
		}
		catch (final LocateException e) {
			IJ.showProgress(1.0);
			error(e.getMessage());
			return;
		}
		catch (final CancellationException e) {
			IJ.showProgress(1.0);
			IJ.resetEscape();
			IJ.showStatus(TITLE + ": cancelled, nothing written");
			return;
		}
		final ResultsTable table = LocateOutputs.publish(imp, result, options);
		if (!GraphicsEnvironment.isHeadless() && !Interpreter.isBatchMode())
			TableLink.attach(imp, table, result.params().diameter());
		if (plots)
			RunPlots.show(imp, result);
		IJ.showStatus(TITLE + ": " + result.rows().size() + " features in " + result.summary().frames() + " planes, "
			+ String.format("%.1f", result.summary().framesPerSecond()) + " planes/s");
	}

	/**
	 * The image's selection, except a feature's outline (named like
	 * {@code f0012-#34}, left by a click in the Features table or the ROI
	 * Manager): that one is not meant as a region to locate in.
	 */
	static Roi selection(final ImagePlus imp) {
		final Roi roi = imp.getRoi();
		if (roi != null && roi.getName() != null && FeatureOverlay.isFeatureName(roi.getName())) {
			IJ.log(TITLE + ": the selection " + roi.getName() + " outlines a feature; locating without it");
			return null;
		}
		return roi;
	}

	/** Whether the run's plots were asked for: the {@code plots} key or the dialog's Plots box. */
	private boolean wantsPlots() {
		return dialogValues != null ? "true".equals(dialogValues.get("plots"))
			: macroOptions != null && MacroOptions.parse(macroOptions, LocateOptions.KEYS).bool("plots", false);
	}

	/** From the macro options if a macro is running, else from the dialog (null if cancelled). */
	private LocateOptions readOptions(final ImagePlus imp) {
		final String macro = Macro.getOptions();
		macroOptions = macro;
		if (macro != null)
			return LocateOptions.parse(macro);
		if (!canShowDialog())
			throw new IllegalArgumentException(LocateParameter.DIAMETER.key() + " is required");
		final Map<String, String> values = new LocateDialog(imp).show();
		dialogValues = values;
		return values == null ? null : LocateOptions.from(values);
	}

	/**
	 * Whether a dialog may be shown: not headless, not in batch mode, and not
	 * from a macro without an ImageJ window (plain {@code ImageJ -batch}),
	 * where nobody could answer it. There a run without options fails with
	 * the command line's message, "diameter is required".
	 */
	static boolean canShowDialog() {
		if (GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode())
			return false;
		return !(IJ.getInstance() == null && Interpreter.getInstance() != null);
	}

	/**
	 * Reports an error and stops the running macro. Plain ImageJ's
	 * {@code -batch} mode has a display but no ImageJ window: there a modal
	 * error dialog (what {@code IJ.error} shows from a macro) would wait for a
	 * click forever, so the message goes to the console (the Log) and the
	 * macro is aborted quietly instead.
	 */
	private static void error(final String message) {
		if (IJ.getInstance() == null && !GraphicsEnvironment.isHeadless() && Interpreter.getInstance() != null) {
			IJ.log(TITLE + ": " + message);
			Interpreter.abort();
			return;
		}
		IJ.error(TITLE, message);
	}
}
