package io.github.parallellocate.ij.preview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.imagej.ImagePlusPlaneSource;

/**
 * The features to draw on each plane of an image, taken from a
 * "Locate Features" results table (columns {@code x, y, mass, frame, slice,
 * channel}; for volumes {@code z}: the slice nearest it) or, without a table (e.g. headless, where tables are not shown),
 * from the circles "Locate Features" put on the image's overlay.
 *
 * @param byStackIndex features per 1-based stack index
 * @param diameter the circles' diameter found in the overlay, or NaN (a table
 *          does not say)
 * @param hasMass whether the features carry their mass (a table does, an
 *          overlay does not)
 * @param origin where they came from, for messages
 */
public record AnnotationSource(Map<Integer, List<Feature>> byStackIndex, double diameter, boolean hasMass,
		String origin) {

	/** The features of stack index {@code i} (none if absent). */
	public List<Feature> plane(final int i) {
		return byStackIndex.getOrDefault(i, List.of());
	}

	/** The number of features. */
	public int size() {
		return byStackIndex.values().stream().mapToInt(List::size).sum();
	}

	/**
	 * Reads a table of Locate Features.
	 *
	 * @throws IllegalArgumentException with a one-line message if a column is
	 *           missing or a row's plane is not in the image
	 */
	public static AnnotationSource fromTable(final ImagePlus imp, final ResultsTable rt, final String title) {
		for (final String c : new String[] { "x", "y", "frame" })
			if (!rt.columnExists(c))
				throw new IllegalArgumentException("table '" + title + "' has no '" + c
					+ "' column: annotate needs a table made by Locate Features");
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final boolean plain = new ImagePlusPlaneSource(imp, rgb ? 1 : 0).framesArePlanes();
		final boolean hasMass = rt.columnExists("mass");
		final boolean volumes = rt.columnExists("z"); // features of volumes: drawn on the slice nearest z
		final Map<Integer, List<Feature>> map = new HashMap<>();
		for (int r = 0; r < rt.size(); r++) {
			final int frame = (int) rt.getValue("frame", r);
			final int slice = volumes ? (int) Math.round(rt.getValue("z", r)) + 1
				: rt.columnExists("slice") ? (int) rt.getValue("slice", r) : 1;
			final int channel = rgb || !rt.columnExists("channel") ? 1 : (int) rt.getValue("channel", r);
			final int index = plain && !volumes ? frame + 1 : stackIndex(imp, channel, slice, frame + 1);
			if (index < 1 || index > imp.getStackSize())
				throw new IllegalArgumentException("table '" + title + "', row " + (r + 1) + ": frame " + frame
					+ " is not in the image (" + imp.getStackSize() + " planes)");
			final double mass = hasMass ? rt.getValue("mass", r) : Double.NaN;
			map.computeIfAbsent(index, k -> new ArrayList<>()).add(at(rt.getValue("x", r), rt.getValue("y", r), mass));
		}
		return new AnnotationSource(map, Double.NaN, hasMass, "table '" + title + "'");
	}

	/**
	 * Reads the circles of the image's overlay (centre = feature, width =
	 * diameter); other ROIs are ignored.
	 *
	 * @throws IllegalArgumentException if the overlay has no circles
	 */
	public static AnnotationSource fromOverlay(final ImagePlus imp) {
		final Overlay o = imp.getOverlay();
		final Map<Integer, List<Feature>> map = new HashMap<>();
		double diameter = Double.NaN;
		if (o != null)
			for (final Roi roi : o.toArray()) {
				if (!(roi instanceof OvalRoi))
					continue;
				final double w = roi.getFloatWidth();
				diameter = Double.isNaN(diameter) ? w : diameter;
				final Feature f = at(roi.getXBase() + w / 2 - 0.5, roi.getYBase() + roi.getFloatHeight() / 2 - 0.5,
					Double.NaN);
				for (final int i : planesOf(imp, roi))
					map.computeIfAbsent(i, k -> new ArrayList<>()).add(f);
			}
		if (map.isEmpty())
			throw new IllegalArgumentException("no features: no 'Features' table and no circles on the overlay of '"
				+ imp.getTitle() + "' (run Locate Features... first)");
		return new AnnotationSource(map, diameter, false, "the overlay");
	}

	/** The stack indices a ROI shows on (all for an unpositioned ROI). */
	private static List<Integer> planesOf(final ImagePlus imp, final Roi roi) {
		if (roi.hasHyperStackPosition())
			return List.of(stackIndex(imp, Math.max(1, roi.getCPosition()), roi.getZPosition(), roi.getTPosition()));
		if (roi.getPosition() > 0)
			return List.of(roi.getPosition());
		final List<Integer> all = new ArrayList<>();
		for (int i = 1; i <= imp.getStackSize(); i++)
			all.add(i);
		return all;
	}

	private static int stackIndex(final ImagePlus imp, final int c, final int z, final int t) {
		if (c < 1 || c > imp.getNChannels() || z < 1 || z > imp.getNSlices() || t < 1 || t > imp.getNFrames())
			return -1;
		return imp.getStackIndex(c, z, t);
	}

	private static Feature at(final double x, final double y, final double mass) {
		return new Feature(y, x, mass, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
	}
}
