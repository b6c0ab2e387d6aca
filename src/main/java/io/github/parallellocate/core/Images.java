package io.github.parallellocate.core;

import java.util.ArrayList;
import java.util.List;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * ImgLib2 images as {@link Image}s: the public entry of the core. ImgLib2's
 * dimensions are x, y(, z, ...) (dimension 0 = x); trackpy's order is the
 * reverse, (z,) y, x, and so are {@link Image#shape()} and every per-axis
 * parameter.
 * <ul>
 * <li>{@link #of}: a 2D image is a {@link Plane}, a 3D one a {@link Volume}.</li>
 * <li>{@link #frame}: a stack or hyperstack of more dimensions is a sequence
 * of frames, each the first {@code ndim} dimensions at one position of the
 * others ({@code Views.hyperSlice} of each further dimension; the first
 * further dimension counts fastest). A 3D image is a movie of planes
 * ({@code ndim} 2) or one volume ({@code ndim} 3); a 4D x, y, z, t
 * hyperstack is a movie of volumes.</li>
 * </ul>
 * Pixels: {@code UnsignedByteType}, {@code UnsignedShortType} and
 * {@code FloatType}. Zero copy for {@code ArrayImg}s and {@code PlanarImg}s
 * (and ImageJ's {@code ImagePlusImg}, a {@code PlanarImg}) whose origin is
 * 0, except a plane of a larger {@code ArrayImg} (a plane cannot start
 * inside an array); a copy for any other image or view.
 */
public final class Images {

	private Images() {}

	/**
	 * A 2D image as a {@link Plane}, a 3D one as a {@link Volume}.
	 *
	 * @throws IllegalArgumentException for other dimensionalities or pixel types
	 */
	public static <T extends RealType<T>> Image of(final RandomAccessibleInterval<T> img) {
		final int n = img.numDimensions();
		if (n != 2 && n != 3)
			throw new IllegalArgumentException("an image to locate in must be 2D or 3D, got " + n + " dimensions"
				+ (n > 3 ? " (split it into frames with Images.frame)" : ""));
		return frame(img, n, 0);
	}

	/** The number of frames of {@code ndim} dimensions in {@code img}: the product of its further dimensions. */
	public static long frameCount(final RandomAccessibleInterval<?> img, final int ndim) {
		checkNdim(img, ndim);
		long n = 1;
		for (int d = ndim; d < img.numDimensions(); d++)
			n *= img.dimension(d);
		return n;
	}

	/** The view of frame {@code index} ({@code Views.hyperSlice} of every dimension from {@code ndim} on). */
	public static <T> RandomAccessibleInterval<T> frameView(final RandomAccessibleInterval<T> img, final int ndim,
		final long index)
	{
		checkIndex(img, ndim, index);
		RandomAccessibleInterval<T> v = img;
		long rest = index;
		final long[] pos = new long[img.numDimensions()];
		for (int d = ndim; d < img.numDimensions(); d++) {
			pos[d] = img.min(d) + rest % img.dimension(d);
			rest /= img.dimension(d);
		}
		for (int d = img.numDimensions() - 1; d >= ndim; d--)
			v = Views.hyperSlice(v, d, pos[d]);
		return v;
	}

	/** The views of all frames, in order. */
	public static <T> List<RandomAccessibleInterval<T>> frameViews(final RandomAccessibleInterval<T> img, final int ndim) {
		final long n = frameCount(img, ndim);
		final List<RandomAccessibleInterval<T>> out = new ArrayList<>();
		for (long i = 0; i < n; i++)
			out.add(frameView(img, ndim, i));
		return out;
	}

	/**
	 * Frame {@code index} of {@code img} as an image of {@code ndim} (2 or 3)
	 * dimensions: zero copy where the layout allows (see the class comment).
	 *
	 * @throws IllegalArgumentException for an unsupported pixel type, an image
	 *           of fewer than {@code ndim} dimensions, or an index out of range
	 */
	public static Image frame(final RandomAccessibleInterval<?> img, final int ndim, final long index) {
		checkIndex(img, ndim, index);
		final Object type = img.getType();
		final PixelType pt = pixelType(type);
		final long lw = img.dimension(0), lh = img.dimension(1), ld = ndim == 3 ? img.dimension(2) : 1;
		if (lw * lh > Integer.MAX_VALUE - 8 || lw * lh * ld > Integer.MAX_VALUE - 8 && !(img instanceof PlanarImg))
			throw new IllegalArgumentException("image too large: " + lw + "x" + lh + (ndim == 3 ? "x" + ld : ""));
		final int w = (int) lw, h = (int) lh, d = (int) ld;
		if (zeroMin(img)) {
			if (img instanceof PlanarImg) {
				final PlanarImg<?, ?> p = (PlanarImg<?, ?>) img;
				final List<Object> slices = new ArrayList<>(d);
				for (int z = 0; z < d; z++) {
					final Object a = storage(p.getPlane((int) (index * d + z)), pt);
					if (a == null) {
						slices.clear();
						break;
					}
					slices.add(a);
				}
				if (!slices.isEmpty())
					return ndim == 2 ? Plane.of(slices.get(0), w, h) : Volume.ofSlices(slices, w, h);
			}
			if (img instanceof ArrayImg) {
				final Object a = storage(((ArrayImg<?, ?>) img).update(null), pt);
				final long size = lw * lh * ld;
				if (a != null && index * size + size <= Integer.MAX_VALUE) {
					if (ndim == 3)
						return Volume.of(a, w, h, d, (int) (index * size));
					if (img.numDimensions() == 2)
						return Plane.of(a, w, h);
				}
			}
		}
		@SuppressWarnings({ "unchecked", "rawtypes" })
		final RandomAccessibleInterval<?> view = frameView((RandomAccessibleInterval) img, ndim, index);
		final int n = w * h * d;
		final Cursor<?> c = Views.flatIterable(Views.zeroMin(view)).cursor();
		final Object px;
		switch (pt) {
			case UINT8: {
				final byte[] a = new byte[n];
				for (int i = 0; c.hasNext(); i++)
					a[i] = (byte) ((UnsignedByteType) c.next()).get();
				px = a;
				break;
			}
			case UINT16: {
				final short[] a = new short[n];
				for (int i = 0; c.hasNext(); i++)
					a[i] = (short) ((UnsignedShortType) c.next()).get();
				px = a;
				break;
			}
			default: {
				final float[] a = new float[n];
				for (int i = 0; c.hasNext(); i++)
					a[i] = ((FloatType) c.next()).get();
				px = a;
			}
		}
		return ndim == 2 ? Plane.of(px, w, h) : Volume.of(px, w, h, d);
	}

	/** The pixel type of an ImgLib2 type, or an exception naming the supported ones. */
	public static PixelType pixelType(final Object type) {
		if (type instanceof UnsignedByteType)
			return PixelType.UINT8;
		if (type instanceof UnsignedShortType)
			return PixelType.UINT16;
		if (type instanceof FloatType)
			return PixelType.FLOAT32;
		throw new IllegalArgumentException("unsupported pixel type " + (type == null ? "null" : type.getClass().getSimpleName())
			+ ": supported are UnsignedByteType, UnsignedShortType and FloatType (8-bit, 16-bit unsigned, 32-bit float)");
	}

	private static Object storage(final Object access, final PixelType pt) {
		if (pt == PixelType.UINT8 && access instanceof ByteArray)
			return ((ByteArray) access).getCurrentStorageArray();
		if (pt == PixelType.UINT16 && access instanceof ShortArray)
			return ((ShortArray) access).getCurrentStorageArray();
		if (pt == PixelType.FLOAT32 && access instanceof FloatArray)
			return ((FloatArray) access).getCurrentStorageArray();
		return null;
	}

	private static boolean zeroMin(final RandomAccessibleInterval<?> img) {
		for (int d = 0; d < img.numDimensions(); d++)
			if (img.min(d) != 0)
				return false;
		return true;
	}

	private static void checkNdim(final RandomAccessibleInterval<?> img, final int ndim) {
		if (ndim != 2 && ndim != 3)
			throw new IllegalArgumentException("frames are 2D or 3D, got ndim " + ndim);
		if (img.numDimensions() < ndim)
			throw new IllegalArgumentException("a " + img.numDimensions() + "D image has no " + ndim + "D frames");
	}

	private static void checkIndex(final RandomAccessibleInterval<?> img, final int ndim, final long index) {
		final long n = frameCount(img, ndim);
		if (index < 0 || index >= n)
			throw new IndexOutOfBoundsException("frame " + index + " of " + n);
	}
}
