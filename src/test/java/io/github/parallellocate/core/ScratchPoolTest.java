package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * The scratch arrays a locator borrows for one image and gives back: a later
 * locator gets them again, and what the last user left in them never shows
 * in the features (every user writes what it reads).
 */
class ScratchPoolTest {

	@Test
	void aGivenArrayIsLentAgainWhenItFits() {
		ScratchPool.clear();
		final int[] a = new int[100_000];
		ScratchPool.give(a);
		assertNotSame(a, ScratchPool.ints(40_000), "more than twice the request: not lent");
		assertSame(a, ScratchPool.ints(80_000));
		assertNotSame(a, ScratchPool.ints(80_000), "lent once");
		final double[] d = new double[70_000];
		ScratchPool.give(d);
		assertNotSame(d, ScratchPool.doubles(70_001), "too small");
		assertSame(d, ScratchPool.doubles(70_000));
	}

	@Test
	void leftoversOfEarlierImagesNeverChangeTheFeatures() {
		final LocateParameters params = LocateParameters.builder(9).build();
		// the small image's arrays are more than half the large one's: it borrows them
		final Plane large = noisySpots(900, 600, 1), small = noisySpots(800, 500, 2);
		ScratchPool.clear();
		final List<Feature> clean = new PlaneLocator(params).locate(small);
		assertTrue(clean.size() > 50, clean.size() + " features");
		final ExecutorService pool = DaemonPool.of(2, "scratch-pool-test");
		try {
			for (int round = 0; round < 3; round++) {
				// a large image fills the pool with its arrays, then new locators (serial and split) borrow them for the small one
				new PlaneLocator(params).locate(large);
				assertEquals(clean, new PlaneLocator(params).locate(small), "serial, round " + round);
				final PlaneLocator split = new PlaneLocator(params);
				split.setSplitter(new Splitter(pool, 2, true));
				new PlaneLocator(params).locate(large);
				assertEquals(clean, split.locate(small), "split, round " + round);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** 16-bit Gaussian spots on a noisy background. */
	private static Plane noisySpots(final int w, final int h, final long seed) {
		final Random r = new Random(seed);
		final double[] v = new double[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = 300 + 20 * r.nextGaussian();
		for (int s = 0; s < w * h / 2000; s++) {
			final double cx = r.nextDouble() * w, cy = r.nextDouble() * h;
			for (int y = Math.max(0, (int) cy - 6); y < Math.min(h, (int) cy + 7); y++)
				for (int x = Math.max(0, (int) cx - 6); x < Math.min(w, (int) cx + 7); x++)
					v[y * w + x] += 1500 * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 1.6 * 1.6));
		}
		final short[] px = new short[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) Math.max(0, Math.min(65535, Math.round(v[i])));
		return Plane.ofShorts(px, w, h);
	}
}
