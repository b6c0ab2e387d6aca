package io.github.parallellocate.analysis;

import java.util.Arrays;

/**
 * Counts of values in equal-width bins, as numpy's {@code histogram}: bins
 * are half-open {@code [lo + i*w, lo + (i+1)*w)} except the last, which also
 * holds {@code hi}; values outside {@code [lo, hi]} and NaN are not counted.
 *
 * @param lo the left edge of the first bin
 * @param hi the right edge of the last bin
 * @param counts the count of each bin
 */
public record Histogram(double lo, double hi, int[] counts) {

	/** Counts {@code values} in {@code bins} bins spanning {@code [lo, hi]} ({@code hi > lo}). */
	public static Histogram of(final double[] values, final int bins, final double lo, final double hi) {
		if (bins < 1 || !(hi > lo))
			throw new IllegalArgumentException("a histogram needs bins >= 1 and hi > lo, got " + bins + " bins on [" + lo
				+ ", " + hi + "]");
		final int[] counts = new int[bins];
		final double scale = bins / (hi - lo);
		for (final double v : values) {
			if (!(v >= lo && v <= hi))
				continue;
			counts[Math.min(bins - 1, (int) ((v - lo) * scale))]++;
		}
		return new Histogram(lo, hi, counts);
	}

	/**
	 * Counts the finite values in {@code bins} bins spanning their range (as
	 * numpy: {@code [v - 0.5, v + 0.5]} when all are equal or there are none,
	 * around 0).
	 */
	public static Histogram spanning(final double[] values, final int bins) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final double v : values)
			if (Double.isFinite(v)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		if (lo > hi) {
			lo = 0;
			hi = 0;
		}
		if (!(hi > lo)) {
			lo -= 0.5;
			hi += 0.5;
		}
		return of(values, bins, lo, hi);
	}

	/** The number of bins. */
	public int bins() {
		return counts.length;
	}

	/** The width of each bin. */
	public double binWidth() {
		return (hi - lo) / counts.length;
	}

	/** The left edge of bin {@code i} ({@code i = bins()} gives {@code hi}). */
	public double edge(final int i) {
		return i == counts.length ? hi : lo + i * binWidth();
	}

	/** The centre of every bin. */
	public double[] centers() {
		final double[] c = new double[counts.length];
		for (int i = 0; i < c.length; i++)
			c[i] = lo + (i + 0.5) * binWidth();
		return c;
	}

	/** The counts as doubles (for plotting). */
	public double[] countsAsDoubles() {
		return Arrays.stream(counts).asDoubleStream().toArray();
	}

	/** The number of values counted. */
	public int total() {
		return Arrays.stream(counts).sum();
	}

	/** The largest count (0 when empty). */
	public int maxCount() {
		return Arrays.stream(counts).max().orElse(0);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Histogram h && lo == h.lo && hi == h.hi && Arrays.equals(counts, h.counts);
	}

	@Override
	public int hashCode() {
		return Double.hashCode(lo) * 31 + Double.hashCode(hi) * 17 + Arrays.hashCode(counts);
	}

	@Override
	public String toString() {
		return "Histogram[" + lo + ", " + hi + "] " + Arrays.toString(counts);
	}
}
