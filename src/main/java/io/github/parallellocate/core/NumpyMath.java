package io.github.parallellocate.core;

/**
 * The few numpy numerics whose exact rounding decides parity with trackpy.
 */
final class NumpyMath {

	private NumpyMath() {}

	/**
	 * {@code numpy.sum} of a float64 array: numpy's pairwise summation (blocks
	 * of 8 partial sums below 128 elements, recursive halving above).
	 */
	static double pairwiseSum(final double[] a, final int from, final int n) {
		if (n < 8) {
			double res = 0.;
			for (int i = 0; i < n; i++)
				res += a[from + i];
			return res;
		}
		if (n <= 128) {
			final double[] r = new double[8];
			System.arraycopy(a, from, r, 0, 8);
			int i;
			for (i = 8; i < n - (n % 8); i += 8)
				for (int j = 0; j < 8; j++)
					r[j] += a[from + i + j];
			double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
			for (; i < n; i++)
				res += a[from + i];
			return res;
		}
		int n2 = n / 2;
		n2 -= n2 % 8;
		return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
	}

	/** numpy's ufunc buffer size: reductions see at most this many elements per inner loop. */
	static final int NUMPY_BUFFER_SIZE = 8192;

	/**
	 * {@code numpy.sum} of a 1D float32 array (accumulated in float32): the
	 * array is reduced in chunks of {@link #NUMPY_BUFFER_SIZE}, each chunk by
	 * pairwise summation.
	 */
	static float sumFloat32(final float[] a, final int n) {
		float res = 0f;
		for (int i = 0; i < n; i += NUMPY_BUFFER_SIZE)
			res += pairwiseSumFloat32(a, i, Math.min(NUMPY_BUFFER_SIZE, n - i));
		return res;
	}

	/** {@link #pairwiseSum} in float32 arithmetic. */
	private static float pairwiseSumFloat32(final float[] a, final int from, final int n) {
		if (n < 8) {
			float res = 0f;
			for (int i = 0; i < n; i++)
				res += a[from + i];
			return res;
		}
		if (n <= 128) {
			final float[] r = new float[8];
			System.arraycopy(a, from, r, 0, 8);
			int i;
			for (i = 8; i < n - (n % 8); i += 8)
				for (int j = 0; j < 8; j++)
					r[j] += a[from + i + j];
			float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
			for (; i < n; i++)
				res += a[from + i];
			return res;
		}
		int n2 = n / 2;
		n2 -= n2 % 8;
		return pairwiseSumFloat32(a, from, n2) + pairwiseSumFloat32(a, from + n2, n - n2);
	}

	/**
	 * {@code (a.mean(), a.std())} of a 1D float32 array with numpy's float32
	 * arithmetic ({@code a} is overwritten): the mean is the float32 sum
	 * divided in double and rounded to float; the variance subtracts the
	 * float32 mean {@code sum / n} (divided in float32), squares and sums in
	 * float32, divides in double and rounds to float; the standard deviation
	 * is its float32 square root. NaN where numpy gives NaN.
	 */
	static double[] meanStdFloat32(final float[] a, final int n) {
		final float sum = sumFloat32(a, n);
		final float mean = (float) ((double) sum / n);
		final float arrmean = sum / n;
		for (int i = 0; i < n; i++) {
			final float d = a[i] - arrmean;
			a[i] = d * d;
		}
		final float var = (float) ((double) sumFloat32(a, n) / n);
		return new double[] { mean, (float) Math.sqrt(var) };
	}

	/**
	 * {@code numpy.percentile(values, q)} with the default 'linear' method,
	 * for non-negative integer values given as a histogram
	 * ({@code counts[v]} = how many values equal {@code v}), of which only the
	 * values from {@code first} up count.
	 *
	 * @param counts histogram of the values
	 * @param first the smallest value that counts (1: the non-zero values)
	 * @param n number of counted values (sum of counts from {@code first}), at least 1
	 * @param percentile in [0, 100]
	 */
	static double percentileOfHistogram(final int[] counts, final int first, final long n, final double percentile) {
		final double p = percentileOfWindow(counts, first, counts.length, 0, n, percentile);
		if (Double.isNaN(p))
			throw new IllegalStateException("the histogram counts fewer than " + n + " values");
		return p;
	}

	/**
	 * {@link #percentileOfHistogram} of {@code n} values of which {@code
	 * below} lie under {@code lo} (not counted one by one), those in {@code
	 * lo..hi - 1} are counted in {@code counts[lo..hi)} and the rest lie at
	 * {@code hi} or above: the percentile when both values it interpolates
	 * between are in the window, else NaN.
	 */
	static double percentileOfWindow(final int[] counts, final int lo, final int hi, final long below, final long n,
			final double percentile) {
		final double q = percentile / 100;
		final double virtual = (n - 1) * q;
		final long prev;
		final long next;
		if (virtual >= n - 1) {
			prev = n - 1;
			next = n - 1;
		}
		else {
			prev = (long) Math.floor(virtual);
			next = prev + 1;
		}
		// numpy: gamma = virtual - previous, where previous is -1 above bounds
		final double gamma = virtual >= n - 1 ? virtual + 1 : virtual - prev;
		final int a = valueAtRank(counts, lo, hi, prev - below);
		final int b = next == prev ? a : valueAtRank(counts, lo, hi, next - below);
		if (a < 0 || b < 0)
			return Double.NaN;
		return lerp(a, b, gamma);
	}

	/** numpy's {@code _lerp}: exact at both ends, symmetric rounding. */
	static double lerp(final double a, final double b, final double t) {
		final double diff = b - a;
		if (t >= 0.5)
			return b - diff * (1 - t);
		return a + diff * t;
	}

	/** The value of rank {@code rank} (0: the smallest) among those counted in {@code counts[lo..hi)}, or -1 if none is. */
	private static int valueAtRank(final int[] counts, final int lo, final int hi, final long rank) {
		if (rank < 0)
			return -1;
		long seen = 0;
		for (int v = lo; v < hi; v++) {
			seen += counts[v];
			if (seen > rank)
				return v;
		}
		return -1;
	}
}
