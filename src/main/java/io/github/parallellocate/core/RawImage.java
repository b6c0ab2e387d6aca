package io.github.parallellocate.core;

/**
 * The raw plane as trackpy's {@code locate} sees it after {@code invert}.
 * An 8/16-bit plane is read where it is: {@link #at} (and the hot loops, which
 * read {@link #bytes} or {@link #shorts} themselves) gives the unsigned pixel
 * XOR {@link #flip}, which is trackpy's {@code invert_image} ({@code x ^ max},
 * that is {@code max - x}) when inverted and the pixel itself otherwise, so
 * no integer copy is written and read again (for a 2048x2048 frame that copy
 * was 16 MB of memory traffic each way, which two threads share). A float
 * plane has a float copy ({@code 1 - x}, computed in float32 as numpy does;
 * non-finite pixels read as 0), reused from plane to plane.
 */
final class RawImage {

	int width, height;
	PixelType type;
	/** The plane's 8-bit pixels, or null. */
	byte[] bytes;
	/** The plane's 16-bit pixels, or null. */
	short[] shorts;
	/** XORed with an unsigned integer pixel: the type's maximum when inverted, 0 otherwise. */
	int flip;
	/** Raw (inverted) pixels of float planes, or null. */
	float[] floats;
	/** The plane's own pixels ({@code byte[]}, {@code short[]} or {@code float[]}). */
	Object pixels;
	/** Whether the values are the inverted pixels. */
	boolean invert;

	void load(final Plane plane, final boolean invert) {
		load(plane, invert, Splitter.SERIAL);
	}

	/**
	 * Records the plane; fills the float copy of a float plane, in ranges of
	 * pixels that the splitter may run in parallel.
	 */
	void load(final Plane plane, final boolean invert, final Splitter splitter) {
		width = plane.width();
		height = plane.height();
		type = plane.type();
		pixels = plane.pixels();
		this.invert = invert;
		bytes = pixels instanceof byte[] ? (byte[]) pixels : null;
		shorts = pixels instanceof short[] ? (short[]) pixels : null;
		flip = type.isInteger() && invert ? type.gamut() : 0;
		final int size = width * height;
		if (type.isInteger())
			return;
		if (floats == null || floats.length < size)
			floats = new float[size];
		final int n = splitter.parts(size, 1 << 16, 2);
		splitter.run(n, i -> fill(Splitter.bound(i, n, size), Splitter.bound(i + 1, n, size)));
	}

	/** Forgets the plane's pixels (the locator keeps this object between planes). */
	void release() {
		pixels = null;
		bytes = null;
		shorts = null;
	}

	/** The raw (inverted) value of pixel {@code i}. */
	double at(final int i) {
		if (shorts != null)
			return (shorts[i] & 0xffff) ^ flip;
		if (bytes != null)
			return (bytes[i] & 0xff) ^ flip;
		return floats[i];
	}

	/** Pixels {@code from..to} of the float copy. */
	private void fill(final int from, final int to) {
		final float[] r = floats;
		final float[] px = (float[]) pixels;
		for (int i = from; i < to; i++) {
			float v = px[i];
			if (!Float.isFinite(v))
				v = 0f;
			r[i] = invert ? 1f - v : v;
		}
	}

	boolean isInteger() {
		return type.isInteger();
	}
}
