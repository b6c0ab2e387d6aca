package io.github.parallellocate.core;

import java.math.BigInteger;

/**
 * trackpy's {@code uncertainty.measure_noise}: the mean (black level) and
 * population standard deviation (noise) of the raw image over the background
 * (integer images exactly; float images in numpy's float32 arithmetic,
 * {@link NumpyMath#meanStdFloat32}), the background being the pixels outside
 * the binary dilation of the non-zero pixels of the integer (bandpassed)
 * image by the circular mask.
 * <p>
 * The dilation works on bit rows (64 pixels a word): each row of non-zero
 * bits is widened by every half-width the mask has (one shift-or per pixel
 * of width), and a row's foreground is the OR, over the mask's rows, of the
 * neighbouring rows widened by that mask row's half-width.
 * </p>
 */
final class NoiseEstimator {

	private final CircularMask mask;
	private long[] widened = new long[0]; // (r + 1) widths x h rows x words
	private long[] foreground = new long[0];
	private float[] background = new float[0];
	// statistics of the background so far: integer images, and the float pixels gathered
	private long count, sum, sumSq;
	private int n;

	/** Black level and noise of the last {@link #measure} (NaN where undefined). */
	double black, noise;

	NoiseEstimator(final CircularMask mask) {
		this.mask = mask;
	}

	/** Measures the background of {@code raw} outside the dilation of the non-zero pixels {@code nz}. */
	void measure(final NonZeroBits nz, final RawImage raw) {
		final int w = raw.width, h = raw.height, words = nz.words;
		final int r = mask.radius;
		if (widened.length < (r + 1) * h * words)
			widened = new long[(r + 1) * h * words];
		if (foreground.length < words)
			foreground = new long[words];
		final long[] nonZero = nz.bits;
		// each row widened by 0..r pixels to both sides
		final int plane = h * words;
		System.arraycopy(nonZero, 0, widened, 0, plane);
		for (int d = 1; d <= r; d++)
			for (int y = 0; y < h; y++)
				widenByOne(widened, (d - 1) * plane + y * words, widened, d * plane + y * words, words);
		// background statistics, row by row
		final boolean integer = raw.isInteger();
		if (!integer && background.length < w * h)
			background = new float[w * h];
		count = sum = sumSq = 0;
		n = 0;
		for (int y = 0; y < h; y++)
			backgroundRow(raw, y, words, plane);
		if (!integer) {
			statsFloat32(n);
			return;
		}
		if (count == 0) {
			black = noise = Double.NaN;
			return;
		}
		black = (double) sum / count;
		if (count == 1) {
			noise = Double.NaN;
			return;
		}
		// exact population variance: (n * sum(x^2) - sum(x)^2) / n^2
		final BigInteger bn = BigInteger.valueOf(count);
		final BigInteger num = bn.multiply(BigInteger.valueOf(sumSq)).subtract(BigInteger.valueOf(sum).pow(2));
		noise = Math.sqrt(num.doubleValue() / ((double) count * count));
	}

	/**
	 * Adds the background pixels of row {@code y} to the statistics (a method
	 * of its own, called once a row, so that the JIT compiles it early and
	 * once): the row's foreground is the OR, over the mask's rows, of the
	 * neighbouring rows widened by that mask row's half-width.
	 */
	private void backgroundRow(final RawImage raw, final int y, final int words, final int plane) {
		final int w = raw.width, h = raw.height, r = mask.radius;
		final int[] hw = mask.halfWidth;
		final long[] fg = foreground;
		java.util.Arrays.fill(fg, 0, words, 0L);
		for (int k = Math.max(-r, -y); k <= Math.min(r, h - 1 - y); k++) {
			final int half = hw[k + r];
			if (half < 0)
				continue;
			final int src = half * plane + (y + k) * words;
			for (int wd = 0; wd < words; wd++)
				fg[wd] |= widened[src + wd];
		}
		// the background is usually a small part of the image: visit its pixels only
		final long lastWord = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1; // the pixels of the last word
		final int o = y * w;
		for (int wd = 0; wd < words; wd++) {
			long bg = ~fg[wd] & (wd == words - 1 ? lastWord : -1L);
			final int x0 = o + (wd << 6);
			if (raw.isInteger()) {
				final int[] px = raw.ints;
				for (; bg != 0; bg &= bg - 1) {
					final long v = px[x0 + Long.numberOfTrailingZeros(bg)];
					sum += v;
					sumSq += v * v;
					count++;
				}
			}
			else {
				final float[] px = raw.floats;
				for (; bg != 0; bg &= bg - 1)
					background[n++] = px[x0 + Long.numberOfTrailingZeros(bg)];
			}
		}
	}

	/** numpy reduces float32 in float32: the gathered background, through NumpyMath. */
	private void statsFloat32(final int n) {
		if (n == 0) {
			black = noise = Double.NaN;
		}
		else if (n == 1) {
			black = background[0];
			noise = Double.NaN;
		}
		else {
			final double[] ms = NumpyMath.meanStdFloat32(background, n);
			black = ms[0];
			noise = ms[1];
		}
	}

	/** {@code dst = src | src << 1 | src >>> 1} over a bit row (bit x = pixel x). */
	private static void widenByOne(final long[] a, final int src, final long[] b, final int dst, final int words) {
		for (int wd = 0; wd < words; wd++) {
			final long v = a[src + wd];
			long out = v | (v << 1) | (v >>> 1);
			if (wd > 0)
				out |= a[src + wd - 1] >>> 63; // carry in from the previous word's top pixel
			if (wd + 1 < words)
				out |= a[src + wd + 1] << 63; // and from the next word's first pixel
			b[dst + wd] = out;
		}
	}
}
