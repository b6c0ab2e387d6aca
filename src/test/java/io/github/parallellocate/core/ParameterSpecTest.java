package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parameter specification ({@link LocateParameter}), {@link PerAxis} and {@link FeatureColumns}. */
class ParameterSpecTest {

	@Test
	void perAxisGrammar() {
		assertEquals(PerAxis.of(7), PerAxis.parse("diameter", "7"));
		assertEquals(PerAxis.axes(5, 9, 9), PerAxis.parse("diameter", "5,9,9"));
		assertEquals(PerAxis.axes(5, 9, 9), PerAxis.parse("diameter", "(5, 9, 9)"));
		assertEquals(PerAxis.axes(9, 11), PerAxis.parse("diameter", "[9,11]"));
		assertEquals("5,9,9", PerAxis.axes(5, 9, 9).toString());
		assertEquals("1.5", PerAxis.of(1.5).toString());
		assertArrayEquals(new double[] { 7, 7, 7 }, PerAxis.of(7).resolve(3, "diameter"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PerAxis.axes(5, 9, 9).resolve(2, "diameter"));
		assertEquals("diameter has 3 values (z,y,x) but the image has 2 dimensions", e.getMessage());
		assertEquals("diameter must be a number or one number per axis (z,y,x or y,x), got '5,x'",
			assertThrows(IllegalArgumentException.class, () -> PerAxis.parse("diameter", "5,x")).getMessage());
		assertTrue(PerAxis.axes(7, 7, 7).isIsotropic());
		assertFalse(PerAxis.axes(5, 9, 9).isIsotropic());
	}

	@Test
	void everyParameterRoundTripsThroughText() {
		final LocateParameters p = LocateParameters.builder(PerAxis.axes(5, 9, 9)).minmass(20.).separation(PerAxis.axes(4, 8, 8))
			.noiseSize(PerAxis.axes(1, 1.5, 1.5)).smoothingSize(PerAxis.axes(7, 11, 11)).threshold(2.).invert(true).percentile(50)
			.topn(10).preprocess(true).maxIterations(3).characterize(true).build();
		assertEquals(p, LocateParameters.fromText(p.asText()));
		assertEquals(p, p.toBuilder().build());
		assertEquals(3, p.axesGiven());
		assertTrue(p.isAnisotropic());
		assertEquals("locate(diameter=(5, 9, 9), minmass=20, maxsize=None, separation=(4, 8, 8), noise_size=(1, 1.5, 1.5), "
			+ "smoothing_size=(7, 11, 11), threshold=2, invert=True, percentile=50, topn=10, preprocess=True, max_iterations=3, "
			+ "characterize=True)", p.toString());
	}

	@Test
	void defaultsComeFromTheSpecification() {
		final LocateParameters p = LocateParameters.fromText(Map.of("diameter", "11"));
		assertEquals(Map.of("diameter", "11"), p.asText());
		for (final LocateParameter s : LocateParameter.values())
			if (!s.isRequired())
				assertEquals(s.defaultValue(), p.get(s), s.key());
		assertEquals(PerAxis.of(12), p.separation());
		assertEquals(PerAxis.of(11), p.smoothingSize());
		assertNull(p.separationOrNull());
		assertEquals("--noise-size", LocateParameter.NOISE_SIZE.option());
		assertEquals("--no-preprocess", LocateParameter.PREPROCESS.option());
		assertEquals("--invert", LocateParameter.INVERT.option());
		assertEquals(List.of(LocateParameter.DIAMETER, LocateParameter.MINMASS, LocateParameter.INVERT),
			List.of(LocateParameter.values()).stream().filter(LocateParameter::isBasic).toList());
	}

	@Test
	void trackpysValidation() {
		assertEquals("diameter is required", assertThrows(IllegalArgumentException.class, () -> LocateParameters.fromText(Map.of())).getMessage());
		assertEquals("diameter must be a positive odd integer (round up), got 5,10,9",
			assertThrows(IllegalArgumentException.class, () -> LocateParameters.fromText(Map.of("diameter", "5,10,9"))).getMessage());
		assertEquals("maxsize: Filtering by size is not available for anisotropic features (diameter 9,11)",
			assertThrows(IllegalArgumentException.class, () -> LocateParameters.fromText(Map.of("diameter", "9,11", "maxsize", "3"))).getMessage());
		assertThrows(IllegalArgumentException.class, () -> LocateParameters.fromText(Map.of("diameter", "5,9,9", "separation", "4,8")));
		// a tuple of equal values is isotropic: maxsize is allowed
		LocateParameters.fromText(Map.of("diameter", "7,7,7", "maxsize", "3"));
		assertEquals("topn must be an integer, got 'x'",
			assertThrows(IllegalArgumentException.class, () -> LocateParameters.fromText(Map.of("diameter", "7", "topn", "x"))).getMessage());
	}

	@Test
	void columnsAsTrackpyNamesThem() {
		assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep", FeatureColumns.of(2, false, true).header());
		assertEquals("z,y,x,mass,size,ecc,signal,raw_mass,ep", FeatureColumns.of(3, false, true).header());
		assertEquals("z,y,x,mass,size_z,size_y,size_x,ecc,signal,raw_mass,ep_z,ep_y,ep_x", FeatureColumns.of(3, true, true).header());
		assertEquals("y,x,mass,size_y,size_x,ecc,signal,raw_mass,ep_y,ep_x", FeatureColumns.of(2, true, true).header());
		assertEquals("z,y,x,mass", FeatureColumns.of(3, true, false).header());
		final Feature f = Feature.of(new double[] { 1, 2, 3 }, 4, new double[] { 5, 6, 7 }, Double.NaN, 8, 9, new double[] { 10, 11, 12 });
		final FeatureColumns c = FeatureColumns.of(3, true, true);
		final double[] row = new double[c.count()];
		for (int i = 0; i < row.length; i++)
			row[i] = c.value(f, i);
		assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6, 7, Double.NaN, 8, 9, 10, 11, 12 }, row);
	}
}
