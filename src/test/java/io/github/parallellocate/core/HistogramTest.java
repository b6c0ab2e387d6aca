package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The integer image's counts, every value or a window of values: the
 * percentile from a window that holds it equals the one from every value
 * (numpy's, here sorted by brute force), and is NaN from a window that
 * does not.
 */
class HistogramTest {

	private static final int GAMUT = 65535;
	private static final double[] PERCENTILES = { 0, 1, 50, 64, 99.5, 100 };

	/** Rows of a 16-bit band-passed image: mostly zeros, a bulk of small values, a few large ones. */
	private static int[] image(final Random rnd, final int w, final int h) {
		final int[] img = new int[w * h];
		for (int i = 0; i < img.length; i++) {
			final int k = rnd.nextInt(10);
			img[i] = k < 5 ? 0 : k < 9 ? 1 + rnd.nextInt(400) : rnd.nextInt(GAMUT + 1);
		}
		return img;
	}

	/** numpy.percentile of the non-zero values, linear, by sorting. */
	private static double numpyPercentile(final int[] img, final double q) {
		final int[] v = Arrays.stream(img).filter(x -> x != 0).sorted().toArray();
		final double virtual = (v.length - 1) * (q / 100);
		final int prev = (int) Math.floor(virtual), next = Math.min(v.length - 1, prev + 1);
		return NumpyMath.lerp(v[prev], v[next], virtual - prev);
	}

	private static Histogram counted(final int[] img, final int w, final int h, final int lo, final int hi) {
		final Histogram hist = new Histogram();
		hist.reset(GAMUT, lo, hi);
		final NonZeroBits nz = new NonZeroBits();
		nz.reset(w, h);
		for (int y = 0; y < h; y++) {
			if (hist.windowed())
				hist.countWindow(img, y * w, w, nz.bits, y * nz.words);
			else
				hist.addAll(img, y * w, w);
		}
		if (hist.windowed()) { // and the non-zero bits, written on the way
			final NonZeroBits expected = new NonZeroBits();
			expected.reset(w, h);
			for (int y = 0; y < h; y++)
				expected.packRow(img, y * w, w, y);
			assertArrayEquals(Arrays.copyOf(expected.bits, h * nz.words), Arrays.copyOf(nz.bits, h * nz.words), "non-zero bits");
		}
		hist.finish();
		return hist;
	}

	@Test
	void everyValueCountedGivesNumpysPercentile() {
		final Random rnd = new Random(1);
		final int w = 203, h = 37;
		final int[] img = image(rnd, w, h);
		assertCountsEveryValue(img, counted(img, w, h, 0, GAMUT + 1));
	}

	/** {@code hist} counts every value of {@code img}: its zeros, and numpy's percentiles of the rest. */
	private static void assertCountsEveryValue(final int[] img, final Histogram hist) {
		assertFalse(hist.windowed());
		final long zeros = Arrays.stream(img).filter(x -> x == 0).count();
		assertEquals(zeros, hist.zeros());
		for (final double q : PERCENTILES)
			assertEquals(numpyPercentile(img, q), hist.percentile(img.length - zeros, q), "percentile " + q);
	}

	@Test
	void aWindowThatHoldsThePercentileGivesIt() {
		assumeTrue(Simd.enabled(), Simd.describe()); // windows are counted by the vector kernels
		final Random rnd = new Random(2);
		int held = 0, missed = 0;
		for (int round = 0; round < 200; round++) {
			final int w = 1 + rnd.nextInt(300), h = 1 + rnd.nextInt(20);
			final int[] img = image(rnd, w, h);
			final long zeros = Arrays.stream(img).filter(x -> x == 0).count(), nonZero = (long) w * h - zeros;
			if (nonZero == 0)
				continue;
			final double q = PERCENTILES[rnd.nextInt(PERCENTILES.length)];
			final double expected = numpyPercentile(img, q);
			final int centre = (int) expected + rnd.nextInt(41) - 20, half = rnd.nextInt(60);
			final int lo = Math.max(1, centre - half), hi = Math.min(GAMUT + 1, Math.max(lo, centre + half + 1));
			final Histogram window = counted(img, w, h, lo, hi);
			assertTrue(window.windowed());
			assertEquals(zeros, window.zeros(), "zeros");
			final int[] sorted = Arrays.stream(img).filter(x -> x != 0).sorted().toArray();
			final double virtual = (nonZero - 1) * (q / 100);
			final int a = sorted[(int) Math.floor(virtual)], b = sorted[(int) Math.min(nonZero - 1, (long) Math.floor(virtual) + 1)];
			final double p = window.percentile(nonZero, q);
			if (a >= lo && b < hi) {
				assertEquals(expected, p, "window " + lo + ".." + hi + ", percentile " + q);
				held++;
			}
			else {
				assertTrue(Double.isNaN(p), "window " + lo + ".." + hi + " without " + a + " and " + b + ": " + p);
				missed++;
			}
		}
		assertTrue(held > 20 && missed > 20, held + " held, " + missed + " missed");
	}

	@Test
	void aRowUncountedAndCountedAgainLeavesTheCounts() {
		assumeTrue(Simd.enabled(), Simd.describe());
		final Random rnd = new Random(3);
		final int w = 150, h = 12;
		final int[] img = image(rnd, w, h);
		final long nonZero = Arrays.stream(img).filter(x -> x != 0).count();
		final double expected = numpyPercentile(img, 64);
		final int lo = (int) expected - 30, hi = (int) expected + 30;
		final Histogram hist = new Histogram();
		hist.reset(GAMUT, lo, hi);
		final int[] stale = image(rnd, w, 1); // a row first truncated with another maximum
		final long[] bits = new long[3];
		for (int y = 0; y < h; y++)
			hist.countWindow(y == 4 ? stale : img, y == 4 ? 0 : y * w, w, bits, 0);
		hist.remove(stale, 0, w);
		hist.countWindow(img, 4 * w, w, bits, 0);
		hist.finish();
		assertEquals((long) w * h - nonZero, hist.zeros());
		assertEquals(expected, hist.percentile(nonZero, 64));
		// and counted in two parts, merged
		final Histogram top = new Histogram(), bottom = new Histogram();
		top.reset(GAMUT, lo, hi);
		bottom.reset(GAMUT, lo, hi);
		for (int y = 0; y < h; y++)
			(y < 5 ? top : bottom).countWindow(img, y * w, w, bits, 0);
		top.addLanes(bottom);
		top.finish();
		assertEquals(expected, top.percentile(nonZero, 64));
		final Histogram other = new Histogram();
		other.reset(GAMUT, lo, hi + 1);
		assertThrows(IllegalArgumentException.class, () -> top.addLanes(other));
	}

	@Test
	void anImageCountedAgainFromItsBitsCountsEveryValue() {
		// what a missed window falls back on (PercentileWindow.percentile)
		final Random rnd = new Random(4);
		final int w = 130, h = 9;
		final int[] img = image(rnd, w, h);
		final NonZeroBits nz = new NonZeroBits();
		nz.reset(w, h);
		for (int y = 0; y < h; y++)
			nz.packRow(img, y * w, w, y);
		final Histogram hist = new Histogram();
		hist.reset(GAMUT, 50, 60);
		hist.countAll(img, w, h, nz.bits);
		assertCountsEveryValue(img, hist);
	}

	@Test
	void windowsOutsideTheGamutAreRefused() {
		final Histogram hist = new Histogram();
		assertThrows(IllegalArgumentException.class, () -> hist.reset(255, 0, 100));
		assertThrows(IllegalArgumentException.class, () -> hist.reset(255, 10, 257));
		assertThrows(IllegalArgumentException.class, () -> hist.reset(255, 10, 9));
		hist.reset(255, 256, 256); // an empty window, above every value
		assertTrue(hist.windowed());
	}
}
