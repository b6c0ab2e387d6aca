package io.github.parallellocate.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Histogram binning as numpy's {@code histogram} does it. */
class HistogramTest {

	@Test
	void lastBinIsClosedOthersHalfOpen() {
		// np.histogram([0, 1, 2, 3, 4], 4) -> [1, 1, 1, 2], edges 0, 1, 2, 3, 4
		final Histogram h = Histogram.spanning(new double[] { 0, 1, 2, 3, 4 }, 4);
		assertArrayEquals(new int[] { 1, 1, 1, 2 }, h.counts());
		assertEquals(0, h.edge(0));
		assertEquals(4, h.edge(4));
		assertArrayEquals(new double[] { 0.5, 1.5, 2.5, 3.5 }, h.centers(), 1e-12);
	}

	@Test
	void outsideAndNanAreNotCounted() {
		final Histogram h = Histogram.of(new double[] { -1, 0, 0.5, 0.99, 1, 1.5, Double.NaN }, 2, 0, 1);
		assertArrayEquals(new int[] { 1, 3 }, h.counts());
		assertEquals(4, h.total());
	}

	@Test
	void degenerateRangesAsNumpy() {
		// np.histogram([3, 3], 2) -> [0, 2] on [2.5, 3.5]; empty input -> zeros on [-0.5, 0.5]
		final Histogram same = Histogram.spanning(new double[] { 3, 3 }, 2);
		assertEquals(2.5, same.lo());
		assertEquals(3.5, same.hi());
		assertArrayEquals(new int[] { 0, 2 }, same.counts());
		final Histogram empty = Histogram.spanning(new double[0], 3);
		assertEquals(-0.5, empty.lo());
		assertEquals(0, empty.total());
		assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 0, 0, 1));
	}
}
