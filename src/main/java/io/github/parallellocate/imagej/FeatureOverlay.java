package io.github.parallellocate.imagej;

import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;

/**
 * One circle per feature, {@code diameter} wide and centred on the feature
 * in ImageJ's pixel-corner convention ({@code x + 0.5, y + 0.5}), each bound
 * to its plane so scrolling the stack shows that plane's features: by
 * channel/slice/frame on a hyperstack, by stack index otherwise.
 */
public final class FeatureOverlay {

	private FeatureOverlay() {}

	/** The circles of the rows. */
	public static Overlay create(final ImagePlus imp, final List<FeatureRow> rows, final int diameter) {
		final Overlay overlay = new Overlay();
		final boolean hyper = imp.isHyperStack();
		final boolean channels = imp.getNChannels() > 1; // else 0: the ROI shows in the only channel
		final double r = diameter / 2.0;
		for (final FeatureRow row : rows) {
			final Roi roi = new OvalRoi(row.x() + 0.5 - r, row.y() + 0.5 - r, diameter, diameter);
			final PlanePosition p = row.position();
			if (hyper)
				roi.setPosition(channels ? p.channel() : 0, p.slice(), p.frame() + 1);
			else
				roi.setPosition(p.stackIndex());
			overlay.add(roi);
		}
		return overlay;
	}
}
