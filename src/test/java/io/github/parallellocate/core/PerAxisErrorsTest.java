package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Per-axis parameters that trackpy refuses, or that do not fit the image,
 * are refused with one line naming the parameter.
 */
class PerAxisErrorsTest {

	private static final Volume VOLUME = Volume.of(new byte[32 * 24 * 12], 32, 24, 12);
	private static final Plane PLANE = Plane.ofBytes(new byte[32 * 24], 32, 24);

	private static void refused(final String message, final Executable e) {
		final IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
		assertEquals(message, x.getMessage());
		assertFalse(x.getMessage().contains("\n"));
	}

	private static LocateParameters.Builder d(final double... v) {
		return LocateParameters.builder(PerAxis.axes(v));
	}

	@Test
	void anEvenDiameterOnAnyAxis() {
		refused("diameter must be a positive odd integer (round up), got 5,8,9", () -> d(5, 8, 9).build());
		refused("diameter must be a positive odd integer (round up), got 9,10", () -> d(9, 10).build());
	}

	@Test
	void maxsizeWithAnAnisotropicDiameter() {
		refused("maxsize: Filtering by size is not available for anisotropic features (diameter 5,9,9)",
			() -> d(5, 9, 9).maxsize(3.).build());
		// equal values are isotropic, as in trackpy
		assertEquals(3., d(7, 7, 7).maxsize(3.).build().maxsize());
	}

	@Test
	void aWrongNumberOfValues() {
		refused("diameter, separation, noise_size and smoothing_size must have the same number of values per axis (got 5,9,9, 4,8, 1, )",
			() -> d(5, 9, 9).separation(PerAxis.axes(4, 8)).build());
		refused("separation has 2 values (y,x) but the image has 3 dimensions",
			() -> new FeatureLocator(LocateParameters.builder(7).separation(PerAxis.axes(8, 8)).build()).locate(VOLUME));
		refused("noise_size (3,1,1) must be smaller than smoothing_size (3,9,9)",
			() -> d(7, 7, 7).noiseSize(PerAxis.axes(3, 1, 1)).smoothingSize(PerAxis.axes(3, 9, 9)).build());
	}

	@Test
	void volumeParametersOnAPlaneAndPlaneParametersOnAVolume() {
		refused("diameter has 3 values (z,y,x) but the image has 2 dimensions",
			() -> new FeatureLocator(d(5, 9, 9).build()).locate(PLANE));
		refused("diameter has 2 values (y,x) but the image has 3 dimensions",
			() -> new FeatureLocator(d(9, 11).build()).locate(VOLUME));
	}

	@Test
	void aDiameterLargerThanTheVolume() {
		refused("diameter 13,9,9 is larger than the image (32x24x12)", () -> new FeatureLocator(d(13, 9, 9).build()).locate(VOLUME));
		refused("diameter 25 is larger than the image (32x24x12)", () -> new FeatureLocator(LocateParameters.of(25)).locate(VOLUME));
	}

	@Test
	void aDiameterOfOneOnSomeAxis() {
		refused("diameter must be at least 3, got 1,9,9", () -> new FeatureLocator(d(1, 9, 9).noiseSize(0.5).build()));
	}

	@Test
	void aBlackVolumeHasNoFeatures() {
		assertEquals(0, new FeatureLocator(d(5, 9, 9).build()).locate(VOLUME).size());
	}
}
