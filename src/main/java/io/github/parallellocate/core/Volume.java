package io.github.parallellocate.core;

import java.util.List;
import java.util.Objects;

/**
 * One 3D image (a z-stack), {@code depth} slices of {@code height} rows of
 * {@code width} pixels: {@code byte[]} for {@link PixelType#UINT8} (read
 * unsigned), {@code short[]} for {@link PixelType#UINT16} (read unsigned) or
 * {@code float[]} for {@link PixelType#FLOAT32}.
 * <p>
 * A volume only wraps arrays, it never copies them, in either of the two
 * layouts images come in:
 * </p>
 * <ul>
 * <li>one array per slice, each row-major ({@code index = y * width + x}):
 * ImageJ stacks and ImgLib2 {@code PlanarImg}s ({@link #ofSlices});</li>
 * <li>one array for the whole volume, slice-major
 * ({@code index = offset + (z * height + y) * width + x}): ImgLib2
 * {@code ArrayImg}s, also a block of a larger 4D array ({@link #of(Object, int, int, int, int)}).</li>
 * </ul>
 */
public final class Volume implements Image {

	private final int width, height, depth;
	private final PixelType type;
	private final Object[] arrays; // per slice
	private final int[] offsets; // per slice: index of the slice's pixel (0, 0) in its array

	private Volume(final int width, final int height, final int depth, final PixelType type, final Object[] arrays,
		final int[] offsets)
	{
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.type = type;
		this.arrays = arrays;
		this.offsets = offsets;
	}

	/**
	 * Wraps one array per slice ({@code byte[]}, {@code short[]} or
	 * {@code float[]}, all of one type, each {@code width * height} long), as
	 * {@code ImageStack.getImageArray()} or a {@code PlanarImg} hold them.
	 *
	 * @throws IllegalArgumentException for an empty list, mixed or unsupported
	 *           types, or a slice of the wrong length
	 */
	public static Volume ofSlices(final List<?> slices, final int width, final int height) {
		Objects.requireNonNull(slices, "slices");
		if (slices.isEmpty())
			throw new IllegalArgumentException("a volume needs at least one slice");
		final int d = slices.size();
		final Object[] a = new Object[d];
		final PixelType type = typeOf(slices.get(0));
		for (int z = 0; z < d; z++) {
			a[z] = slices.get(z);
			if (typeOf(a[z]) != type)
				throw new IllegalArgumentException("slice " + (z + 1) + " is " + typeOf(a[z]) + ", slice 1 is " + type);
			checkSize(width, height, 1);
			if (length(a[z]) != (long) width * height)
				throw new IllegalArgumentException("slice " + (z + 1) + " has " + length(a[z]) + " pixels, expected " + width + "x"
					+ height + " = " + (long) width * height);
		}
		return new Volume(width, height, d, type, a, new int[d]);
	}

	/** Wraps the arrays of planes of one size and type as the slices of a volume (no copy). */
	public static Volume ofPlanes(final List<Plane> planes) {
		if (planes.isEmpty())
			throw new IllegalArgumentException("a volume needs at least one slice");
		final Plane p0 = planes.get(0);
		final Object[] a = new Object[planes.size()];
		for (int z = 0; z < a.length; z++) {
			final Plane p = planes.get(z);
			if (p.width() != p0.width() || p.height() != p0.height() || p.type() != p0.type())
				throw new IllegalArgumentException("slice " + (z + 1) + " is " + p.describe() + ", slice 1 is " + p0.describe());
			a[z] = p.pixels();
		}
		return new Volume(p0.width(), p0.height(), a.length, p0.type(), a, new int[a.length]);
	}

	/**
	 * Wraps one slice-major array ({@code index = (z * height + y) * width + x}).
	 *
	 * @throws IllegalArgumentException for an unsupported type or a wrong length
	 */
	public static Volume of(final Object pixels, final int width, final int height, final int depth) {
		checkSize(width, height, depth);
		final long n = length(pixels);
		if (n != (long) width * height * depth)
			throw new IllegalArgumentException("pixel array has " + n + " elements, expected " + width + "x" + height + "x" + depth
				+ " = " + (long) width * height * depth);
		return of(pixels, width, height, depth, 0);
	}

