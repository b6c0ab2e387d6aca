package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * Counts of the integer image's values 0..gamut, filled while the image is
 * written (so no separate pass reads it again) and read by
 * {@link LocalMaxima} for the percentile threshold. Values are counted into
 * two interleaved tables, so that runs of one value (mostly 0) do not stall
 * on a single counter, and merged by {@link #finish()}.
 */
final class Histogram {

	private int[] counts = new int[0], spare = new int[0];
	private int bins;

	/** Clears the counts for values 0..gamut. */
	void reset(final int gamut) {
		bins = gamut + 1;
		if (counts.length < bins) {
			counts = new int[bins];
			spare = new int[bins];
		}
		Arrays.fill(counts, 0, bins, 0);
		Arrays.fill(spare, 0, bins, 0);
	}

	/** Counts two values. */
	void add(final int a, final int b) {
		counts[a]++;
		spare[b]++;
	}

	/** Counts one value. */
	void add(final int a) {
		counts[a]++;
	}

	/** Counts {@code values[from..to)}. */
	void addAll(final int[] values, final int from, final int to) {
		int i = from;
		for (; i + 1 < to; i += 2)
			add(values[i], values[i + 1]);
		if (i < to)
			add(values[i]);
	}

	/** Merges the two tables; returns the counts (index = value). */
	int[] finish() {
		for (int v = 0; v < bins; v++)
			counts[v] += spare[v];
		return counts;
	}
}
