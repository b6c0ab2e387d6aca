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

	static void centre(final double[] out, final int n, final double[] c, final double k0) {
		for (int x = 0; x < n; x++)
			out[x] = c[x] * k0;
	}

	static void first1(final double[] out, final int n, final double[] c, final double k0, final double[] a1,
			final double[] b1, final double k1) {
		for (int x = 0; x < n; x++)
			out[x] = c[x] * k0 + (a1[x] + b1[x]) * k1;
	}

	static void first2(final double[] out, final int n, final double[] c, final double k0, final double[] a1,
			final double[] b1, final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = 0; x < n; x++) {
			double v = c[x] * k0;
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[x] = v;
		}
	}

	static void next1(final double[] out, final int n, final double[] a1, final double[] b1, final double k1) {
		for (int x = 0; x < n; x++)
			out[x] += (a1[x] + b1[x]) * k1;
	}

	static void next2(final double[] out, final int n, final double[] a1, final double[] b1, final double k1,
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
			final double r = Bandpass.keepAtLeast(lowpass[x] - bg[x], t);
			out[x] = r;
			colMax[x] = Math.max(colMax[x], r);
		}
	}
}
