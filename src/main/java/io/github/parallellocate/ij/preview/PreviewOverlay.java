package io.github.parallellocate.ij.preview;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.imagej.FeatureOverlay;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.PlanePosition;

/**
 * The preview's overlay on the previewed plane: a circle per accepted feature
 * in {@link #ACCEPTED} and per rejected candidate in {@link #REJECTED}
 * (colour-blind safe: cyan and magenta), drawn the way
 * {@link FeatureOverlay} draws the result. Each ROI's name says which it is.
 */
public final class PreviewOverlay {

	/** The colour of accepted features. */
	public static final Color ACCEPTED = Color.CYAN;
	/** The colour of candidates that {@code minmass}, {@code maxsize} or {@code topn} reject. */
	public static final Color REJECTED = Color.MAGENTA;

	private PreviewOverlay() {}

	/** The overlay of a preview of the plane at {@code position}. */
	public static Overlay create(final ImagePlus imp, final PlanePosition position, final PreviewResult r) {
		final io.github.parallellocate.core.PerAxis d = r.params().diameter();
		final Overlay overlay = new Overlay();
		add(overlay, FeatureOverlay.create(imp, rows(position, r.rejected()), d), REJECTED, "rejected");
		add(overlay, FeatureOverlay.create(imp, rows(position, r.accepted()), d), ACCEPTED, "accepted");
		return overlay;
	}

	private static void add(final Overlay to, final Overlay from, final Color color, final String name) {
		for (final Roi roi : from.toArray()) {
			roi.setStrokeColor(color);
			roi.setName(name);
			to.add(roi);
		}
	}

	private static List<FeatureRow> rows(final PlanePosition position, final List<Feature> features) {
		final List<FeatureRow> rows = new ArrayList<>(features.size());
		for (final Feature f : features)
			rows.add(new FeatureRow(position, f));
		return rows;
	}
}
