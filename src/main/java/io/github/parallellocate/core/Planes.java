package io.github.parallellocate.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Conversions between {@link Plane} and ImgLib2 images. A 2D
 * {@code ArrayImg} of {@code UnsignedByteType}, {@code UnsignedShortType} or
 * {@code FloatType} with its origin at (0, 0) is wrapped without copying; any
 * other 2D {@code RandomAccessibleInterval} of those types is copied (in
 * flat iteration order of a zero-min view, i.e. row-major).
 */
public final class Planes {

	private Planes() {}

	/**
	 * The plane of a 2D image (dimension 0 = x, dimension 1 = y).
	 *
	 * @throws IllegalArgumentException for other dimensionalities or pixel types
	 */
	public static Plane of(final RandomAccessibleInterval<?> img) {
		if (img.numDimensions() != 2)
			throw new IllegalArgumentException("a plane must be 2D, got " + img.numDimensions() + " dimensions");
		final long lw = img.dimension(0), lh = img.dimension(1);
		if (lw * lh > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("plane too large: " + lw + "x" + lh);
		final int w = (int) lw, h = (int) lh;
		final Object type = img.getType();
		if (img instanceof ArrayImg && img.min(0) == 0 && img.min(1) == 0) {
			final Object access = ((ArrayImg<?, ?>) img).update(null);
			if (type instanceof UnsignedByteType && access instanceof ByteArray)
				return Plane.ofBytes(((ByteArray) access).getCurrentStorageArray(), w, h);
			if (type instanceof UnsignedShortType && access instanceof ShortArray)
				return Plane.ofShorts(((ShortArray) access).getCurrentStorageArray(), w, h);
			if (type instanceof FloatType && access instanceof FloatArray)
				return Plane.ofFloats(((FloatArray) access).getCurrentStorageArray(), w, h);
		}
		final Cursor<?> c = Views.flatIterable(Views.zeroMin(img)).cursor();
		if (type instanceof UnsignedByteType) {
			final byte[] px = new byte[w * h];
			for (int i = 0; c.hasNext(); i++)
				px[i] = (byte) ((UnsignedByteType) c.next()).get();
			return Plane.ofBytes(px, w, h);
		}
		if (type instanceof UnsignedShortType) {
			final short[] px = new short[w * h];
			for (int i = 0; c.hasNext(); i++)
				px[i] = (short) ((UnsignedShortType) c.next()).get();
			return Plane.ofShorts(px, w, h);
		}
		if (type instanceof FloatType) {
			final float[] px = new float[w * h];
			for (int i = 0; c.hasNext(); i++)
				px[i] = ((FloatType) c.next()).get();
			return Plane.ofFloats(px, w, h);
		}
		throw new IllegalArgumentException("unsupported pixel type " + type.getClass().getSimpleName()
			+ ": supported are UnsignedByteType, UnsignedShortType and FloatType");
	}

	/** An ImgLib2 view of a plane, sharing its pixel array. */
	public static ArrayImg<?, ?> toImg(final Plane plane) {
		switch (plane.type()) {
			case UINT8:
				return ArrayImgs.unsignedBytes((byte[]) plane.pixels(), plane.width(), plane.height());
			case UINT16:
				return ArrayImgs.unsignedShorts((short[]) plane.pixels(), plane.width(), plane.height());
			default:
				return ArrayImgs.floats((float[]) plane.pixels(), plane.width(), plane.height());
		}
	}
}
