package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * Counts of the integer image's values 0..gamut, filled while the image is
 * written (so no separate pass reads it again) and read by
 * {@link LocalMaxima} for the percentile threshold. Even and odd columns
 * count into interleaved lanes, so that runs of one value (mostly 0) do not
 * stall on a single counter; {@link #finish()} adds the lanes.
 */
final class Histogram {

	private int[] lanes = new int[0], counts = new int[0];
	private int bins;

	/** Clears the counts for values 0..gamut. */
	void reset(final int gamut) {
		bins = gamut + 1;
		if (counts.length < bins) {
			counts = new int[bins];
			lanes = new int[2 * bins];
		}
		Arrays.fill(lanes, 0, 2 * bins, 0);
	}

	/** Counts value {@code v} found in column {@code x}. */
	void add(final int v, final int x) {
		lanes[(v << 1) | (x & 1)]++;
	}

	/** Counts {@code n} zeros. */
	void addZeros(final int n) {
		lanes[0] += n;
	}

	/** Counts {@code values[from..from + n)}. */
	void addAll(final int[] values, final int from, final int n) {
		for (int x = 0; x < n; x++)
			add(values[from + x], x);
	}

	/** Uncounts {@code values[from..from + n)}, counted before (a row done again). */
	void remove(final int[] values, final int from, final int n) {
		for (int x = 0; x < n; x++)
			lanes[values[from + x] << 1]--;
	}

	/** Adds the lanes; returns the counts (index = value). */
	int[] finish() {
		for (int v = 0; v < bins; v++)
			counts[v] = lanes[2 * v] + lanes[2 * v + 1];
		return counts;
	}

	/** Adds another histogram's counts (of the same gamut, before {@link #finish()}). */
	void addLanes(final Histogram other) {
		final int[] a = lanes, b = other.lanes;
		for (int i = 0; i < 2 * bins; i++)
			a[i] += b[i];
	}
}
