package io.github.parallellocate.ij.preview;

import java.awt.Frame;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.lang.ref.WeakReference;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.text.TextPanel;
import ij.text.TextWindow;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.imagej.FeatureOverlay;

/**
 * Table to image: clicking a row of the Features table (or moving the
 * selection with the arrow keys) shows that feature's plane in the image
 * and outlines the feature with a selection named as in the ROI Manager
 * ({@code f0012-#34}). The row's values are read from the table itself, so
 * a sorted table still points at the right feature. For a feature of a
 * volume, the slice nearest its {@code z} is shown, with the cross-section
 * there.
 */
public final class TableLink {

	private TableLink() {}

	/**
	 * Links the window showing {@code table} (if any) to {@code imp}.
	 *
	 * @return whether a window was found
	 */
	public static boolean attach(final ImagePlus imp, final ResultsTable table, final PerAxis diameter) {
		final TextWindow w = windowOf(table);
		if (w == null)
			return false;
		final TextPanel tp = w.getTextPanel();
		final WeakReference<ImagePlus> image = new WeakReference<>(imp);
		final Runnable follow = () -> {
			final ImagePlus i = image.get();
			final int row = tp.getSelectionStart();
			if (i != null && i.getWindow() != null && row >= 0 && row < table.size() && tp.getResultsTable() == table)
				select(i, table, row, diameter);
		};
		tp.addMouseListener(new MouseAdapter() {
			@Override
			public void mouseReleased(final MouseEvent e) {
				follow.run();
			}
		});
		tp.addKeyListener(new KeyAdapter() {
			@Override
			public void keyReleased(final KeyEvent e) {
				if (e.getKeyCode() == KeyEvent.VK_UP || e.getKeyCode() == KeyEvent.VK_DOWN)
					follow.run();
			}
		});
		return true;
	}

	/** The text window showing {@code table}, or null. */
	static TextWindow windowOf(final ResultsTable table) {
		for (final Frame f : WindowManager.getNonImageWindows())
			if (f instanceof TextWindow tw && tw.getResultsTable() == table)
				return tw;
		for (final java.awt.Window w : java.awt.Window.getWindows()) // shown but not yet in ImageJ's list
			if (w instanceof TextWindow tw && tw.getResultsTable() == table)
				return tw;
		return null;
	}

	/**
	 * Shows the plane of row {@code row} of a Features table and outlines the
	 * feature.
	 *
	 * @return the outline set as the image's selection
	 */
	public static Roi select(final ImagePlus imp, final ResultsTable table, final int row, final PerAxis diameter) {
		final double x = table.getValue("x", row), y = table.getValue("y", row);
		final int frame = (int) table.getValue("frame", row);
		final int channel = table.columnExists("channel") ? (int) table.getValue("channel", row) : 1;
		final boolean volume = table.columnExists("z");
		double rx, ry;
		final int slice;
		if (volume) {
			final double[] d = diameter.resolve(3, "diameter");
			final double z = table.getValue("z", row);
			slice = (int) Math.max(0, Math.min(imp.getNSlices() - 1, Math.round(z)));
			final double k = Math.sqrt(Math.max(0, 1 - Math.pow((slice - z) / (d[0] / 2), 2)));
			ry = d[1] / 2 * k;
			rx = d[2] / 2 * k;
		}
		else {
			final double[] d = diameter.resolve(2, "diameter");
			slice = table.columnExists("slice") ? (int) table.getValue("slice", row) - 1 : 0;
			ry = d[0] / 2;
			rx = d[1] / 2;
		}
		final boolean planesAreFrames = !volume && imp.getNChannels() == 1 && (imp.getNSlices() == 1 || imp.getNFrames() == 1);
		if (planesAreFrames)
			imp.setSlice(Math.max(1, Math.min(imp.getStackSize(), frame + 1)));
		else
			imp.setPosition(Math.max(1, Math.min(channel, imp.getNChannels())), slice + 1, frame + 1);
		final Roi roi = new OvalRoi(x + 0.5 - rx, y + 0.5 - ry, 2 * rx, 2 * ry);
		roi.setName(FeatureOverlay.name(frame, numberInFrame(table, row, frame)));
		imp.setRoi(roi);
		return roi;
	}

	/** The feature's number within its frame (rows of a frame are contiguous in the table as made). */
	private static int numberInFrame(final ResultsTable table, final int row, final int frame) {
		int n = 0;
		for (int r = row - 1; r >= 0 && (int) table.getValue("frame", r) == frame; r--)
			n++;
		return n;
	}
}
