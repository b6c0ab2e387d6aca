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
		width = plane.width();
		height = plane.height();
		type = plane.type();
		final int size = width * height;
		switch (type) {
			case UINT8: {
				final int[] r = ints(size);
				final byte[] px = (byte[]) plane.pixels();
				if (invert)
					for (int i = 0; i < size; i++)
						r[i] = 255 - (px[i] & 0xff);
				else
					for (int i = 0; i < size; i++)
						r[i] = px[i] & 0xff;
				break;
			}
			case UINT16: {
				final int[] r = ints(size);
				final short[] px = (short[]) plane.pixels();
				if (invert)
					for (int i = 0; i < size; i++)
						r[i] = 65535 - (px[i] & 0xffff);
				else
					for (int i = 0; i < size; i++)
						r[i] = px[i] & 0xffff;
				break;
			}
			default: {
				if (floats == null || floats.length < size)
					floats = new float[size];
				final float[] r = floats;
				final float[] px = (float[]) plane.pixels();
				for (int i = 0; i < size; i++) {
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
