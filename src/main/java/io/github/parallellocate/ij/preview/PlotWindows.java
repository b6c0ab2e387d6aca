package io.github.parallellocate.ij.preview;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.gui.Plot;
import ij.gui.PlotWindow;

/**
 * The preview's plot windows (GUI only): one window per plot title, opened on
 * first use and redrawn in place afterwards; a window the user closed is
 * opened again on the next update.
 */
final class PlotWindows {

	private final Map<String, PlotWindow> windows = new HashMap<>();

	/** Shows the plots, reusing their windows. */
	void show(final List<Plot> plots) {
		for (final Plot p : plots) {
			final String title = p.getTitle();
			final PlotWindow w = windows.get(title);
			if (w != null && w.isVisible() && !w.isClosed())
				w.drawPlot(p);
			else
				windows.put(title, place(p.show(), windows.size()));
		}
	}

	/** Puts the {@code i}-th new window beside the previous ones, from the top left. */
	private static PlotWindow place(final PlotWindow w, final int i) {
		if (w != null)
			w.setLocation(10 + i * (w.getWidth() / 2 + 20), 10 + i * 30);
		return w;
	}

	/** Closes every window. */
	void close() {
		for (final PlotWindow w : windows.values())
			if (w != null && !w.isClosed())
				w.close();
		windows.clear();
	}
}
