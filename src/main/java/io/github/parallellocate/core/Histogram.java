package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * Counts of the integer image's values 0..gamut, filled while the image is
 * written (so no separate pass reads it again) and read by
 * {@link LocalMaxima} for the percentile threshold.
 * <p>
 * The band-passed image is mostly zeros, in runs: counting them all into one
 * counter would chain every increment on the one before (a store, then a
 * load of the same address), so zeros count into {@value #ZERO_SLOTS}
 * counters after the last bin, chosen by the column ({@link #slot}), which
 * {@link #finish()} adds into bin 0. Other values count directly into their
 * bin, which is also what {@link #finish()} returns: no copy.
 * </p>
 */
final class Histogram {

	/** Counters for the zeros, after the bins. */
	static final int ZERO_SLOTS = 16;

	/** The counts by value, then the zero counters ({@link #slot}). */
	int[] counts = new int[ZERO_SLOTS];
	/** Values 0..bins-1 are counted; the zero counters start at {@code bins}. */
	int bins;

	/** Clears the counts for values 0..gamut. */
	void reset(final int gamut) {
		bins = gamut + 1;
		if (counts.length < bins + ZERO_SLOTS)
			counts = new int[bins + ZERO_SLOTS];
		else
			Arrays.fill(counts, 0, bins + ZERO_SLOTS, 0);
	}

	/**
	 * The counter for value {@code v >= 0} found in column {@code x}: its bin,
	 * or for a zero one of the zero counters (without a branch).
	 */
	static int slot(final int v, final int x, final int bins) {
		final int zero = ((v | -v) >>> 31) - 1; // -1 for 0, else 0
		return v | (zero & (bins + (x & (ZERO_SLOTS - 1))));
	}

	/** Counts value {@code v} found in column {@code x}. */
	void add(final int v, final int x) {
		counts[slot(v, x, bins)]++;
	}

	/** Counts {@code values[from..from + n)}. */
	void addAll(final int[] values, final int from, final int n) {
		final int[] c = counts;
		final int b = bins;
		for (int x = 0; x < n; x++)
			c[slot(values[from + x], x, b)]++;
	}

	/** Moves the zero counters into bin 0; returns the counts (index = value; only 0..gamut are meaningful). */
	int[] finish() {
		final int[] c = counts;
		int zeros = 0;
		for (int i = bins; i < bins + ZERO_SLOTS; i++) {
			zeros += c[i];
			c[i] = 0;
		}
		c[0] += zeros;
		return c;
	}

	/** Adds another histogram's counts (of the same gamut, before {@link #finish()}). */
	void addLanes(final Histogram other) {
		final int[] a = counts, b = other.counts;
		for (int i = 0; i < bins + ZERO_SLOTS; i++)
			a[i] += b[i];
	}
}
