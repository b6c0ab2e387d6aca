package io.github.parallellocate.core;

/**
 * The raw plane as trackpy's {@code locate} sees it after {@code invert}: an
 * integer copy for 8/16-bit planes ({@code max - x}), a float copy for
 * float planes ({@code 1 - x}, computed in float32 as numpy does; non-finite
 * pixels read as 0). Reused from plane to plane.
 * <p>
 * {@link #load} fills the float copy at once, but only records an integer
 * plane: {@link Bandpass#apply} allocates its copy (on one of the splitter's
 * threads: the JVM zeroes a new array on the thread that allocates it) and
 * fills it, before the band pass, or (the vector kernels, which read the
 * plane's own pixels) band by band on the threads that write the integer
 * image, so the integer copy is complete once the band pass has run.
 * </p>
 */
final class RawImage {

	int width, height;
	PixelType type;
	/** Raw (inverted) pixels of integer planes, or null; complete after {@link Bandpass#apply}. */
	int[] ints;
	/** Raw (inverted) pixels of float planes, or null. */
	float[] floats;
	/** The plane's own pixels ({@code byte[]}, {@code short[]} or {@code float[]}). */
	Object pixels;
	/** Whether the values are the inverted pixels. */
	boolean invert;
	/** Whether {@link #ints} holds this plane's values yet. */
	private boolean filled;

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
		filled = false;
		final int size = width * height;
		if (type.isInteger())
			return;
		if (floats == null || floats.length < size)
			floats = new float[size];
		final int n = splitter.parts(size, 1 << 16, 2);
		splitter.run(n, i -> fill(Splitter.bound(i, n, size), Splitter.bound(i + 1, n, size)));
		filled = true;
	}

	/** Whether the integer copy must be allocated before {@link #fill}. */
	boolean needsInts() {
		return type.isInteger() && (ints == null || ints.length < width * height);
	}

	/** Borrows an integer copy from the {@link ScratchPool} if it has none large enough (a new one is zeroed by the calling thread). */
	void ensureInts() {
		if (needsInts()) {
			ScratchPool.give(ints);
			ints = ScratchPool.ints(width * height);
		}
	}

	/** Gives the integer copy back to the {@link ScratchPool} (the next {@link #load} borrows one again). */
	void release() {
		ScratchPool.give(ints);
		ints = null;
		filled = false;
	}

	/** Fills the copy (if a band pass has not), in parts the splitter may run in parallel. */
	void fill(final Splitter splitter) {
		if (filled)
			return;
		ensureInts();
		final int size = width * height;
		final int n = splitter.parts(size, 1 << 16, 4);
		splitter.run(n, i -> fill(Splitter.bound(i, n, size), Splitter.bound(i + 1, n, size)));
		filled = true;
	}

	/** Marks the integer copy complete (the band pass filled it). */
	void filled() {
		filled = true;
	}

	/** Pixels {@code from..to} of the copy. */
	void fill(final int from, final int to) {
		if (type.isInteger() && Simd.useVector()) {
			VectorRows.toInts(pixels, from, ints, from, to - from, invert);
			return;
		}
		switch (type) {
			case UINT8: {
				final int[] r = ints;
				final byte[] px = (byte[]) pixels;
				if (invert)
					for (int i = from; i < to; i++)
						r[i] = 255 - (px[i] & 0xff);
				else
					for (int i = from; i < to; i++)
						r[i] = px[i] & 0xff;
				break;
			}
			case UINT16: {
				final int[] r = ints;
				final short[] px = (short[]) pixels;
				if (invert)
					for (int i = from; i < to; i++)
						r[i] = 65535 - (px[i] & 0xffff);
				else
					for (int i = from; i < to; i++)
						r[i] = px[i] & 0xffff;
				break;
			}
			default: {
				final float[] r = floats;
				final float[] px = (float[]) pixels;
				for (int i = from; i < to; i++) {
					float v = px[i];
					if (!Float.isFinite(v))
						v = 0f;
					r[i] = invert ? 1f - v : v;
				}
			}
		}
	}

	boolean isInteger() {
		return type.isInteger();
	}
}
