package io.github.parallellocate.imagej;

import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.PerAxis;

/**
 * One circle per feature, {@code diameter} wide and centred on the feature
 * in ImageJ's pixel-corner convention ({@code x + 0.5, y + 0.5}), each bound
 * to its plane so scrolling the stack shows that plane's features: by
 * channel/slice/frame on a hyperstack, by stack index otherwise.
 */
public final class FeatureOverlay {

	private FeatureOverlay() {}

	/**
	 * The name of a feature's outline, as the ROI Manager lists it:
	 * {@code f0012-#34} is feature 34 (0-based, trackpy's row index within
	 * its frame) of frame 12.
	 */
	public static String name(final int frame, final int number) {
		return String.format(java.util.Locale.ROOT, "f%04d-#%d", frame, number);
	}

	/** Whether a ROI name is a feature's outline name ({@link #name}). */
	public static boolean isFeatureName(final String name) {
		return name.matches("f\\d{4,}-#\\d+");
	}

	/** The circles of the rows (planes) with one diameter. */
	public static Overlay create(final ImagePlus imp, final List<FeatureRow> rows, final int diameter) {
		return create(imp, rows, PerAxis.of(diameter));
	}

	/**
	 * The outlines of the rows: a circle (an ellipse for a per-axis
	 * diameter) per feature of a plane; for a feature of a volume, one on
	 * every slice the feature spans ({@code |slice - z| < dz / 2}), with the
	 * radius of the ellipsoid's cross-section there.
	 */
	public static Overlay create(final ImagePlus imp, final List<FeatureRow> rows, final PerAxis diameter) {
		final Overlay overlay = new Overlay();
		final boolean hyper = imp.isHyperStack();
		final boolean channels = imp.getNChannels() > 1; // else 0: the ROI shows in the only channel
		PlanePosition last = null;
		int number = 0;
		for (final FeatureRow row : rows) {
			final Feature f = row.feature();
			final PlanePosition p = row.position();
			number = p.equals(last) ? number + 1 : 0;
			last = p;
			final String name = name(p.frame(), number);
			if (f.ndim() == 2) {
				final double[] d = diameter.resolve(2, "diameter");
				final Roi roi = new OvalRoi(f.x() + 0.5 - d[1] / 2, f.y() + 0.5 - d[0] / 2, d[1], d[0]);
				roi.setName(name);
				if (hyper)
					roi.setPosition(channels ? p.channel() : 0, p.slice(), p.frame() + 1);
				else
					roi.setPosition(p.stackIndex());
				overlay.add(roi);
				continue;
			}
			final double[] d = diameter.resolve(3, "diameter");
			final double rz = d[0] / 2;
			final int from = Math.max(0, (int) Math.ceil(f.z() - rz + 1e-9));
			final int to = Math.min(imp.getNSlices() - 1, (int) Math.floor(f.z() + rz - 1e-9));
			for (int s = from; s <= to; s++) {
				final double k = Math.sqrt(Math.max(0, 1 - Math.pow((s - f.z()) / rz, 2)));
				final double ry = d[1] / 2 * k, rx = d[2] / 2 * k;
				final Roi roi = new OvalRoi(f.x() + 0.5 - rx, f.y() + 0.5 - ry, 2 * rx, 2 * ry);
				roi.setName(name);
				if (hyper)
					roi.setPosition(channels ? p.channel() : 0, s + 1, p.frame() + 1);
				else
					roi.setPosition(s + 1);
				overlay.add(roi);
			}
		}
		return overlay;
	}
}
