package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The refinement by mask rows, with and without the early mass bound, gives
 * exactly the positions and masses of the refinement pixel by pixel (the
 * numba engine's loop, written out here); a feature the bound drops is one
 * whose {@code mass / scale} does not exceed {@code minmass}.
 */
class RefinerTest {

	@Test
	void mask_rows_and_the_mass_bound_give_the_pixel_by_pixel_refinement() {
		final Random rnd = new Random(15);
		int dropped = 0, kept = 0;
		for (int c = 0; c < 120; c++) {
			final int w = 40 + rnd.nextInt(160), h = 40 + rnd.nextInt(160);
			final int diameter = 3 + 2 * rnd.nextInt(Math.min(w, h) / 4);
			final short[] px = new short[w * h];
			final int spots = 1 + rnd.nextInt(20), background = rnd.nextInt(400);
			final double sigma = 0.5 + rnd.nextDouble() * diameter / 4.;
			final double[][] at = new double[spots][3];
			for (final double[] s : at) {
				s[0] = rnd.nextDouble() * h;
				s[1] = rnd.nextDouble() * w;
				s[2] = rnd.nextDouble() * 3000;
			}
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double v = background + rnd.nextGaussian() * Math.sqrt(background + 1);
					for (final double[] s : at)
						v += s[2] * Math.exp(-((y - s[0]) * (y - s[0]) + (x - s[1]) * (x - s[1])) / (2 * sigma * sigma));
					px[y * w + x] = (short) Math.max(0, Math.min(65535, Math.round(v)));
				}
			final int iterations = 1 + rnd.nextInt(12);
			final double minmass = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 3000 * sigma * sigma * 6;
			final LocateParameters p = LocateParameters.builder(diameter).minmass(minmass).maxIterations(iterations).build();
			final RawImage raw = new RawImage();
			raw.load(Plane.of(px, w, h), false, Splitter.SERIAL);
			final Histogram hist = new Histogram();
			final Bandpass bandpass = new Bandpass(p);
			final double scale = bandpass.apply(raw, hist, new NonZeroBits());
			final int[] img = bandpass.image();
			final FeatureBuffer fb = new FeatureBuffer();
			new LocalMaxima(p).find(img, w, h, hist.finish(), fb);
			final CircularMask mask = new CircularMask(diameter / 2);
			final FeatureBuffer plain = copy(fb), bounded = copy(fb), squared = copy(fb);
			final Refiner withoutBound = new Refiner(p, mask, false), withBound = new Refiner(p, mask, true);
			withoutBound.prepare(w);
			withBound.prepare(w);
			withoutBound.refine(img, raw, plain, 0, fb.n, scale, minmass, true);
			final Refiner withSquare = new Refiner(p, mask, true);
			withSquare.prepare(w);
			final int[] columns = new int[Refiner.columnSumsLength(w, h)];
			Refiner.columnSums(img, w, h, columns, 0, w, new int[w], new int[w]);
			withSquare.setColumnSums(columns);
			withSquare.refine(img, raw, squared, 0, fb.n, scale, minmass, true);
			withBound.refine(img, raw, bounded, 0, fb.n, scale, minmass, true);
			final String what = w + "x" + h + " " + p.asText() + " sigma " + sigma;
			for (int f = 0; f < fb.n; f++) {
				final double[] expected = reference(img, w, h, mask, fb.cy[f], fb.cx[f], iterations);
				final String which = what + " feature " + f;
				assertEquals(expected[0], plain.y[f], which);
				assertEquals(expected[1], plain.x[f], which);
				assertEquals(expected[2], plain.mass[f], which);
				assertEquals((int) expected[3], plain.corner[f], which);
				if (Double.isNaN(squared.mass[f]))
					assertTrue(expected[2] / scale <= minmass, which + ": dropped by the square with mass " + expected[2]);
				else
					assertEquals(expected[2], squared.mass[f], which);
				if (Double.isNaN(bounded.mass[f])) {
					assertTrue(expected[2] / scale <= minmass, which + ": dropped with mass " + expected[2]);
					dropped++;
				}
				else {
					assertEquals(expected[0], bounded.y[f], which);
					assertEquals(expected[1], bounded.x[f], which);
					assertEquals(expected[2], bounded.mass[f], which);
					assertEquals((int) expected[3], bounded.corner[f], which);
					kept++;
				}
			}
		}
		assertTrue(dropped > 100 && kept > 100, "dropped " + dropped + ", kept " + kept);
	}

	@Test
	void theColumnSumsBoundAtLeastTheRoundedSquaresSum() {
		final Random rnd = new Random(16);
		for (int c = 0; c < 200; c++) {
			final int w = 1 + rnd.nextInt(90), h = 1 + rnd.nextInt(90);
			final int[] img = new int[w * h];
			for (int i = 0; i < img.length; i++)
				img[i] = rnd.nextInt(65536);
			final CircularMask mask = new CircularMask(1 + rnd.nextInt(20));
			final LocateParameters p = LocateParameters.builder(2 * mask.radius + 1).build();
			final Refiner direct = new Refiner(p, mask, true), squared = new Refiner(p, mask, true);
			final int[] columns = new int[Refiner.columnSumsLength(w, h)];
			Refiner.columnSums(img, w, h, columns, 0, w, new int[w], new int[w]);
			squared.setColumnSums(columns);
			for (int t = 0; t < 20; t++) {
				final int y = rnd.nextInt(h), x = rnd.nextInt(w), k = rnd.nextInt(10);
				final double exact = direct.massBound(img, w, h, y, x, k);
				final double bound = squared.massBound(img, w, h, y, x, k);
				assertTrue(bound >= exact, w + "x" + h + " radius " + mask.radius + " at " + y + "," + x + " reach " + k + ": " + bound + " < " + exact);
				// and no more than the square's rows widened by a step on both sides
				long most = 0;
				final int e = mask.radius + k, s = Refiner.COLUMN_SUM_STEP;
				for (int yy = Math.max(0, y - e - s); yy <= Math.min(h - 1, y + e + s); yy++)
					for (int xx = Math.max(0, x - e); xx <= Math.min(w - 1, x + e); xx++)
						most += img[yy * w + xx];
				assertTrue(bound <= most, "bound " + bound + " above the widened square's " + most);
			}
		}
	}

	private static FeatureBuffer copy(final FeatureBuffer fb) {
		final FeatureBuffer c = new FeatureBuffer();
		for (int i = 0; i < fb.n; i++)
			c.addMaximum(fb.cy[i], fb.cx[i]);
		return c;
	}

	/** trackpy's numba refinement, pixel by pixel over the mask: y, x, mass, corner. */
	private static double[] reference(final int[] img, final int w, final int h, final CircularMask m, int cy, int cx, final int iterations) {
		final int r = m.radius;
		double y = cy, x = cx, mass = 0;
		int corner = 0;
		for (int it = 0; it < iterations; it++) {
			corner = (cy - r) * w + cx - r;
			long sy = 0, sx = 0, sm = 0;
			for (int i = 0; i < m.size; i++) {
				final int v = img[corner + m.dy[i] * w + m.dx[i]];
				sy += (long) v * m.dy[i];
				sx += (long) v * m.dx[i];
				sm += v;
			}
			mass = sm;
			final double ny = sm == 0 ? r : sy / mass, nx = sm == 0 ? r : sx / mass;
			y = ny - r + cy;
			x = nx - r + cx;
			final double oy = ny - r, ox = nx - r;
			if (Math.abs(oy) < 0.6 && Math.abs(ox) < 0.6)
				break;
			cy += oy > 0.6 ? 1 : oy < -0.6 ? -1 : 0;
			cx += ox > 0.6 ? 1 : ox < -0.6 ? -1 : 0;
			cy = Math.min(Math.max(cy, r), h - r - 1);
			cx = Math.min(Math.max(cx, r), w - r - 1);
		}
		return new double[] { y, x, mass, corner };
	}
}
