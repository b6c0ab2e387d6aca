package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * The background statistics equal those of a brute-force dilation of the
 * non-zero pixels by the circular mask (trackpy's {@code measure_noise}), on
 * random images of every density, widths around multiples of 64 and masks
 * wider than a word; also split into bands of one row.
 */
class NoiseEstimatorTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "noise-test");

	@Test
	void backgroundIsOutsideTheBruteForceDilation() {
		final Random rnd = new Random(15);
		int withBackground = 0;
		for (int c = 0; c < 300; c++) {
			final int w = 1 + rnd.nextInt(rnd.nextBoolean() ? 70 : 300), h = 1 + rnd.nextInt(80);
			final int radius = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 140 : 12);
			final double density = Math.pow(rnd.nextDouble(), 4);
			final int[] img = new int[w * h];
			final short[] raw = new short[w * h];
			for (int i = 0; i < img.length; i++) {
				img[i] = rnd.nextDouble() < density ? 1 + rnd.nextInt(100) : 0;
				raw[i] = (short) rnd.nextInt(65536);
			}
			final NonZeroBits nz = new NonZeroBits();
			nz.reset(w, h);
			for (int y = 0; y < h; y++)
				nz.packRow(img, y * w, w, y);
			final RawImage r = new RawImage();
			r.load(Plane.ofShorts(raw, w, h), false, Splitter.SERIAL);
			final CircularMask mask = new CircularMask(radius);
			final double[] expected = bruteForce(img, raw, w, h, mask);
			if (!Double.isNaN(expected[0]))
				withBackground++;
			final String what = w + "x" + h + " radius " + radius + " density " + density;
			final NoiseEstimator serial = new NoiseEstimator(mask);
			serial.measure(nz, r);
			assertEquals(expected[0], serial.black, what);
			assertEquals(expected[1], serial.noise, what);
			final NoiseEstimator split = new NoiseEstimator(mask);
			split.measure(nz, r, new Splitter(pool, 3, true));
			assertEquals(expected[0], split.black, what + ", split");
			assertEquals(expected[1], split.noise, what + ", split");
			// in parts measured in any order (as those of another stage's split are), merged at the end
			final NoiseEstimator parts = new NoiseEstimator(mask);
			final int np = parts.begin(nz, r, 1 + rnd.nextInt(7));
			for (int i = np - 1; i >= 0; i--)
				parts.measurePart(i);
			parts.finish();
			assertEquals(expected[0], parts.black, what + ", " + np + " parts backwards");
			assertEquals(expected[1], parts.noise, what + ", " + np + " parts backwards");
		}
		assertTrue(withBackground > 100, "too few images with a background: " + withBackground);
	}

	/** Mean and population standard deviation of the raw pixels outside the dilation, exactly. */
	private static double[] bruteForce(final int[] img, final short[] raw, final int w, final int h, final CircularMask m) {
		final int r = m.radius;
		long count = 0, sum = 0, sumSq = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean covered = false;
				for (int i = 0; i < m.size && !covered; i++) {
					final int yy = y + m.dy[i] - r, xx = x + m.dx[i] - r;
					covered = yy >= 0 && yy < h && xx >= 0 && xx < w && img[yy * w + xx] != 0;
				}
				if (!covered) {
					final long v = raw[y * w + x] & 0xffff;
					count++;
					sum += v;
					sumSq += v * v;
				}
			}
		if (count == 0)
			return new double[] { Double.NaN, Double.NaN };
		final double black = (double) sum / count;
		if (count == 1)
			return new double[] { black, Double.NaN };
		final BigInteger num = BigInteger.valueOf(count).multiply(BigInteger.valueOf(sumSq)).subtract(BigInteger.valueOf(sum).pow(2));
		return new double[] { black, Math.sqrt(num.doubleValue() / ((double) count * count)) };
	}
}
