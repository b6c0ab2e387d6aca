package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NdLocator#dilateRows}, the first step of the volumes' background
 * noise: every row's bits dilated by one pixel along the row, never across
 * rows, whatever the width (one word or several, a partial last word) and
 * whichever whole rows are asked for; the words of other rows untouched.
 */
class RowDilationTest {

	@Test
	void eachRowIsDilatedByOnePixelWithinItself() {
		final Random rnd = new Random(15);
		for (int c = 0; c < 2000; c++) {
			final int w = 1 + rnd.nextInt(rnd.nextBoolean() ? 70 : 330), words = (w + 63) >>> 6, rows = 1 + rnd.nextInt(12);
			final long lastMask = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1;
			final double density = Math.pow(rnd.nextDouble(), 3);
			final long[] in = new long[rows * words];
			for (int r = 0; r < rows; r++)
				for (int x = 0; x < w; x++)
					if (rnd.nextDouble() < density)
						in[r * words + (x >>> 6)] |= 1L << (x & 63);
			final int first = rnd.nextInt(rows), last = first + 1 + rnd.nextInt(rows - first); // whole rows [first, last)
			final long[] out = new long[in.length];
			final long untouched = rnd.nextLong();
			java.util.Arrays.fill(out, untouched);
			NdLocator.dilateRows(in, out, first * words, last * words, words, lastMask);
			final String what = "width " + w + ", rows " + first + ".." + last + " of " + rows + ", density " + density;
			for (int r = 0; r < rows; r++)
				for (int j = 0; j < words; j++) {
					final int i = r * words + j;
					if (r < first || r >= last) {
						assertEquals(untouched, out[i], what + ": row " + r + " touched");
						continue;
					}
					long expected = 0;
					for (int b = 0; b < 64; b++) {
						final int x = 64 * j + b;
						if (x >= w)
							break;
						if (bit(in, r, words, x - 1, w) || bit(in, r, words, x, w) || bit(in, r, words, x + 1, w))
							expected |= 1L << b;
					}
					assertEquals(expected, out[i], what + ": row " + r + ", word " + j);
				}
		}
	}

	private static boolean bit(final long[] a, final int row, final int words, final int x, final int w) {
		return x >= 0 && x < w && (a[row * words + (x >>> 6)] >>> (x & 63) & 1) != 0;
	}
}
