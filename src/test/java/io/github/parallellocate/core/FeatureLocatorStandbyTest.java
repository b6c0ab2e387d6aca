package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;
import io.github.parallellocate.testutil.SyntheticImages;

/**
 * {@link FeatureLocator#standby()}: helpers are asked for before an image is
 * read only after an image large enough to split, and the features do not
 * change.
 */
class FeatureLocatorStandbyTest {

	@Test
	void helpersAreAskedForBeforeTheReadOnlyAfterALargeImage() {
		final LocateParameters params = LocateParameters.builder(9).minmass(50.0).build();
		final Plane small = SyntheticImages.spots(new Random(1), PixelType.UINT16, 300, 200, 20, 0.01);
		final Plane large = SyntheticImages.spots(new Random(2), PixelType.UINT16, 600, 500, 80, 0.01);
		final List<Feature> clean = new FeatureLocator(params).locate(large);
		final ExecutorService pool = DaemonPool.of(2, "standby-test");
		final AtomicInteger asked = new AtomicInteger();
		try {
			final FeatureLocator l = new FeatureLocator(params);
			l.setExecutor(r -> {
				asked.incrementAndGet();
				pool.execute(r);
			}, 2);
			l.standby(); // nothing located yet
			assertEquals(0, asked.get());
			l.locate(small);
			final int afterSmall = asked.get();
			l.standby();
			assertEquals(afterSmall, asked.get(), "asked for a helper after a small image");
			l.locate(large);
			// the image done, its helpers leave (then the next image asks the executor again)
			for (final long until = System.nanoTime() + 20_000_000_000L; l.attachedHelpers() > 0 && System.nanoTime() < until;)
				Thread.onSpinWait();
			final int afterLarge = asked.get();
			l.standby();
			assertEquals(afterLarge + 1, asked.get(), "no helper asked for after a large image");
			assertEquals(clean, l.locate(large));
		}
		finally {
			pool.shutdownNow();
		}
	}
}
