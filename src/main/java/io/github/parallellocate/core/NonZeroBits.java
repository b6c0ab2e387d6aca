package io.github.parallellocate.core;

/**
 * Which pixels of the integer image are non-zero, as bit rows (bit {@code x
 * & 63} of word {@code y * words + x / 64} is pixel {@code (y, x)}), written
 * while the image is written so that the noise estimate does not read the
 * image again. Reused from plane to plane.
 */
final class NonZeroBits {

	long[] bits = new long[0];
	int words;

	/** Sizes the rows for a {@code w x h} image. */
	void reset(final int w, final int h) {
		words = (w + 63) >>> 6;
		if (bits.length < h * words)
			bits = new long[h * words];
	}

	/** Fills row {@code y} from {@code img} ({@code w} non-negative pixels at {@code o}). */
	void packRow(final int[] img, final int o, final int w, final int y) {
		for (int wd = 0, x = 0; wd < words; wd++) {
			final int end = Math.min(w, x + 64);
			long b = 0;
			for (int bit = 0; x < end; x++, bit++)
				b |= nonZero(img[o + x]) << bit;
			bits[y * words + wd] = b;
		}
	}

	/** 1 for a positive value, 0 for 0. */
	static long nonZero(final int v) {
		return (v | -v) >>> 31;
	}
}
