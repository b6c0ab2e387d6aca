package io.github.parallellocate.ij.preview;

import java.awt.AWTEvent;
import java.awt.Checkbox;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.Label;
import java.awt.Panel;
import java.util.Map;
import java.util.function.Function;

import ij.ImagePlus;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.analysis.SubpixelBias;

/**
 * The live preview in the "Locate Features" dialog: a "Preview" check box
 * (not recorded by the macro recorder), a "Plots" check box (mass, size and
 * sub-pixel bias of the previewed plane, see {@link PreviewPlots}) and a
 * status line. While "Preview" is on, every change of a field and every
 * change of the displayed plane re-locates the current plane in the
 * background ({@link PreviewSession}).
 * <pre>
 * LivePreview preview = LivePreview.attach(gd, imp, this::readParameters);
 * try { gd.showDialog(); } finally { preview.close(); }
 * </pre>
 * Add it after the dialog's last check box: its check box then does not
 * shift the dialog's own {@code getNextBoolean()} order.
 */
public final class LivePreview implements DialogListener, PreviewSession.Listener {

	/** The label of the dialog's preview check box. */
	public static final String PREVIEW_LABEL = "Preview (current plane)";
	/** The label of the plots check box. */
	public static final String PLOTS_LABEL = "Plots (mass, size, sub-pixel bias)";

	private final Function<GenericDialog, Map<String, String>> reader;
	private final PreviewSession session;
	private final Checkbox plots = new Checkbox(PLOTS_LABEL, false);
	private final Label status = new Label("Preview: cyan = features, magenta = rejected by minmass/maxsize/topn");
	private final PlotWindows plotWindows = new PlotWindows(PreviewPlots.PREVIEW_WINDOW);
	private final ImagePlus imp;
	private PreviewResult last;

	private LivePreview(final ImagePlus imp, final Function<GenericDialog, Map<String, String>> reader) {
		this.reader = reader;
		this.imp = imp;
		session = new PreviewSession(imp).listener(this);
	}

	/**
	 * Adds the preview controls to {@code gd} and listens to its fields.
	 *
	 * @param reader reads the dialog's fields as macro keys and text values
	 */
	public static LivePreview attach(final GenericDialog gd, final ImagePlus imp,
			final Function<GenericDialog, Map<String, String>> reader) {
		final LivePreview p = new LivePreview(imp, reader);
		gd.addPreviewCheckbox(null, PREVIEW_LABEL);
		final Panel panel = new Panel(new GridLayout(2, 1));
		final Panel row = new Panel(new FlowLayout(FlowLayout.LEFT, 0, 0));
		row.add(p.plots);
		panel.add(row);
		panel.add(p.status);
		gd.addPanel(panel);
		gd.addDialogListener(p);
		p.plots.addItemListener(e -> p.plotsChanged());
		return p;
	}

	/**
	 * Never vetoes: invalid values are shown in the status line, and OK
	 * reports them. The call ImageJ makes after OK ({@code e == null}) reads
	 * every field whatever Preview's state: what is read there is what the
	 * macro recorder records.
	 */
	@Override
	public boolean dialogItemChanged(final GenericDialog gd, final AWTEvent e) {
		if (e == null) {
			reader.apply(gd);
			return true;
		}
		final boolean on = gd.isPreviewActive();
		if (on)
			session.update(reader.apply(gd));
		session.setEnabled(on);
		if (!on) {
			plotWindows.close();
			last = null;
		}
		return true;
	}

	@Override
	public void previewed(final PreviewResult result) {
		last = result;
		final String hint = SubpixelBias.of(result.accepted()).hint();
		status.setText(result.summary() + (hint == null ? "" : "; " + hint));
		if (plots.getState())
			plotWindows.show(PreviewPlots.all(result), imp);
	}

	@Override
	public void failed(final String message) {
		status.setText("Preview: " + message);
	}

	private void plotsChanged() {
		if (!plots.getState())
			plotWindows.close();
		else if (last != null)
			plotWindows.show(PreviewPlots.all(last), imp);
	}

	/** Whether the Plots box is ticked: the run's plots are then shown too. */
	public boolean plotsWanted() {
		return plots.getState();
	}

	/** Ends the preview: restores the image's overlay and closes the plots. */
	public void close() {
		session.close();
		plotWindows.close();
	}
}
