package io.github.parallellocate.fiji;

import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Planes;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The planes of an ImgLib2 image, for the engine: dimensions 0 and 1 are x
 * and y (ImgLib2's convention), every further dimension is a stack axis, and
 * the planes are taken in ImgLib2's flat order (dimension 2 fastest), each
 * one a frame ({@code frame} = its 0-based index).
 * <ul>
 * <li>{@link PlanarImg}: each plane is the image's own array (no copy).</li>
 * <li>{@link ArrayImg}: a 2D image is wrapped without copying; the planes of a
 * stack are contiguous runs of its one array, each copied with one
 * {@code System.arraycopy} into the worker's buffer (a plane of the core
 * wraps a whole array).</li>
 * <li>Any other {@link RandomAccessibleInterval} (views, cell images...): each
 * plane is cut with {@link Views#hyperSlice} and copied by
 * {@link Planes#of}.</li>
 * </ul>
 * Pixel types: unsigned 8-bit, unsigned 16-bit and 32-bit float, as trackpy
 * reads them.
 */
public final class ImgPlaneSource implements PlaneSource {

	private final RandomAccessibleInterval<?> img;
	private final int width, height, planes;

	/**
	 * @throws IllegalArgumentException one line: fewer than 2 dimensions, an
	 *           unsupported pixel type, a plane or stack too large
	 */
	public ImgPlaneSource(final RandomAccessibleInterval<?> img) {
		this.img = img;
		final int n = img.numDimensions();
		if (n < 2)
			throw new IllegalArgumentException("img must have at least 2 dimensions (x, y), got " + n);
		final Object type = img.getType();
		if (!(type instanceof UnsignedByteType || type instanceof UnsignedShortType || type instanceof FloatType))
			throw new IllegalArgumentException("img: unsupported pixel type " + type.getClass().getSimpleName()
				+ " (supported: UnsignedByteType, UnsignedShortType, FloatType)");
		final long w = img.dimension(0), h = img.dimension(1);
		if (w * h > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("img: plane too large, " + w + "x" + h);
		long p = 1;
		for (int d = 2; d < n; d++)
			p *= img.dimension(d);
		if (p > Integer.MAX_VALUE)
			throw new IllegalArgumentException("img: too many planes (" + p + ")");
		width = (int) w;
		height = (int) h;
		planes = (int) p;
	}

	@Override
	public int size() {
		return planes;
	}

	@Override
	public String describe(final int index) {
		return "img plane " + index + " of " + planes;
	}

	@Override
	public PlaneReader newReader() {
		if (img instanceof PlanarImg && zeroMin() && storage(((PlanarImg<?, ?>) img).getPlane(0)) != null)
			return this::planar;
		if (img instanceof ArrayImg && zeroMin() && img.numDimensions() > 2
			&& storage(((ArrayImg<?, ?>) img).update(null)) != null)
			return new ArrayReader(storage(((ArrayImg<?, ?>) img).update(null)));
		return this::sliced;
	}

	private boolean zeroMin() {
		for (int d = 0; d < img.numDimensions(); d++)
			if (img.min(d) != 0)
				return false;
		return true;
	}

	/** The primitive array behind an access if it is the one the pixel type reads, else null. */
	private Object storage(final Object access) {
		if (!(access instanceof ArrayDataAccess))
			return null;
		final Object a = ((ArrayDataAccess<?>) access).getCurrentStorageArray();
		final Object type = img.getType();
		final boolean matches = type instanceof UnsignedByteType ? a instanceof byte[]
			: type instanceof UnsignedShortType ? a instanceof short[] : type instanceof FloatType && a instanceof float[];
		return matches ? a : null;
	}

	/** The plane's own array. */
	private Plane planar(final int index) {
		return Plane.of(storage(((PlanarImg<?, ?>) img).getPlane(index)), width, height);
	}

	/** A hyperslice per stack dimension, then the core's conversion (a copy unless a 2D ArrayImg). */
	private Plane sliced(final int index) {
		RandomAccessibleInterval<?> plane = img;
		long rest = index;
		final long[] position = new long[img.numDimensions()];
		for (int d = 2; d < position.length; d++) {
			position[d] = img.min(d) + rest % img.dimension(d);
			rest /= img.dimension(d);
		}
		for (int d = position.length - 1; d >= 2; d--)
			plane = Views.hyperSlice(plane, d, position[d]);
		return Planes.of(plane);
	}

	/** One worker's reader of an ArrayImg stack: each plane copied into its reused buffer. */
	private final class ArrayReader implements PlaneReader {
		private final Object storage;
		private final Object buffer;

		ArrayReader(final Object storage) {
			this.storage = storage;
			final int n = width * height;
			buffer = storage instanceof byte[] ? new byte[n] : storage instanceof short[] ? new short[n] : new float[n];
		}

		@Override
		public Plane read(final int index) {
			final int n = width * height;
			System.arraycopy(storage, index * n, buffer, 0, n);
			return Plane.of(buffer, width, height);
		}
	}
}
