package io.github.parallellocate.core;

/**
 * The row kernels of the band pass, shared by {@link Bandpass} (planes) and
 * {@link VolumeBandpass} (volumes): each works on whole row arrays at one
 * index {@code x} (the loops HotSpot 17 vectorises), and each output keeps
 * scipy's order of operations ({@code c * k0}, then the pairs from the
 * outermost in, {@code (a + b) * k}).
 */
final class RowKernels {

	private RowKernels() {}

	/**
	 * Added before flooring a boxcar quotient computed as {@code t * (1 / s)}:
	 * larger than the product's rounding error ({@code t / s <= 65535} gives
	 * at most about 2e-11) and smaller than the distance {@code 1 / s} from a
	 * non-integral quotient to the next integer (for {@code s < 2^24}), so the
	 * floor is exactly the integer division {@code t / s}.
	 */
	static final double QUOTIENT_NUDGE = 1e-9;

	/**
	 * {@code v >= t ? v : 0.0} for finite values in arithmetic the JIT
	 * vectorises: {@code floor(v - t) + 1} is at least 1 when {@code v >= t}
	 * and at most 0 when {@code v < t} (then {@code v - t} is negative, never
	 * zero), so the clamped step is exactly 1 or 0. (Only the sign of a zero
	 * can differ, which no later step sees.)
	 */
	static double keepAtLeast(final double v, final double t) {
		return v * Math.min(1., Math.max(0., Math.floor(v - t) + 1.));
	}

	/**
	 * scipy's symmetric {@code correlate1d} at one row: {@code out = t[lw] k0 +
	 * sum over j = lw..1 of (t[lw - j] + t[lw + j]) kj}, the outer pair first,
	 * where {@code t} holds the {@code 2 lw + 1} input rows (a row of zeros
	 * stands for the padding: {@code (0 + v) * k == v * k} exactly). Two pairs
	 * a pass, every loop reading its arrays at the same index.
	 */
	static void correlate(final double[] out, final int w, final double[][] t, final double[] k) {
		final int lw = k.length / 2;
		final double[] c = t[lw];
		final double k0 = k[lw];
		if (lw == 0) {
			centre(out, w, c, k0);
			return;
		}
		boolean first = true;
		for (int j = lw; j >= 1; j -= 2) {
			final double[] a1 = t[lw - j], b1 = t[lw + j];
			if (j >= 2) {
				final double[] a2 = t[lw - j + 1], b2 = t[lw + j - 1];
				if (first)
					first2(out, w, c, k0, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
				else
					next2(out, w, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
			}
			else if (first) {
				first1(out, w, c, k0, a1, b1, k[lw - j]);
			}
			else {
				next1(out, w, a1, b1, k[lw - j]);
			}
			first = false;
		}
	}

	/**
	 * {@code out = t / s}, the integer quotients of integral sums {@code t}
	 * (the integer boxcar's truncated quotient): {@code floor(t * inv +
	 * nudge)} with {@code inv = 1 / s}, which vectorises, for the smoothing
	 * sizes where the nudge is below {@code 1 / s} (any image's); a floored
	 * division beyond.
	 */
	static void floorQuotients(final double[] t, final double[] out, final int w, final int s, final double inv) {
		if (s < 1 << 24) {
			for (int x = 0; x < w; x++)
				out[x] = Math.floor(t[x] * inv + QUOTIENT_NUDGE);
		}
		else {
			for (int x = 0; x < w; x++)
				out[x] = Math.floor(t[x] / s);
		}
	}

	private static void centre(final double[] out, final int n, final double[] c, final double k0) {
		for (int x = 0; x < n; x++)
			out[x] = c[x] * k0;
	}

	private static void first1(final double[] out, final int n, final double[] c, final double k0, final double[] a1,
			final double[] b1, final double k1) {
		for (int x = 0; x < n; x++)
			out[x] = c[x] * k0 + (a1[x] + b1[x]) * k1;
	}

	private static void first2(final double[] out, final int n, final double[] c, final double k0, final double[] a1,
			final double[] b1, final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = 0; x < n; x++) {
			double v = c[x] * k0;
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[x] = v;
		}
	}

	private static void next1(final double[] out, final int n, final double[] a1, final double[] b1, final double k1) {
		for (int x = 0; x < n; x++)
			out[x] += (a1[x] + b1[x]) * k1;
	}

	private static void next2(final double[] out, final int n, final double[] a1, final double[] b1, final double k1,
			final double[] a2, final double[] b2, final double k2) {
		for (int x = 0; x < n; x++) {
			double v = out[x];
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[x] = v;
		}
	}

	/**
	 * {@code out = keep(lowpass - background >= t)}, and the column maxima
	 * updated (a maximum per column rather than one running maximum keeps the
	 * loop free of a reduction, which HotSpot 17 would not vectorise with the
	 * store).
	 */
	static void subtractAndThreshold(final double[] lowpass, final double[] bg, final double t, final double[] out,
			final double[] colMax, final int w) {
		for (int x = 0; x < w; x++) {
			final double r = keepAtLeast(lowpass[x] - bg[x], t);
			out[x] = r;
			colMax[x] = Math.max(colMax[x], r);
		}
	}
}
