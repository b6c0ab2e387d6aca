package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * trackpy's {@code find.where_close} on refined positions: every pair whose
 * distance, in units of {@code separation}, is at most {@code 1 - 1e-7}
 * (cKDTree's {@code query_pairs}) loses its dimmer member; on equal mass, the
 * member with the smaller scaled {@code y + x} of the lower index... exactly:
 * for a pair (i, j), i &lt; j, drop j if {@code mass_i > mass_j}, i if
 * {@code mass_i < mass_j}, and on a tie j if {@code sum_i > sum_j}, else i.
 * All pairs are judged at once (no cascading), as in trackpy.
 */
final class Duplicates {

	private final double separation;
	private double[] ry = new double[0], rx = new double[0];
	private long[] order = new long[0];

	Duplicates(final LocateParameters params) {
		separation = params.separation().uniform();
	}

	/**
	 * Sorts {@code keys[0..n)}, which come nearly sorted (maxima are found in
	 * row order and refinement moves them a few pixels): insertion sort, cheap
	 * on such input and quick for the JIT to compile, handing over to
	 * {@link Arrays#sort} if the input turns out far from sorted.
	 */
	static void sortNearlySorted(final long[] keys, final int n) {
		long moves = 0;
		for (int i = 1; i < n; i++) {
			final long k = keys[i];
			int j = i - 1;
			while (j >= 0 && keys[j] > k) {
				keys[j + 1] = keys[j];
				j--;
			}
			keys[j + 1] = k;
			moves += i - 1 - j;
			if (moves > 16L * n) {
				Arrays.sort(keys, 0, n);
				return;
			}
		}
	}

	/**
	 * Sets {@code fb.drop} for the duplicates among the features {@code
	 * idx[0..n)} (ascending feature indices: trackpy's row order, so that its
	 * tie rule on the lower index holds).
	 */
	void mark(final FeatureBuffer fb, final int[] idx, final int n) {
		mark(fb, idx, n, Splitter.SERIAL);
	}

	/**
	 * {@link #mark(FeatureBuffer, int[], int)} with the pairs judged in parts
	 * of the sorted features, which the splitter may run at once (measured:
	 * the pairs of a 2048x2048 frame's 2800 candidates took 0.11-0.13 ms on
	 * one thread, the longest serial step after its maxima). Each pair is
	 * judged once, by the part of its first member in the sorted order, and
	 * a judgement only ever sets a feature's drop flag, so the flags are the
	 * same whichever part judges first (a {@code boolean[]} element is
	 * written alone, never with its neighbours; the split's end orders the
	 * writes before the caller's reads).
	 */
	void mark(final FeatureBuffer fb, final int[] idx, final int n, final Splitter splitter) {
		if (!(separation > 0) || n < 2)
			return;
		if (ry.length < n) {
			ry = new double[n];
			rx = new double[n];
			order = new long[n];
		}
		for (int k = 0; k < n; k++) {
			final int i = idx[k];
			ry[k] = fb.y[i] / separation;
			rx[k] = fb.x[i] / separation;
			// sort key: integer row of the scaled y (any monotone bucket works), then position in the list
			order[k] = ((long) Math.floor(ry[k]) << 32) | k;
		}
		sortNearlySorted(order, n);
		final int parts = splitter.parts(n, 512, 2);
		splitter.run(parts, i -> pairs(fb, idx, n, Splitter.bound(i, parts, n), Splitter.bound(i + 1, parts, n)));
	}

	/** Judges the close pairs whose first member (in the sorted order) is one of {@code order[from..to)}. */
	private void pairs(final FeatureBuffer fb, final int[] idx, final int n, final int from, final int to) {
		final long[] order = this.order;
		final double[] ry = this.ry, rx = this.rx;
		final double r = NdLocator.CLOSE, r2 = r * r;
		for (int a = from; a < to; a++) {
			final int ia = (int) order[a];
			final long bucketA = order[a] >> 32;
			for (int b = a + 1; b < n; b++) {
				if ((order[b] >> 32) > bucketA + 1)
					break;
				final int ib = (int) order[b];
				final int i0 = Math.min(ia, ib), i1 = Math.max(ia, ib);
				final double dy = ry[i0] - ry[i1], dx = rx[i0] - rx[i1];
				if (dy * dy + dx * dx > r2)
					continue;
				final double m0 = fb.mass[idx[i0]], m1 = fb.mass[idx[i1]];
				final int victim;
				if (m0 > m1)
					victim = i1;
				else if (m0 < m1)
					victim = i0;
				else
					victim = ry[i0] + rx[i0] > ry[i1] + rx[i1] ? i1 : i0;
				fb.drop[idx[victim]] = true;
			}
		}
	}
}
