package io.github.parallellocate.testutil;

import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;

/** Shared fixtures of the preview tests: bulk water planes and the core run directly. */
public final class PreviewTesting {

	private PreviewTesting() {}

	/** The first {@code n} planes of the bulk water stack (skips when ../shared is absent). */
	public static ImagePlus bulkWater(final int n) {
		final ImagePlus all = IJ.openImage(SharedData.bulkWaterTiff().toString());
		if (all == null)
			throw new IllegalStateException("cannot open the bulk water TIFF");
		final ImageStack s = all.getStack();
		final ImageStack sub = new ImageStack(s.getWidth(), s.getHeight());
		for (int i = 1; i <= n; i++)
			sub.addSlice(s.getProcessor(i));
		return new ImagePlus("bulk_water_" + n, sub);
	}

	/** Plane {@code stackIndex} (1-based) of an 8-bit image. */
	public static Plane plane(final ImagePlus imp, final int stackIndex) {
		return Plane.of(imp.getStack().getPixels(stackIndex), imp.getWidth(), imp.getHeight());
	}

	/** What the core returns for the plane with {@code params}. */
	public static List<Feature> core(final Plane plane, final LocateParameters params) {
		return new FeatureLocator(params).locate(plane);
	}
}
