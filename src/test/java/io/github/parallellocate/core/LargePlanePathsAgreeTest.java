package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;
import io.github.parallellocate.testutil.SyntheticImages;

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

	/**
	 * A 16-bit movie through one locator: from its second frame on, the
	 * vector kernels count the values in a window around the percentile of
	 * the frame before ({@link Histogram}); a frame whose percentile lies
	 * elsewhere (its intensities a third of the last frame's) is counted
	 * again, whole. Every frame gives the N-dimensional path's features
	 * (which counts every value), on the two-pass and the single-pass band
	 * pass, serial and split.
	 */
	@Test
	void aMoviesFramesCountedInAWindowGiveEachFramesFeatures() {
		assumeTrue(Simd.enabled(), Simd.describe()); // windows are counted by the vector kernels
		final LocateParameters p = LocateParameters.builder(9).minmass(1500.).build();
		final double[] gains = { 1, 1, 1 / 3., 1 / 3., 1 / 3., 1 };
		for (final int h : new int[] { 500, 1000 }) { // 550k pixels, two passes; 1.1M, one (Bandpass.ONE_PASS_PIXELS)
			final int w = 1100;
			final PlaneLocator serial = new PlaneLocator(p), split = new PlaneLocator(p);
			split.setSplitter(new Splitter(pool, 3, true));
			final Random rnd = new Random(h);
			int total = 0;
			for (int f = 0; f < gains.length; f++) {
				final Plane plane = Plane.ofShorts(movieFrame(rnd, w, h, gains[f]), w, h);
				final List<Feature> expected = new NdLocator(p, 2).locate(plane);
				total += expected.size();
				assertEquals(expected, serial.locate(plane), "frame " + f + ", " + w + "x" + h);
				assertEquals(expected, split.locate(plane), "frame " + f + ", " + w + "x" + h + ", split as finely as possible");
			}
			assertTrue(total > 500, "features found: " + total);
			for (final PlaneLocator l : List.of(serial, split)) {
				final int[] windows = l.bandpass().windows();
				// the window held frames 1, 3 and 4, missed 2 (a third of the intensities) and 5 (back to full)
				assertEquals(3, windows[0], w + "x" + h + ": frames whose window held the percentile");
				assertEquals(2, windows[1], w + "x" + h + ": frames counted again");
			}
		}
	}

	/** 300 Gaussian spots on a noisy background ({@link SyntheticImages#spots}), all intensities times {@code gain}. */
	private static short[] movieFrame(final Random rnd, final int w, final int h, final double gain) {
		final short[] px = ((short[]) SyntheticImages.spots(rnd, PixelType.UINT16, w, h, 300, 0.01).pixels()).clone();
		for (int i = 0; i < px.length; i++)
			px[i] = (short) Math.round(gain * (px[i] & 0xffff));
		return px;
	}
}
