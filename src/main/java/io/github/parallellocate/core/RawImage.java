package io.github.parallellocate.core;

/**
 * The raw plane as trackpy's {@code locate} sees it after {@code invert}: an
 * integer copy for 8/16-bit planes ({@code max - x}), a float copy for
 * float planes ({@code 1 - x}, computed in float32 as numpy does; non-finite
 * pixels read as 0). Reused from plane to plane.
 */
final class RawImage {

	int width, height;
	PixelType type;
	/** Raw (inverted) pixels of integer planes, or null. */
	int[] ints;
	/** Raw (inverted) pixels of float planes, or null. */
	float[] floats;

	void load(final Plane plane, final boolean invert) {
		load(plane, invert, Splitter.SERIAL);
	}

	/** {@link #load(Plane, boolean)} in ranges of pixels that the splitter may run in parallel. */
	void load(final Plane plane, final boolean invert, final Splitter splitter) {
		width = plane.width();
		height = plane.height();
		type = plane.type();
		final int size = width * height;
		if (type.isInteger())
			ints(size);
		else if (floats == null || floats.length < size)
			floats = new float[size];
		final int n = splitter.parts(size, 1 << 16, 2);
		final Object pixels = plane.pixels();
		splitter.run(n, i -> load(pixels, invert, Splitter.bound(i, n, size), Splitter.bound(i + 1, n, size)));
	}

	/** Pixels {@code from..to}. */
	private void load(final Object pixels, final boolean invert, final int from, final int to) {
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

	private int[] ints(final int size) {
		if (ints == null || ints.length < size)
			ints = new int[size];
		return ints;
	}

	boolean isInteger() {
		return type.isInteger();
	}
}