	/**
	 * Wraps {@code depth} slices of a slice-major array from index
	 * {@code offset} on: volume {@code t} of a 4D {@code ArrayImg} (x, y, z,
	 * t) is {@code of(array, w, h, d, t * w * h * d)}.
	 *
	 * @throws IllegalArgumentException for an unsupported type or an array too short
	 */
	public static Volume of(final Object pixels, final int width, final int height, final int depth, final int offset) {
		checkSize(width, height, depth);
		final PixelType type = typeOf(pixels);
		final long slice = (long) width * height;
		if (offset < 0 || offset + slice * depth > length(pixels))
			throw new IllegalArgumentException("pixel array has " + length(pixels) + " elements, too few for " + width + "x" + height
				+ "x" + depth + " from index " + offset);
		final Object[] a = new Object[depth];
		final int[] o = new int[depth];
		for (int z = 0; z < depth; z++) {
			a[z] = pixels;
			o[z] = (int) (offset + z * slice);
		}
		return new Volume(width, height, depth, type, a, o);
	}

	private static void checkSize(final int width, final int height, final int depth) {
		if (width <= 0 || height <= 0 || depth <= 0)
			throw new IllegalArgumentException("volume size must be positive, got " + width + "x" + height + "x" + depth);
		if ((long) width * height > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("slices too large: " + width + "x" + height);
	}

	static PixelType typeOf(final Object pixels) {
		if (pixels instanceof byte[])
			return PixelType.UINT8;
		if (pixels instanceof short[])
			return PixelType.UINT16;
		if (pixels instanceof float[])
			return PixelType.FLOAT32;
		throw new IllegalArgumentException("Unsupported pixel array " + (pixels == null ? "null" : pixels.getClass().getSimpleName())
			+ ": supported are 8-bit, 16-bit unsigned and 32-bit float");
	}

	private static long length(final Object pixels) {
		switch (typeOf(pixels)) {
			case UINT8: return ((byte[]) pixels).length;
			case UINT16: return ((short[]) pixels).length;
			default: return ((float[]) pixels).length;
		}
	}

	@Override
	public int ndim() {
		return 3;
	}

	@Override
	public int[] shape() {
		return new int[] { depth, height, width };
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public int depth() {
		return depth;
	}

	@Override
	public PixelType type() {
		return type;
	}

	/** The array holding slice {@code z} ({@code byte[]}, {@code short[]} or {@code float[]}). */
	public Object sliceArray(final int z) {
		return arrays[z];
	}

	/** The index of slice {@code z}'s pixel (0, 0) in {@link #sliceArray(int)}. */
	public int sliceOffset(final int z) {
		return offsets[z];
	}

	/** Slice {@code z} as a plane, sharing its array when the slice is a whole array; else a copy. */
	public Plane slice(final int z) {
		final Object a = arrays[z];
		final int n = width * height, o = offsets[z];
		switch (type) {
			case UINT8: {
				final byte[] b = (byte[]) a;
				return Plane.ofBytes(o == 0 && b.length == n ? b : java.util.Arrays.copyOfRange(b, o, o + n), width, height);
			}
			case UINT16: {
				final short[] b = (short[]) a;
				return Plane.ofShorts(o == 0 && b.length == n ? b : java.util.Arrays.copyOfRange(b, o, o + n), width, height);
			}
			default: {
				final float[] b = (float[]) a;
				return Plane.ofFloats(o == 0 && b.length == n ? b : java.util.Arrays.copyOfRange(b, o, o + n), width, height);
			}
		}
	}

	@Override
	public double get(final int x, final int y, final int z) {
		if (x < 0 || x >= width || y < 0 || y >= height || z < 0 || z >= depth)
			throw new IndexOutOfBoundsException("(" + x + ", " + y + ", " + z + ") outside " + describe());
		final int i = offsets[z] + y * width + x;
		switch (type) {
			case UINT8:
				return ((byte[]) arrays[z])[i] & 0xff;
			case UINT16:
				return ((short[]) arrays[z])[i] & 0xffff;
			default:
				return ((float[]) arrays[z])[i];
		}
	}

	@Override
	public String toString() {
		return "Volume[" + describe() + "]";
	}
}
