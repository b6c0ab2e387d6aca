package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;
import io.github.parallellocate.testutil.SyntheticImages;

/**
 * Locators kept between runs: a locator is lent only for equal parameters,
 * only to one taker, at most {@link LocatorPool#MAX_KEPT} are kept, and a
 * kept locator (whatever it located before, serially or split) gives the
 * features a new one gives.
 */
class LocatorPoolTest {

	@AfterEach
	void forget() {
		LocatorPool.clear();
	}

	@Test
	void aGivenLocatorIsLentOnceAndOnlyForEqualParameters() {
		LocatorPool.clear();
		final LocateParameters p = LocateParameters.builder(9).minmass(100.0).build();
		final FeatureLocator first = LocatorPool.take(p);
		assertEquals(p, first.parameters());
		LocatorPool.give(first);
		assertNotSame(first, LocatorPool.take(LocateParameters.builder(9).minmass(101.0).build()), "other parameters");
		assertSame(first, LocatorPool.take(LocateParameters.builder(9).minmass(100.0).build()), "equal parameters");
		assertNotSame(first, LocatorPool.take(p), "lent once");
	}

	@Test
	void keepsAtMostItsBoundTheLatestFirst() {
		LocatorPool.clear();
		final LocateParameters p = LocateParameters.builder(7).build();
		final List<FeatureLocator> given = new ArrayList<>();
		for (int i = 0; i < LocatorPool.MAX_KEPT + 5; i++) {
			final FeatureLocator l = new FeatureLocator(p);
			given.add(l);
			LocatorPool.give(l);
		}
		assertEquals(LocatorPool.MAX_KEPT, LocatorPool.size());
		assertSame(given.get(given.size() - 1), LocatorPool.take(p), "the latest given first");
		LocatorPool.give(null);
		assertEquals(LocatorPool.MAX_KEPT - 1, LocatorPool.size(), "null is not kept");
	}

	@Test
	void aKeptLocatorGivesTheFeaturesOfANewOne() {
		LocatorPool.clear();
		final LocateParameters params = LocateParameters.builder(9).minmass(50.0).build();
		final Plane large = spots(900, 640, 1), small = spots(700, 500, 2);
		final Image volume = NdSplitAgreesTest.image(new Random(3), PixelType.UINT16, 70, 60, 24);
		final LocateParameters params3d = LocateParameters.builder(PerAxis.axes(5, 7, 7)).build();
		final List<Feature> clean = new FeatureLocator(params).locate(small);
		final List<Feature> clean3d = new FeatureLocator(params3d).locate(volume);
		assertTrue(clean.size() > 20, clean.size() + " features");
		assertTrue(clean3d.size() > 5, clean3d.size() + " features in 3D");
		final ExecutorService pool = DaemonPool.of(2, "locator-pool-test");
		try {
			for (int round = 0; round < 3; round++) {
				// a locator that located a larger image, split, then serially the small one; and one that located a volume
				final FeatureLocator a = LocatorPool.take(params);
				a.setExecutor(pool, 2);
				a.locate(large);
				LocatorPool.give(a);
				final FeatureLocator b = LocatorPool.take(params);
				assertSame(a, b, "round " + round);
				assertEquals(clean, b.locate(small), "serial after split, round " + round);
				b.setExecutor(pool, 2);
				assertEquals(clean, b.locate(small), "split, round " + round);
				LocatorPool.give(b);
				final FeatureLocator c = LocatorPool.take(params3d);
				c.setExecutor(pool, 2);
				assertEquals(clean3d, c.locate(volume), "volume, round " + round);
				LocatorPool.give(c);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** 16-bit Gaussian spots on a noisy background (seeded). */
	private static Plane spots(final int w, final int h, final long seed) {
		return SyntheticImages.spots(new Random(seed), PixelType.UINT16, w, h, w * h / 4000, 0.01);
	}
}
