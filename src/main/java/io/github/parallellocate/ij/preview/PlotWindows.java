package io.github.parallellocate.ij.preview;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Window;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageWindow;
import ij.gui.Plot;
import ij.process.ImageProcessor;

/**
 * One window of plots (GUI only): the plots are the slices of one stack
 * (mass, size, sub-pixel bias; scroll to switch), opened on first use
 * beside the image it describes (right of it, else left, else below; never
 * over it) and redrawn in place afterwards, keeping the slice shown; a
 * window the user closed is opened again on the next update.
 */
final class PlotWindows {

	private final String title;
	private ImagePlus plots;

	PlotWindows(final String title) {
		this.title = title;
	}

	/** The plots as one stack of images (slice labels = plot titles). */
	static ImageStack stack(final List<Plot> list) {
		ImageStack stack = null;
		for (final Plot p : list) {
			final ImageProcessor ip = p.getProcessor();
			if (stack == null)
				stack = new ImageStack(ip.getWidth(), ip.getHeight());
			stack.addSlice(p.getTitle(), ip);
		}
		return stack;
	}

	/** Shows the plots beside {@code image}, reusing the window. */
	void show(final List<Plot> list, final ImagePlus image) {
		final ImageStack stack = stack(list);
		if (plots != null && plots.getWindow() != null && plots.getWindow().isShowing()) {
			final int slice = plots.getCurrentSlice();
			plots.setStack(stack);
			plots.setSlice(Math.min(slice, stack.getSize()));
			return;
		}
		plots = new ImagePlus(title, stack);
		if (GraphicsEnvironment.isHeadless())
			return;
		plots.show();
		place(plots.getWindow(), image == null ? null : image.getWindow());
	}

	/** The plots' image (null before the first {@link #show}). */
	ImagePlus image() {
		return plots;
	}

	/**
	 * Puts {@code w} beside {@code image}: to its right if it fits on the
	 * screen, else to its left, else below it; top-aligned with it.
	 */
	static void place(final Window w, final ImageWindow image) {
		if (w == null || image == null)
			return;
		final Rectangle img = image.getBounds();
		final Rectangle screen = image.getGraphicsConfiguration() == null
			? new Rectangle(new Dimension(java.awt.Toolkit.getDefaultToolkit().getScreenSize()))
			: image.getGraphicsConfiguration().getBounds();
		final int gap = 10;
		int x = img.x + img.width + gap;
		int y = img.y;
		if (x + w.getWidth() > screen.x + screen.width) {
			x = img.x - gap - w.getWidth();
			if (x < screen.x) {
				x = img.x;
				y = img.y + img.height + gap;
			}
		}
		w.setLocation(Math.max(screen.x, x), Math.max(screen.y, y));
	}

	/** Closes the window. */
	void close() {
		if (plots != null && plots.getWindow() != null)
			plots.close();
		plots = null;
	}
}
