package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Readable edge cases of {@link FeatureLocator}; trackpy's numbers for the
 * same situations are in {@code src/test/resources/reference/} (cases
 * {@code black*}, {@code const*}, {@code single*}, {@code syn*}, {@code dev_*}).
 */
class EdgeCasesTest {

	private static final int W = 56, H = 48;

	private static List<Feature> locate(final LocateParameters p, final Plane plane) {
		return new FeatureLocator(p).locate(plane);
	}

	private static List<Feature> locate(final int diameter, final Plane plane) {
		return locate(LocateParameters.of(diameter), plane);
	}

	@Test
	void allBlackPlanesHaveNoFeatures() {
		assertEquals(List.of(), locate(11, Plane.ofBytes(new byte[W * H], W, H)));
		assertEquals(List.of(), locate(11, Plane.ofShorts(new short[W * H], W, H)));
		assertEquals(List.of(), locate(11, Plane.ofFloats(new float[W * H], W, H)));
		// inverted black is all white: still constant, still nothing
		assertEquals(List.of(), locate(LocateParameters.builder(11).invert(true).build(), Plane.ofBytes(new byte[W * H], W, H)));
	}

	@Test
	void constantPlanesHaveNoFeatures() {
		final byte[] b = new byte[W * H];
		java.util.Arrays.fill(b, (byte) 77);
		final float[] f = new float[W * H];
		java.util.Arrays.fill(f, 0.5f);
		assertEquals(List.of(), locate(11, Plane.ofBytes(b, W, H)));
		assertEquals(List.of(), locate(11, Plane.ofFloats(f, W, H)));
		// threshold 0 keeps the rounding residue of the bandpass, which is exactly 0 here
		assertEquals(List.of(), locate(LocateParameters.builder(11).threshold(0.).build(), Plane.ofBytes(b, W, H)));
		// without preprocessing every pixel equals the percentile threshold: no maximum is above it
		assertEquals(List.of(), locate(LocateParameters.builder(11).preprocess(false).build(), Plane.ofBytes(b, W, H)));
	}

	@Test
	void singleBrightPixelIsOneFeatureExactlyThere() {
		final byte[] b = new byte[W * H];
		b[24 * W + 30] = (byte) 255;
		final List<Feature> fs = locate(11, Plane.ofBytes(b, W, H));
		assertEquals(1, fs.size());
		final Feature f = fs.get(0);
		assertEquals(24.0, f.y(), 0.0);
		assertEquals(30.0, f.x(), 0.0);
		assertEquals(255.0, f.rawMass(), 0.0, "raw_mass is the one pixel of the raw image");
		assertEquals(0.0, f.ep(), 0.0, "the background is exactly 0, so the noise and ep are 0");
		assertTrue(f.mass() > 0 && f.signal() > 0);
	}

	@Test
	void singleBrightPixelWithoutPreprocessingIsNotAboveItsOwnPercentile() {
		final byte[] b = new byte[W * H];
		b[24 * W + 30] = (byte) 255;
		assertEquals(List.of(), locate(LocateParameters.builder(11).preprocess(false).build(), Plane.ofBytes(b, W, H)));
	}

	/** A float plane with Gaussian spots of sigma 1.5 and peak 1 at the given (y, x). */
	private static Plane spots(final double[][] yx) {
		final float[] f = new float[W * H];
		for (final double[] s : yx)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					f[y * W + x] += (float) Math.exp(-((y - s[0]) * (y - s[0]) + (x - s[1]) * (x - s[1])) / (2 * 1.5 * 1.5));
		return Plane.ofFloats(f, W, H);
	}

	@Test
	void featuresInsideTheMarginAreNotReported() {
		// diameter 7: margin = max(radius 3, separation 8 // 2 - 1, smoothing 7 // 2) = 3 px
		final List<Feature> fs = locate(7, spots(new double[][] { { 24.2, 30.3 }, { 24.0, 1.0 }, { 1.5, 20.0 }, { 46.0, 45.0 } }));
		assertEquals(1, fs.size(), "only the spot away from the edges: " + fs);
		assertEquals(24.2, fs.get(0).y(), 0.1);
		assertEquals(30.3, fs.get(0).x(), 0.1);
	}

	@Test
	void overlappingSpotsCloserThanSeparationAreOneFeature() {
		final Plane two = spots(new double[][] { { 24.0, 25.0 }, { 24.0, 30.0 } });
		assertEquals(1, locate(7, two).size(), "5 px apart, default separation 8");
		assertEquals(2, locate(LocateParameters.builder(7).separation(3.).build(), two).size(), "separation 3");
	}

	@Test
	void minmassAboveEveryFeatureLeavesNone() {
		final Plane one = spots(new double[][] { { 24.0, 25.0 } });
		assertEquals(1, locate(7, one).size());
		assertEquals(List.of(), locate(LocateParameters.builder(7).minmass(1e6).build(), one));
	}

	@Test
	void nonFiniteFloatPixelsReadAsZero() {
		final Plane clean = spots(new double[][] { { 24.0, 25.0 } });
		final float[] dirty = ((float[]) clean.pixels()).clone();
		dirty[3 * W + 40] = Float.NaN;
		dirty[40 * W + 5] = Float.POSITIVE_INFINITY;
		final float[] zeroed = ((float[]) clean.pixels()).clone();
		zeroed[3 * W + 40] = 0;
		zeroed[40 * W + 5] = 0;
		assertEquals(locate(7, Plane.ofFloats(zeroed, W, H)), locate(7, Plane.ofFloats(dirty, W, H)));
	}

	@Test
	void diameterLargerThanTheImageIsAClearError() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> locate(11, Plane.ofBytes(new byte[81], 9, 9)));
		assertEquals("diameter 11 is larger than the image (9x9)", e.getMessage());
	}

	@Test
	void diameterOneIsAClearError() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new FeatureLocator(LocateParameters.builder(1).noiseSize(0.5).build()));
		assertTrue(e.getMessage().startsWith("diameter"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void evenDiameterIsRefusedLikeTrackpy() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocateParameters.of(10));
		assertTrue(e.getMessage().contains("diameter") && e.getMessage().contains("odd"), e.getMessage());
	}
}
