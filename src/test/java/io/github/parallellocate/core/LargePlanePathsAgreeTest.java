package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * On planes large enough for the plane path's cache-minded choices (features
 * characterised as soon as they are refined, {@link
 * PlaneLocator#INLINE_CHARACTERIZATION}; the early mass bound of large
 * masks; the separable dilation), the plane path gives the N-dimensional
 * path's features, bit for bit, for 8/16-bit and float planes, serial and
 * split into as many parts as the splitter makes (bands of rows, columns).
 */
class LargePlanePathsAgreeTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "large-plane-test");

	@Test
	void largePlanesGiveTheNdPathsFeatures() {
		final int w = 1100, h = 500;
		assertTrue((long) w * h >= PlaneLocator.INLINE_CHARACTERIZATION);
		final Random rnd = new Random(15);
		final short[] u16 = new short[w * h];
		final byte[] u8 = new byte[w * h];
		final float[] f32 = new float[w * h];
		final double[] mean = new double[w * h];
		for (int s = 0; s < 400; s++) {
			final double cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w, a = 50 + rnd.nextDouble() * 1500;
			final double sigma = 1.2 + rnd.nextDouble() * 4;
			final int reach = (int) (4 * sigma) + 1;
			for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach); y++)
				for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach); x++)
					mean[y * w + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * sigma * sigma));
		}
		for (int i = 0; i < w * h; i++) {
			final double v = 300 + mean[i] + 20 * rnd.nextGaussian();
			u16[i] = (short) Math.max(0, Math.min(65535, Math.round(v)));
			u8[i] = (byte) Math.max(0, Math.min(255, Math.round(v / 8)));
			f32[i] = (float) (v / 1000);
		}
		final List<LocateParameters> params = List.of(LocateParameters.builder(9).minmass(2000.).build(),
			LocateParameters.builder(31).minmass(5000.).build(), LocateParameters.builder(25).minmass(3000.).maxIterations(4).build(),
			LocateParameters.builder(11).invert(true).topn(50).build(), LocateParameters.builder(9).maxsize(2.2).minmass(100.).build(),
			LocateParameters.builder(15).characterize(false).minmass(500.).build());
		int total = 0;
		for (final LocateParameters p : params)
			for (final Plane plane : List.of(Plane.ofShorts(u16, w, h), Plane.ofBytes(u8, w, h), Plane.ofFloats(f32, w, h))) {
				final List<Feature> expected = new NdLocator(p, 2).locate(plane);
				total += expected.size();
				assertEquals(expected, new PlaneLocator(p).locate(plane), p + " " + plane.type());
				final PlaneLocator split = new PlaneLocator(p);
				split.setSplitter(new Splitter(pool, 3, true));
				assertEquals(expected, split.locate(plane), p + " " + plane.type() + ", split as finely as possible");
			}
		assertTrue(total > 1000, "features found: " + total);
	}
}
