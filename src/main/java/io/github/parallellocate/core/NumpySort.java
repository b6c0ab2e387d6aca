package io.github.parallellocate.core;

/**
 * numpy's {@code argsort(kind='quicksort')} for float64, the default that
 * trackpy's {@code topn} calls: numpy's introsort ({@code npysort/quicksort},
 * {@code aquicksort_} and {@code aheapsort_} of numpy 1.x), reproduced step
 * by step so that equal values come out in numpy's (unstable) order:
 * <ul>
 * <li>partitions while more than {@link #SMALL_QUICKSORT} + 1 elements
 * remain: median of three (low, middle, high), the pivot parked next to the
 * high end, Hoare-style scans, the larger part pushed and the smaller one
 * sorted next;</li>
 * <li>insertion sort below that;</li>
 * <li>heapsort of a part once the depth budget {@code 2 floor(log2 n)} is
 * spent;</li>
 * <li>{@code less(a, b) = a < b || (b != b && a == a)}: NaN sorts last.</li>
 * </ul>
 * numpy 1.25+ on x86 CPUs with AVX-512 dispatches {@code argsort} to a
 * vectorised sort (x86-simd-sort) whose order of ties differs; the
 * references are made with numpy 1.24 (and AVX-512 disabled), see
 * docs/parity.md.
 */
final class NumpySort {

	/** numpy's {@code SMALL_QUICKSORT}: parts of at most this many elements + 1 are insertion sorted. */
	static final int SMALL_QUICKSORT = 15;
	private static final int STACK = 128;

	private NumpySort() {}

	static boolean less(final double a, final double b) {
		return a < b || b != b && a == a;
	}

	/** {@code numpy.argsort(v)}: the indices 0..n-1 in numpy's order. */
	static int[] argsort(final double[] v) {
		final int n = v.length;
		final int[] tosort = new int[n];
		for (int i = 0; i < n; i++)
			tosort[i] = i;
		aquicksort(v, tosort, n);
		return tosort;
	}

	/** numpy's {@code aquicksort_}: sorts {@code tosort[0..num)} by {@code v[tosort[i]]}. */
	static void aquicksort(final double[] v, final int[] tosort, final int num) {
		int pl = 0, pr = num - 1;
		final int[] stack = new int[STACK];
		int sptr = 0;
		final int[] depth = new int[STACK];
		int psdepth = 0;
		int cdepth = msb(num) * 2;
		for (;;) {
			if (cdepth < 0) {
				aheapsort(v, tosort, pl, pr - pl + 1);
			}
			else {
				while (pr - pl > SMALL_QUICKSORT) {
					final int pm = pl + ((pr - pl) >> 1);
					if (less(v[tosort[pm]], v[tosort[pl]]))
						swap(tosort, pm, pl);
					if (less(v[tosort[pr]], v[tosort[pm]]))
						swap(tosort, pr, pm);
					if (less(v[tosort[pm]], v[tosort[pl]]))
						swap(tosort, pm, pl);
					final double vp = v[tosort[pm]];
					int pi = pl, pj = pr - 1;
					swap(tosort, pm, pj);
					for (;;) {
						do
							++pi;
						while (less(v[tosort[pi]], vp));
						do
							--pj;
						while (less(vp, v[tosort[pj]]));
						if (pi >= pj)
							break;
						swap(tosort, pi, pj);
					}
					final int pk = pr - 1;
					swap(tosort, pi, pk);
					// push the larger partition on the stack
					if (pi - pl < pr - pi) {
						stack[sptr++] = pi + 1;
						stack[sptr++] = pr;
						pr = pi - 1;
					}
					else {
						stack[sptr++] = pl;
						stack[sptr++] = pi - 1;
						pl = pi + 1;
					}
					depth[psdepth++] = --cdepth;
				}
				// insertion sort
				for (int pi = pl + 1; pi <= pr; ++pi) {
					final int vi = tosort[pi];
					final double vp = v[vi];
					int pj = pi, pk = pi - 1;
					while (pj > pl && less(vp, v[tosort[pk]]))
						tosort[pj--] = tosort[pk--];
					tosort[pj] = vi;
				}
			}
			// stack_pop
			if (sptr == 0)
				break;
			pr = stack[--sptr];
			pl = stack[--sptr];
			cdepth = depth[--psdepth];
		}
	}

	/** numpy's {@code aheapsort_} on {@code tosort[from .. from + n)} (1-based heap indices). */
	static void aheapsort(final double[] v, final int[] tosort, final int from, final int count) {
		final int base = from - 1; // a[i] = tosort[base + i]
		int n = count;
		int i, j, tmp;
		for (int l = n >> 1; l > 0; --l) {
			tmp = tosort[base + l];
			for (i = l, j = l << 1; j <= n;) {
				if (j < n && less(v[tosort[base + j]], v[tosort[base + j + 1]]))
					j += 1;
				if (less(v[tmp], v[tosort[base + j]])) {
					tosort[base + i] = tosort[base + j];
					i = j;
					j += j;
				}
				else {
					break;
				}
			}
			tosort[base + i] = tmp;
		}
		for (; n > 1;) {
			tmp = tosort[base + n];
			tosort[base + n] = tosort[base + 1];
			n -= 1;
			for (i = 1, j = 2; j <= n;) {
				if (j < n && less(v[tosort[base + j]], v[tosort[base + j + 1]]))
					j++;
				if (less(v[tmp], v[tosort[base + j]])) {
					tosort[base + i] = tosort[base + j];
					i = j;
					j += j;
				}
				else {
					break;
				}
			}
			tosort[base + i] = tmp;
		}
	}

	/** numpy's {@code npy_get_msb}: floor(log2(n)) for n >= 1, 0 for 0. */
	static int msb(final long n) {
		int depth = 0;
		for (long u = n >>> 1; u != 0; u >>>= 1)
			depth++;
		return depth;
	}

	private static void swap(final int[] a, final int i, final int j) {
		final int t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}
