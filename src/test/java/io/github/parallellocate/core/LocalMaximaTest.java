package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * Both ways of finding the maxima (the box test of 4-neighbour candidates
 * and the separable dilation) give, on random integer images with many
 * ties, exactly the maxima of a brute-force dilation (scipy's {@code
 * grey_dilation} with a box of side {@code int(2 sep / sqrt 2)}, zeros
 * outside), in row-major order; also split into bands of one row.
 */
class LocalMaximaTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "maxima-test");

	@Test
	void bothWaysGiveTheBruteForceMaxima() {
		final Random rnd = new Random(15);
		int total = 0;
		for (int c = 0; c < 400; c++) {
			final int w = 3 + rnd.nextInt(c < 200 ? 40 : 150), h = 3 + rnd.nextInt(c < 200 ? 40 : 150);
			final int diameter = 3 + 2 * rnd.nextInt(Math.max(1, Math.min(w, h) / 2 - 1));
			final int top = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 3000);
			final int[] img = new int[w * h];
			final double zeros = rnd.nextDouble();
			for (int i = 0; i < img.length; i++)
				img[i] = rnd.nextDouble() < zeros ? 0 : rnd.nextInt(top + 1);
			final LocateParameters.Builder b = LocateParameters.builder(diameter).percentile(rnd.nextDouble() * 100);
			if (rnd.nextBoolean())
				b.separation(0.5 + rnd.nextDouble() * 2 * diameter);
			final LocateParameters p = b.build();
			final int[] counts = new int[top + 1];
			for (final int v : img)
				counts[v]++;
			final LocalMaxima m = new LocalMaxima(p);
			final int[] expected = bruteForce(img, w, h, counts, p);
			total += expected.length / 2;
			final String what = w + "x" + h + " " + p.asText();
			for (final boolean separable : new boolean[] { false, true }) {
				final FeatureBuffer fb = new FeatureBuffer();
				m.separable(separable).find(img, w, h, counts, fb);
				assertArrayEquals(expected, maxima(fb), what + (separable ? " separable" : " box test"));
				final FeatureBuffer split = new FeatureBuffer();
				m.separable(separable).find(img, w, h, counts, split, new Splitter(pool, 3, true));
				assertArrayEquals(expected, maxima(split), what + (separable ? " separable, split" : " box test, split"));
				// with other work in the same split: each of its parts once, the maxima unchanged, split or not
				for (final Splitter sp : new Splitter[] { Splitter.SERIAL, new Splitter(pool, 3, true) }) {
					final FeatureBuffer with = new FeatureBuffer();
					final int others = rnd.nextInt(5);
					final java.util.concurrent.atomic.AtomicIntegerArray ran = new java.util.concurrent.atomic.AtomicIntegerArray(others);
					m.separable(separable).find(img, w, h, counts, with, sp, null, others, ran::incrementAndGet);
					assertArrayEquals(expected, maxima(with), what + ", with other parts");
					for (int i = 0; i < others; i++)
						assertEquals(1, ran.get(i), what + ", other part " + i + " of " + others);
				}
			}
		}
		assertTrue(total > 1000, "too few maxima to compare: " + total);
	}

	private static int[] maxima(final FeatureBuffer fb) {
		final int[] out = new int[2 * fb.n];
		for (int i = 0; i < fb.n; i++) {
			out[2 * i] = fb.cy[i];
			out[2 * i + 1] = fb.cx[i];
		}
		return out;
	}

	/** trackpy's grey_dilation maxima, computed the slow way. */
	private static int[] bruteForce(final int[] img, final int w, final int h, final int[] counts, final LocateParameters p) {
		final long nonZero = (long) w * h - counts[0];
		if (nonZero == 0)
			return new int[0];
		final double threshold = NumpyMath.percentileOfHistogram(counts, 1, nonZero, p.percentile());
		final int radius = (int) p.diameter().uniform() / 2;
		final double sep = p.separation().uniform();
		final double margin = Math.max(Math.max(radius, Math.floor(sep / 2) - 1), (int) p.smoothingSize().uniform() / 2);
		final int s = Math.max(1, (int) (2 * sep / Math.sqrt(2)));
		final int lo = (s - 1) / 2, hi = s / 2;
		final java.util.List<Integer> out = new java.util.ArrayList<>();
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (y < margin || y > h - margin - 1 || x < margin || x > w - margin - 1)
					continue;
				final int v = img[y * w + x];
				if (!(v > threshold))
					continue;
				int d = 0;
				for (int yy = y - lo; yy <= y + hi; yy++)
					for (int xx = x - lo; xx <= x + hi; xx++)
						if (yy >= 0 && yy < h && xx >= 0 && xx < w)
							d = Math.max(d, img[yy * w + xx]);
				if (v == d) {
					out.add(y);
					out.add(x);
				}
			}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}
}
