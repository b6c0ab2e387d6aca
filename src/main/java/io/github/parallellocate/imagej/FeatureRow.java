package io.github.parallellocate.imagej;

import io.github.parallellocate.core.Feature;


/**
 * One located feature and the plane it came from. Coordinates are trackpy's
 * (origin at the centre of pixel (0, 0)); ImageJ's ROI coordinates are these
 * plus 0.5.
 *
 * @param position the plane: frame (0-based), slice and channel (1-based)
 * @param feature trackpy's columns
 */
public record FeatureRow(PlanePosition position, Feature feature) {

	/** 0-based time frame, as trackpy's {@code frame} column. */
	public int frame() {
		return position.frame();
	}

	/** 1-based z slice. */
	public int slice() {
		return position.slice();
	}

	/** 1-based channel (RGB: 1 = red, 2 = green, 3 = blue). */
	public int channel() {
		return position.channel();
	}

	public double x() {
		return feature.x();
	}

	public double y() {
		return feature.y();
	}

	public double mass() {
		return feature.mass();
	}
}
