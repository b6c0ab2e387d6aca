package io.github.parallellocate.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import ij.Macro;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.LocateParameters;

/** Macro key parsing: trackpy names, None, booleans, brackets, no tail confusion. */
class LocateOptionsTest {

	@Test
	void trackpyKeysAndDefaults() {
		final LocateOptions o = LocateOptions.parse("diameter=11 minmass=20 invert");
		final LocateParameters p = o.params();
		assertEquals(PerAxis.of(11), p.diameter());
		assertEquals(20.0, p.minmassOrNull());
		assertTrue(p.invert());
		assertTrue(p.preprocess());
		assertTrue(p.characterize());
		assertNull(p.maxsize());
		assertNull(p.separationOrNull());
		assertEquals(PerAxis.of(12), p.separation());
		assertEquals(0, o.channel());
		assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
		assertNull(o.csv());
		assertTrue(o.overlay());
		assertFalse(o.results());
	}

	@Test
	void everyKey() {
		final LocateOptions o = LocateOptions.parse("diameter=13 minmass=5.5 maxsize=3 separation=0 noise_size=1.5 "
			+ "smoothing_size=15 threshold=0 invert=true percentile=50 topn=100 preprocess=false max_iterations=3 "
			+ "characterize channel=green threads=3 csv=[/data/my run/f.csv] results overlay=false roi_manager");
		final LocateParameters p = o.params();
		assertEquals(PerAxis.of(13), p.diameter());
		assertEquals(5.5, p.minmassOrNull());
		assertEquals(3.0, p.maxsize());
		assertEquals(PerAxis.of(0), p.separationOrNull()); // 0 is a real separation
		assertEquals(PerAxis.of(1.5), p.noiseSize());
		assertEquals(PerAxis.of(15), p.smoothingSize());
		assertEquals(0.0, p.thresholdOrNull()); // and a real threshold
		assertEquals(50.0, p.percentile());
		assertEquals(100, p.topn());
		assertFalse(p.preprocess());
		assertEquals(3, p.maxIterations());
		assertEquals(2, o.channel());
		assertEquals(3, o.threads());
		assertEquals(Paths.get("/data/my run/f.csv"), o.csv());
		assertTrue(o.results());
		assertFalse(o.overlay());
		assertTrue(o.roiManager());
	}

	@Test
	void noneSpellings() {
		for (final String none : new String[] { "[]", "None", "NaN", "nan", "0" }) {
			final LocateParameters p = LocateOptions.parse("diameter=11 minmass=" + none + " maxsize=" + none
				+ " smoothing_size=" + none + " topn=" + none).params();
			assertNull(p.minmassOrNull(), none);
			assertNull(p.maxsize(), none);
			assertNull(p.smoothingSizeOrNull(), none);
			assertNull(p.topn(), none);
		}
		final LocateParameters p = LocateOptions.parse("diameter=11 separation=[] threshold=None").params();
		assertNull(p.separationOrNull());
		assertNull(p.thresholdOrNull());
	}

	@Test
	void noKeyIsTheTailOfAnother() {
		for (final String a : LocateOptions.KEYS)
			for (final String b : LocateOptions.KEYS)
				assertFalse(!a.equals(b) && b.endsWith("_" + a), a + " is the tail of " + b);
		// and ImageJ's own lookup (used by Fiji for SciJava parameters) finds each key's own value
		final String all = "diameter=1 minmass=2 maxsize=3 separation=4 noise_size=5 smoothing_size=6 threshold=7 "
			+ "percentile=8 topn=9 max_iterations=10 channel=11 threads=12 csv=13 invert=14 preprocess=15 characterize=16 "
			+ "overwrite=17 calibrated=18 3d=19 results=20 overlay=21 roi_manager=22 plots=23";
		int i = 1;
		for (final String kv : all.split(" "))
			assertEquals(Integer.toString(i++), Macro.getValue(all, kv.substring(0, kv.indexOf('=')), null), kv);
		assertEquals(LocateOptions.KEYS.size(), i - 1);
	}

	@Test
	void malformedOptions() {
		assertEquals("option 'invert' is given twice",
			assertThrows(IllegalArgumentException.class, () -> LocateOptions.parse("diameter=11 invert invert")).getMessage());
		assertEquals("invert must be true or false, got 'yes please'",
			assertThrows(IllegalArgumentException.class, () -> LocateOptions.parse("diameter=11 invert=[yes please]")).getMessage());
		assertEquals("threads must be at least 1, got 0",
			assertThrows(IllegalArgumentException.class, () -> LocateOptions.parse("diameter=11 threads=0")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> LocateOptions.parse("diameter=11 csv=[/a"))
			.getMessage().startsWith("unclosed [ in options"));
	}

	/** The keys and defaults come from the specification, not from a list of our own. */
	@Test
	void keysAndDefaultsAreTheSpecifications() {
		final java.util.List<String> spec = java.util.Arrays.stream(io.github.parallellocate.core.LocateParameter.values())
			.map(io.github.parallellocate.core.LocateParameter::key).toList();
		assertEquals(spec, LocateOptions.TRACKPY_KEYS);
		final LocateParameters p = LocateOptions.parse("diameter=7").params();
		for (final io.github.parallellocate.core.LocateParameter q : io.github.parallellocate.core.LocateParameter.values())
			if (!q.isRequired())
				assertEquals(q.defaultValue(), p.get(q), q.key());
	}

	@Test
	void perAxisValuesInTheSharedGrammar() {
		final LocateOptions o = LocateOptions.parse("diameter=5,9,9 separation=4,8,8 noise_size=1,1.5,1.5 minmass=5000");
		assertEquals(PerAxis.axes(5, 9, 9), o.params().diameter());
		assertEquals(PerAxis.axes(4, 8, 8), o.params().separationOrNull());
		assertEquals(PerAxis.axes(1, 1.5, 1.5), o.params().noiseSize());
		assertTrue(o.volumes(), "three values per axis: volumes");
		assertFalse(LocateOptions.parse("diameter=9,11").volumes());
		assertTrue(LocateOptions.parse("diameter=7 3d").volumes());
		assertEquals("diameter must be a positive odd integer (round up), got 5,8,9",
			assertThrows(IllegalArgumentException.class, () -> LocateOptions.parse("diameter=5,8,9")).getMessage());
	}

	@Test
	void channelGrammarOfTheCommandLine() {
		for (final String[] c : new String[][] { { "red", "1" }, { "r", "1" }, { "G", "2" }, { "b", "3" }, { "blue", "3" },
			{ "2", "2" }, { "all", "0" }, { "0", "0" }, { "", "0" } })
			assertEquals(Integer.parseInt(c[1]), LocateOptions.parseChannel(c[0]), c[0]);
	}

	@Test
	void macroTextRoundTrips() {
		for (final String text : new String[] { "diameter=11 minmass=20 invert", "diameter=5,9,9 minmass=5000 csv=[/a b/c.csv] overwrite",
			"diameter=7 3d calibrated channel=2 threads=1 overlay=false results roi_manager preprocess=false" }) {
			final LocateOptions o = LocateOptions.parse(text);
			assertEquals(o, LocateOptions.parse(o.toMacroOptions()), text + " -> " + o.toMacroOptions());
		}
	}
}
