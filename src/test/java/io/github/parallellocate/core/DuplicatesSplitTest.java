package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/** The duplicate search's pairs judged in parts on several threads: the same flags as on one, and as every pair judged alone. */
class DuplicatesSplitTest {

	private static final ExecutorService pool = DaemonPool.of(3, "duplicates-test");

	@Test
	void splitPairsDropTheSameFeaturesAsOneThreadAndAsEveryPair() {
		final Random random = new Random(5);
		final double separation = 10;
		final Duplicates duplicates = new Duplicates(LocateParameters.builder(9).separation(separation).build());
		int dropped = 0;
		for (int trial = 0; trial < 40; trial++) {
			// features in row order, many close to their neighbour, some with equal masses (the tie rule)
			final int n = 600 + random.nextInt(1500);
			final FeatureBuffer fb = new FeatureBuffer();
			for (int k = 0; k < n; k++) {
				fb.addMaximum(0, 0);
				fb.y[k] = k * 0.6 + 3 * random.nextDouble();
				fb.x[k] = random.nextInt(4) == 0 && k > 0 ? fb.x[k - 1] + 4 * random.nextDouble() : 400 * random.nextDouble();
				fb.mass[k] = random.nextInt(3) == 0 ? 100 : 50 + 100 * random.nextDouble();
			}
			final int[] idx = new int[n];
			for (int k = 0; k < n; k++)
				idx[k] = k;
			duplicates.mark(fb, idx, n);
			final boolean[] serial = Arrays.copyOf(fb.drop, n);
			for (final Splitter splitter : new Splitter[] { new Splitter(pool, 2), new Splitter(pool, 4, true) }) {
				Arrays.fill(fb.drop, false);
				duplicates.mark(fb, idx, n, splitter);
				assertArrayEquals(serial, Arrays.copyOf(fb.drop, n), "trial " + trial + ", " + splitter.parallelism() + " threads");
			}
			assertArrayEquals(everyPair(fb, n, separation), serial, "trial " + trial);
			for (final boolean d : serial)
				dropped += d ? 1 : 0;
		}
		assertTrue(dropped > 1000, "close pairs to judge: " + dropped);
	}

	/** trackpy's where_close judged pair by pair over all pairs. */
	private static boolean[] everyPair(final FeatureBuffer fb, final int n, final double separation) {
		final boolean[] drop = new boolean[n];
		final double r2 = NdLocator.CLOSE * NdLocator.CLOSE;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				final double dy = fb.y[i] / separation - fb.y[j] / separation, dx = fb.x[i] / separation - fb.x[j] / separation;
				if (dy * dy + dx * dx > r2)
					continue;
				final double si = fb.y[i] / separation + fb.x[i] / separation, sj = fb.y[j] / separation + fb.x[j] / separation;
				drop[fb.mass[i] > fb.mass[j] || fb.mass[i] == fb.mass[j] && si > sj ? j : i] = true;
			}
		return drop;
	}
}
