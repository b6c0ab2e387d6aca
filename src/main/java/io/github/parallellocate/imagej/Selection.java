package io.github.parallellocate.imagej;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import io.github.parallellocate.core.Feature;

/**
 * An area selection to locate in, as ImageJ's filters (and TrackMate) use
 * one: planes are cropped to its bounding rectangle (clipped to the image),
 * which for a rectangle is exactly numpy's {@code image[y:y+h, x:x+w]}, so
 * the features are trackpy's on that crop; positions are shifted back to the
 * whole image's pixels. For any other shape only the features whose position
 * lies inside the shape are kept (ImageJ's convention: pixel {@code (0, 0)}
 * spans 0 to 1, so the test is at {@code x + 0.5, y + 0.5}).
 *
 * @param bounds the crop, inside the image
 * @param shape the selection, or null for a plain rectangle (nothing to filter)
 */
public record Selection(Rectangle bounds, Roi shape) {

	/**
	 * The selection of a ROI in an image of the given size, or null to locate
	 * whole planes (no ROI, or a line or point selection, which ImageJ's
	 * filters ignore too).
	 *
	 * @throws IllegalArgumentException if the selection lies outside the image
	 */
	public static Selection of(final Roi roi, final int width, final int height) {
		if (roi == null || !roi.isArea())
			return null;
		final Rectangle b = roi.getBounds().intersection(new Rectangle(0, 0, width, height));
		if (b.isEmpty())
			throw new IllegalArgumentException("the selection is outside the image");
		final boolean rectangle = roi.getType() == Roi.RECTANGLE && roi.getCornerDiameter() == 0;
		return new Selection(b, rectangle ? null : roi);
	}

	/**
	 * The features of the crop (in its own coordinates) moved to the whole
	 * image's coordinates, and those outside a non-rectangular shape dropped.
	 */
	public List<Feature> keep(final List<Feature> features) {
		final List<Feature> out = new ArrayList<>(features.size());
		for (final Feature f : features) {
			final Feature g = shifted(f, bounds.y, bounds.x);
			if (shape == null || shape.containsPoint(g.x() + 0.5, g.y() + 0.5))
				out.add(g);
		}
		return out;
	}

	/** A copy of {@code f} moved by {@code dy, dx} pixels (z unchanged). */
	public static Feature shifted(final Feature f, final double dy, final double dx) {
		final int n = f.ndim();
		final double[] pos = new double[n];
		for (int i = 0; i < n; i++)
			pos[i] = f.position(i);
		pos[n - 2] += dy;
		pos[n - 1] += dx;
		final double[] size = new double[f.isAnisotropic() ? n : 1];
		for (int i = 0; i < size.length; i++)
			size[i] = f.isAnisotropic() ? f.size(i) : f.size();
		final double[] ep = new double[f.isEpPerAxis() ? n : 1];
		for (int i = 0; i < ep.length; i++)
			ep[i] = f.isEpPerAxis() ? f.ep(i) : f.ep();
		return Feature.of(pos, f.mass(), size, f.ecc(), f.signal(), f.rawMass(), ep);
	}
}
