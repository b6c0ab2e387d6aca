package io.github.parallellocate.core;

/**
 * A plane ({@link Plane}, 2D) or a volume ({@link Volume}, 3D) of unsigned
 * 8-bit, unsigned 16-bit or 32-bit float pixels: what trackpy's
 * {@code locate} takes as a 2D or 3D numpy array. Both wrap primitive arrays
 * without copying them (the layout of ImageJ processors and stacks and of
 * ImgLib2 {@code ArrayImg}s and {@code PlanarImg}s; see {@link Images}).
 * <p>
 * Shapes and per-axis values are in trackpy's (numpy's) axis order:
 * {@code (z, y, x)} for a volume, {@code (y, x)} for a plane.
 * </p>
 */
public sealed interface Image permits Plane, Volume {

	/** 2 for a plane, 3 for a volume. */
	int ndim();

	/** The shape in trackpy's order: {@code {height, width}} or {@code {depth, height, width}}. */
	int[] shape();

	/** Pixels per row (x). */
	int width();

	/** Rows per slice (y). */
	int height();

	/** Slices (z): 1 for a plane. */
	int depth();

	/** The pixels (voxels): width x height x depth. */
	default long pixelCount() {
		return (long) width() * height() * depth();
	}

	PixelType type();

	/** The value at (x, y, z) as a double (unsigned for integer types; z = 0 for a plane). */
	double get(int x, int y, int z);

	/**
	 * This image as a plane.
	 *
	 * @throws IllegalArgumentException if it is a volume
	 */
	default Plane asPlane() {
		if (this instanceof Plane)
			return (Plane) this;
		throw new IllegalArgumentException("expected a plane, got a volume of " + depth() + " slices (" + this + ")");
	}

	/** A short description, e.g. {@code 96x96x40 UINT8} (x first, as ImageJ writes sizes). */
	default String describe() {
		return ndim() == 2 ? width() + "x" + height() + " " + type() : width() + "x" + height() + "x" + depth() + " " + type();
	}
}
