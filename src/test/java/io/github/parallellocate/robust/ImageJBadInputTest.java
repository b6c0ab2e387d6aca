package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.LocateException;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.SyntheticImages;

/**
 * The ImageJ scripting API ({@code Locator.run(imp, options)}, what a Jython
 * script calls) on the bad parameters that {@code LocateFeaturesErrorsTest}
 * does not cover: a {@link LocateException} with exactly the one-line message
 * and no CSV. Then degenerate float planes (black, constant, NaN/Inf): no
 * exception and the core's features.
 */
class ImageJBadInputTest {

	@TempDir
	Path tmp;

	private static ImagePlus floats(final float[]... planes) {
		final ImageStack s = new ImageStack(48, 40);
		for (final float[] p : planes)
			s.addSlice(new FloatProcessor(48, 40, p));
		return new ImagePlus("floats", s);
	}

	static Stream<Arguments> badOptions() {
		return Stream.of(Arguments.of("diameter=0", "diameter must be a positive odd integer (round up), got 0"),
			Arguments.of("diameter=-3", "diameter must be a positive odd integer (round up), got -3"),
			Arguments.of("diameter=5 smoothing_size=4", "smoothing_size must be a positive odd integer (round up), got 4"),
			Arguments.of("diameter=5 percentile=101", "percentile must be in [0, 100], got 101"),
			Arguments.of("diameter=5 percentile=-1", "percentile must be in [0, 100], got -1"),
			Arguments.of("diameter=5 topn=-1", "topn must be >= 0, got -1"),
			Arguments.of("diameter=5 max_iterations=-1", "max_iterations must be >= 0, got -1"),
			Arguments.of("diameter=5 threads=0", "threads must be at least 1, got 0"),
			Arguments.of("diameter=41", "frame 0 (floats, stack slice 1 of 2): diameter 41 is larger than the image (48x40)"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badOptions")
	void oneLineExceptionAndNoCsv(final String options, final String message) throws Exception {
		final Path csv = tmp.resolve("out.csv");
		final LocateException e = assertThrows(LocateException.class,
			() -> Locator.run(floats(new float[48 * 40], new float[48 * 40]), options + " csv=[" + csv + "]"));
		assertEquals(message, e.getMessage());
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(List.of(), files.toList(), "no CSV, no temporary file");
		}
	}

	@Test
	void degenerateFloatPlanesGiveTheCoresFeatures() throws Exception {
		final float[] constant = new float[48 * 40];
		Arrays.fill(constant, 0.5f);
		final float[] spots = ((float[]) SyntheticImages.spots(new Random(5), PixelType.FLOAT32, 48, 40, 3, 0.01).pixels()).clone();
		spots[7] = Float.NaN;
		spots[48 * 20 + 3] = Float.POSITIVE_INFINITY;
		final List<FeatureRow> rows = Locator.run(floats(new float[48 * 40], constant, spots.clone()), "diameter=7").rows();
		final var expected = new FeatureLocator(LocateParameters.builder(7).build()).locate(Plane.ofFloats(spots, 48, 40));
		assertFalse(expected.isEmpty());
		assertEquals(expected, rows.stream().map(FeatureRow::feature).toList(), "black and constant planes: none; NaN plane: the core's");
	}
}
