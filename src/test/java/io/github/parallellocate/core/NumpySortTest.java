package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.testutil.ReferenceCase;

/**
 * {@link NumpySort} against numpy's own {@code argsort} (quicksort, i.e.
 * introsort, and heapsort) of tie-rich inputs, from
 * {@code reference/nd/argsort.tsv} (scripts/reference/make_references.py
 * --nd): the same order of equal values, which decides trackpy's
 * {@code topn} rows.
 */
class NumpySortTest {

	/** The script's {@code argsort_input(n, k, nan)}. */
	static double[] input(final int n, final int k, final boolean nan) {
		final double[] v = new double[n];
		for (int i = 0; i < n; i++)
			v[i] = (double) (((i * 7919L + 13) % 1009) % k);
		if (nan)
			for (int i = 0; i < n; i += 11)
				v[i] = Double.NaN;
		return v;
	}

	@Test
	void sameOrderAsNumpy() throws Exception {
		final List<String> lines = Files.readAllLines(ReferenceCase.resource("nd/argsort.tsv"));
		int cases = 0, differFromStable = 0;
		for (final String line : lines) {
			if (line.startsWith("#") || line.startsWith("kind"))
				continue;
			final String[] f = line.split("\t");
			final int n = Integer.parseInt(f[1]), k = Integer.parseInt(f[2]);
			final double[] v = input(n, k, f[3].equals("True"));
			final int[] expected = Arrays.stream(f[4].split(",")).mapToInt(Integer::parseInt).toArray();
			final int[] got;
			if (f[0].equals("quicksort")) {
				got = NumpySort.argsort(v);
			}
			else {
				got = new int[n];
				for (int i = 0; i < n; i++)
					got[i] = i;
				NumpySort.aheapsort(v, got, 0, n);
			}
			assertArrayEquals(expected, got, f[0] + " n=" + n + " k=" + k + " nan=" + f[3]);
			cases++;
			final Integer[] stable = new Integer[n];
			for (int i = 0; i < n; i++)
				stable[i] = i;
			Arrays.sort(stable, (a, b) -> NumpySort.less(v[a], v[b]) ? -1 : NumpySort.less(v[b], v[a]) ? 1 : 0);
			if (!Arrays.equals(expected, Arrays.stream(stable).mapToInt(Integer::intValue).toArray()))
				differFromStable++;
		}
		assertEquals(184, cases);
		assertFalse(differFromStable == 0, "the inputs must tell numpy's order from a stable sort");
	}

	@Test
	void depthBudget() {
		assertEquals(0, NumpySort.msb(1));
		assertEquals(1, NumpySort.msb(2));
		assertEquals(1, NumpySort.msb(3));
		assertEquals(10, NumpySort.msb(1024));
	}
}
