package io.github.parallellocate.core;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * trackpy's {@code uncertainty.measure_noise}: the mean (black level) and
 * population standard deviation (noise) of the raw image over the background
 * (integer images exactly; float images in numpy's float32 arithmetic,
 * {@link NumpyMath#meanStdFloat32}),
 * the pixels outside the binary dilation of the non-zero pixels of the
 * integer (bandpassed) image by the circular mask.
 * <p>
 * The dilation is built from horizontal runs of non-zero pixels: each run
 * covers, in every row of the mask, the run widened by that row's half-width.
 * Coverage is counted with a difference array per row, so the cost is one
 * pass over the image plus a few operations per run.
 * </p>
 */
final class NoiseEstimator {

	private final CircularMask mask;
	private int[] cover = new int[0];
	private int[] transitions = new int[0];
	private float[] background = new float[0];

	/** Black level and noise of the last {@link #measure} (NaN where undefined). */
	double black, noise;

	NoiseEstimator(final CircularMask mask) {
		this.mask = mask;
	}

	private int[] transitions(final int w) {
		if (transitions.length < w + 2)
			transitions = new int[w + 2];
		return transitions;
	}

	void measure(final int[] img, final RawImage raw) {
		final int w = raw.width, h = raw.height, stride = w + 1;
		if (cover.length < stride * h)
			cover = new int[stride * h];
		final int[] c = cover;
		Arrays.fill(c, 0, stride * h, 0);
		final int r = mask.radius;
		final int[] hw = mask.halfWidth;
		final int[] tr = transitions(w);
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			// branch-free: record every x where "non-zero" switches on or off
			int n = 0, prev = 0;
			for (int x = 0; x < w; x++) {
				final int v = img[o + x];
				final int nz = (v | -v) >>> 31; // img >= 0: 1 if non-zero
				tr[n] = x;
				n += nz ^ prev;
				prev = nz;
			}
			if (prev == 1)
				tr[n++] = w;
			for (int t = 0; t < n; t += 2) {
				final int a = tr[t], b = tr[t + 1] - 1; // a run of non-zero pixels [a, b]
				final int ky0 = Math.max(-r, -y), ky1 = Math.min(r, h - 1 - y);
				for (int k = ky0; k <= ky1; k++) {
					final int half = hw[k + r];
					if (half < 0)
						continue;
					final int row = (y + k) * stride;
					c[row + Math.max(0, a - half)]++;
					c[row + Math.min(w, b + half + 1)]--;
				}
			}
		}
		long count = 0;
		if (raw.isInteger()) {
			final int[] px = raw.ints;
			long sum = 0, sumSq = 0;
			for (int y = 0; y < h; y++) {
				final int row = y * stride, o = y * w;
				int run = 0;
				for (int x = 0; x < w; x++) {
					run += c[row + x];
					final int bg = (run - 1) >>> 31; // run >= 0: 1 on the background
					final long v = px[o + x] * bg;
					sum += v;
					sumSq += v * v;
					count += bg;
				}
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
			final BigInteger n = BigInteger.valueOf(count);
			final BigInteger num = n.multiply(BigInteger.valueOf(sumSq)).subtract(BigInteger.valueOf(sum).pow(2));
			noise = Math.sqrt(num.doubleValue() / ((double) count * count));
		}
		else {
			// numpy reduces float32 in float32: gather the background, then NumpyMath
			final float[] px = raw.floats;
			if (background.length < w * h)
				background = new float[w * h];
			final float[] g = background;
			int n = 0;
			for (int y = 0; y < h; y++) {
				final int row = y * stride, o = y * w;
				int run = 0;
				for (int x = 0; x < w; x++) {
					run += c[row + x];
					g[n] = px[o + x];
					n += (run - 1) >>> 31;
				}
			}
			if (n == 0) {
				black = noise = Double.NaN;
				return;
			}
			if (n == 1) {
				black = g[0];
				noise = Double.NaN;
				return;
			}
			final double[] ms = NumpyMath.meanStdFloat32(g, n);
			black = ms[0];
			noise = ms[1];
		}
	}
}
