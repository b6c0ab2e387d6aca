package io.github.parallellocate.core;

import java.util.Objects;

/**
 * One 2D image plane (an {@link Image} of 2 dimensions) backed by a primitive array in row-major order
 * ({@code index = y * width + x}): {@code byte[]} for {@link PixelType#UINT8}
 * (read unsigned), {@code short[]} for {@link PixelType#UINT16} (read
 * unsigned) or {@code float[]} for {@link PixelType#FLOAT32}.
 * <p>
 * A plane only wraps its array; it never copies it. This is the layout of
 * ImageJ processors and of ImgLib2 {@code ArrayImg}s, so both convert to a
 * plane without copying (see {@link Planes}).
 * </p>
 */
public final class Plane implements Image {

	private final int width;
	private final int height;
	private final PixelType type;
	private final Object pixels;

	private Plane(final int width, final int height, final PixelType type, final Object pixels, final int length) {
		if (width <= 0 || height <= 0)
			throw new IllegalArgumentException("Plane size must be positive, got " + width + "x" + height);
		if ((long) width * height != length)
			throw new IllegalArgumentException("Pixel array has " + length + " elements, expected " + width + "x" + height + " = " + (long) width * height);
		this.width = width;
		this.height = height;
		this.type = type;
		this.pixels = pixels;
	}

	/** Wraps unsigned 8-bit pixels. */
	public static Plane ofBytes(final byte[] pixels, final int width, final int height) {
		return new Plane(width, height, PixelType.UINT8, pixels, Objects.requireNonNull(pixels).length);
	}

	/** Wraps unsigned 16-bit pixels. */
	public static Plane ofShorts(final short[] pixels, final int width, final int height) {
		return new Plane(width, height, PixelType.UINT16, pixels, Objects.requireNonNull(pixels).length);
	}

	/** Wraps 32-bit float pixels. */
	public static Plane ofFloats(final float[] pixels, final int width, final int height) {
		return new Plane(width, height, PixelType.FLOAT32, pixels, Objects.requireNonNull(pixels).length);
	}

	/**
	 * Wraps a {@code byte[]}, {@code short[]} or {@code float[]} (what
	 * {@code ImageProcessor.getPixels()} returns for 8-, 16- and 32-bit images).
	 *
	 * @throws IllegalArgumentException for any other array type
	 */
	public static Plane of(final Object pixels, final int width, final int height) {
		if (pixels instanceof byte[])
			return ofBytes((byte[]) pixels, width, height);
		if (pixels instanceof short[])
			return ofShorts((short[]) pixels, width, height);
		if (pixels instanceof float[])
			return ofFloats((float[]) pixels, width, height);
		throw new IllegalArgumentException("Unsupported pixel array " + (pixels == null ? "null" : pixels.getClass().getSimpleName())
			+ ": supported are 8-bit, 16-bit unsigned and 32-bit float");
	}

	@Override
	public int ndim() {
		return 2;
	}

	@Override
	public int[] shape() {
		return new int[] { height, width };
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	/** 1: a plane has one slice. */
	@Override
	public int depth() {
		return 1;
	}

	@Override
	public PixelType type() {
		return type;
	}

	/** The backing array: {@code byte[]}, {@code short[]} or {@code float[]}. */
	public Object pixels() {
		return pixels;
	}

	/** The value at (x, y, 0) as a double (unsigned for integer types). */
	@Override
	public double get(final int x, final int y, final int z) {
		if (z != 0)
			throw new IndexOutOfBoundsException("z = " + z + " in a plane");
		return get(x, y);
	}

	/** The value at (x, y) as a double (unsigned for integer types). */
	public double get(final int x, final int y) {
		final int i = y * width + x;
		switch (type) {
			case UINT8:
				return ((byte[]) pixels)[i] & 0xff;
			case UINT16:
				return ((short[]) pixels)[i] & 0xffff;
			default:
				return ((float[]) pixels)[i];
		}
	}

	@Override
	public String toString() {
		return "Plane[" + width + "x" + height + " " + type + "]";
	}
}
