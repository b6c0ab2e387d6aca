package io.github.parallellocate.testutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.core.Volume;

/** Reads TZYX ImageJ hyperstacks (the shared 3D data) as one {@link Volume} per time point, with ImageJ. */
public final class Hyperstacks {

	private Hyperstacks() {}

	public static List<Volume> volumes(final Path tiff) {
		final ImagePlus imp = IJ.openImage(tiff.toString());
		if (imp == null)
			throw new IllegalStateException("ImageJ cannot open " + tiff);
		final ImageStack stack = imp.getStack();
		final List<Volume> out = new ArrayList<>();
		for (int t = 1; t <= imp.getNFrames(); t++) {
			final List<Object> slices = new ArrayList<>();
			for (int z = 1; z <= imp.getNSlices(); z++)
				slices.add(stack.getPixels(imp.getStackIndex(1, z, t)));
			out.add(Volume.ofSlices(slices, imp.getWidth(), imp.getHeight()));
		}
		return out;
	}
}
