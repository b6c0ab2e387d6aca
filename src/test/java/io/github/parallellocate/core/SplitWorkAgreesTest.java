package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.robust.CorePropertyTest;
import io.github.parallellocate.testutil.SharedData;
import io.github.parallellocate.testutil.DaemonPool;

/**
 * The work inside one plane split over threads (row bands of the band pass,
 * the raw image and the maxima; ranges of features for refinement and
 * characterisation) gives the serial locator's features bit for bit: on the
 * random planes and parameters of {@link CorePropertyTest} split as finely
 * as possible (bands of one row), on the bulk-water movie and on large
 * synthetic 8/16-bit and float planes split as the engine splits them.
 */
class SplitWorkAgreesTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "split-work-test");

	static Stream<CorePropertyTest.Case> cases() {
		return CorePropertyTest.cases();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void finestSplitGivesTheSerialFeatures(final CorePropertyTest.Case c) {
		final LocateParameters p = c.params();
		if (p.diameter().uniform() > Math.min(c.width(), c.height()) || !PlaneLocator.handles(p))
			return;
		final PlaneLocator serial = new PlaneLocator(p);
		final PlaneLocator split = new PlaneLocator(p);
		split.setSplitter(new Splitter(pool, 4, true));
		for (final Plane image : c.planes())
			assertEquals(serial.locate(image), split.locate(image), c.toString());
	}

	@Test
	void bulkWaterSplitGivesTheSerialFeatures() {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final ImageStack stack = imp.getStack();
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(20.).build();
		final FeatureLocator serial = new FeatureLocator(p);
		final FeatureLocator split = new FeatureLocator(p);
		split.setExecutor(pool, 2);
		final FeatureLocator finest = new FeatureLocator(p);
		finest.setExecutor(pool, 3);
		int total = 0;
		for (int i = 1; i <= 6; i++) {
			final Plane plane = Plane.of(stack.getPixels(i), stack.getWidth(), stack.getHeight());
			final List<Feature> expected = serial.locate(plane);
			total += expected.size();
			assertEquals(expected, split.locate(plane), "frame " + i);
			assertEquals(expected, finest.locate(plane), "frame " + i);
		}
		assertTrue(total > 1000, "features found: " + total);
	}

	@Test
	void largeSyntheticPlanesSplitGivesTheSerialFeatures() {
		final int w = 700, h = 611;
		final Random rnd = new Random(15);
		final short[] u16 = new short[w * h];
		final byte[] u8 = new byte[w * h];
		final float[] f32 = new float[w * h];
		final double[] mean = new double[w * h];
		for (int s = 0; s < 600; s++) {
			final double cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w, a = 50 + rnd.nextDouble() * 1500;
			for (int y = Math.max(0, (int) cy - 6); y < Math.min(h, (int) cy + 7); y++)
				for (int x = Math.max(0, (int) cx - 6); x < Math.min(w, (int) cx + 7); x++)
					mean[y * w + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * 1.6 * 1.6));
		}
		for (int i = 0; i < w * h; i++) {
			final double v = 300 + mean[i] + 20 * rnd.nextGaussian();
			u16[i] = (short) Math.max(0, Math.min(65535, Math.round(v)));
			u8[i] = (byte) Math.max(0, Math.min(255, Math.round(v / 8)));
			f32[i] = (float) (v / 1000);
		}
		final List<LocateParameters> params = List.of(LocateParameters.builder(9).minmass(200.).build(),
			LocateParameters.builder(9).build(), LocateParameters.builder(7).smoothingSize(13).noiseSize(2).build(),
			LocateParameters.builder(11).invert(true).topn(50).build(), LocateParameters.builder(9).maxsize(2.2).minmass(100.).build());
		int total = 0;
		for (final LocateParameters p : params)
			for (final Plane plane : List.of(Plane.ofShorts(u16, w, h), Plane.ofBytes(u8, w, h), Plane.ofFloats(f32, w, h))) {
				final FeatureLocator serial = new FeatureLocator(p);
				final FeatureLocator split = new FeatureLocator(p);
				split.setExecutor(pool, 3);
				final List<Feature> expected = serial.locate(plane);
				total += expected.size();
				assertEquals(expected, split.locate(plane), p + " " + plane.type());
			}
		assertTrue(total > 3000, "features found: " + total);
	}
}
