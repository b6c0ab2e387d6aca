package io.github.parallellocate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.testutil.PreviewTesting;

/** The flatness measure of the sub-pixel bias on flat, biased and small samples. */
class SubpixelBiasTest {

	private static Feature at(final double x, final double y) {
		return new Feature(y, x, 100, 2, 0, 10, 1000, 0.1);
	}

	private static List<Feature> uniform(final int n, final long seed) {
		final Random r = new Random(seed);
		final List<Feature> f = new ArrayList<>();
		for (int i = 0; i < n; i++)
			f.add(at(5 + 600 * r.nextDouble(), 5 + 400 * r.nextDouble()));
		return f;
	}

	@Test
	void uniformPositionsAreFlat() {
		for (final long seed : new long[] { 1, 2, 3, 4, 5 }) {
			final SubpixelBias b = SubpixelBias.of(uniform(2000, seed));
			assertTrue(b.judged());
			assertFalse(b.biased(), b.describe());
			assertNull(b.hint());
		}
	}

	@Test
	void positionsPulledToPixelCentresAreBiased() {
		// as a too-small diameter does: fractions pile up near 0 and 1
		final Random r = new Random(7);
		final List<Feature> f = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			final double pull = 0.25 * r.nextGaussian();
			f.add(at(100 + i + pull, 50 + r.nextDouble()));
		}
		final SubpixelBias b = SubpixelBias.of(f);
		assertTrue(b.biased(), b.describe());
		assertEquals("not flat in x: diameter too small?", b.hint());
		assertTrue(SubpixelBias.chiSquare(b.x()) > SubpixelBias.CHI2_CRITICAL);
	}

	@Test
	void significantButInvisibleBiasIsNotFlagged() {
		// 12 % more in the first bin than elsewhere on 100 000 features: chi2 is huge, the plot looks flat
		final int[] counts = { 11000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 9800 };
		final Histogram h = new Histogram(0, 1, counts);
		assertTrue(SubpixelBias.chiSquare(h) > SubpixelBias.CHI2_CRITICAL);
		assertFalse(SubpixelBias.isBiased(h));
	}

	@Test
	void tooFewFeaturesAreNotJudged() {
		final List<Feature> f = new ArrayList<>();
		for (int i = 0; i < 20; i++)
			f.add(at(10 + i, 10)); // every fraction is 0: as biased as it gets
		final SubpixelBias b = SubpixelBias.of(f);
		assertFalse(b.judged());
		assertFalse(b.biased());
		assertEquals("too few features (20) to judge the sub-pixel bias", b.hint());
	}

	@Test
	void negativeCoordinatesUsePythonModulo() {
		assertEquals(0.75, SubpixelBias.fraction(-0.25), 1e-15);
		assertEquals(0.0, SubpixelBias.fraction(3.0));
	}

	/** The walkthrough's lesson on real data: diameter 5 is biased on bulk water, 11 is flat. */
	@Test
	void bulkWaterDiameterTooSmallIsFlagged() {
		final ImagePlus imp = PreviewTesting.bulkWater(1);
		final Plane plane = PreviewTesting.plane(imp, 1);
		final SubpixelBias small = SubpixelBias.of(
			PreviewTesting.core(plane, LocateParameters.builder(5).invert(true).minmass(20.).build()));
		final SubpixelBias right = SubpixelBias.of(
			PreviewTesting.core(plane, LocateParameters.builder(11).invert(true).minmass(20.).build()));
		assertEquals("not flat in x and y: diameter too small?", small.hint(), small.describe());
		assertNull(right.hint(), right.describe());
	}
}
