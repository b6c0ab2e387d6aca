package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.io.TrackpyArgs;

/** trackpy's parameters as the Spark front door's options (the command line's, {@link TrackpyArgs}) and library arguments, all from {@link LocateParameter}. */
class ParameterOptionsTest {

	private static CommandLine cl;

	private static TrackpyArgs parse(final String... args) {
		cl = new CommandLine(new LocateSpark(System.err));
		final TrackpyArgs given = LocateSpark.addParameterOptions(cl.getCommandSpec());
		cl.parseArgs(args);
		return given;
	}

	@Test
	void everyParameterIsAnOptionNamedAndDescribedByTheSpecification() {
		parse("--output", "x");
		for (final LocateParameter p : LocateParameter.values()) {
			final OptionSpec o = cl.getCommandSpec().findOption(p.option());
			assertNotNull(o, p.option());
			assertEquals(List.of(TrackpyArgs.description(p).replace("%", "%%")), List.of(o.description()));
			assertEquals(p.type() == LocateParameter.Type.FLAG, o.arity().max() == 0, p.option());
		}
	}

	@Test
	void optionsGiveTheParameters() {
		final TrackpyArgs given = parse("--diameter", "5,9,9", "--minmass", "20", "--invert", "--no-preprocess", "--noise-size", "1,2,2",
			"--topn", "7", "--no-characterize", "--output", "x");
		final LocateParameters p = given.parameters();
		assertEquals(PerAxis.parse("diameter", "5,9,9"), p.diameter());
		assertEquals(20.0, p.minmass());
		assertEquals(true, p.invert());
		assertEquals(false, p.preprocess());
		assertEquals(PerAxis.parse("noise_size", "1,2,2"), p.noiseSize());
		assertEquals(7, p.topn());
		assertEquals(false, p.characterize());
		assertEquals(LocateParameters.builder(PerAxis.parse("diameter", "5,9,9")).minmass(20.).invert(true).preprocess(false)
			.noiseSize(PerAxis.parse("noise_size", "1,2,2")).topn(7).characterize(false).build(), p);
		assertEquals(LocateParameters.of(11), parse("--diameter", "11", "-o", "x").parameters());
	}

	@Test
	void missingDiameterAndBadValuesAreOneLine() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> parse("--minmass", "3", "-o", "x").parameters());
		assertEquals(TrackpyArgs.DIAMETER_REQUIRED, e.getMessage());
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(2, LocateSpark.run(new PrintStream(err, true, StandardCharsets.UTF_8), "m.tif", "--diameter", "11", "--topn", "x", "-o", "o"));
		assertEquals("parallel-locate-spark: error: topn must be an integer, got 'x'", err.toString(StandardCharsets.UTF_8).strip());
	}

	@Test
	void libraryParametersFromAPythonDict() {
		assertEquals(LocateParameters.builder(PerAxis.parse("diameter", "5,9,9")).minmass(20.).invert(true).separation((Double) null).build(),
			ParallelLocateSpark.parameters(Map.of("diameter", List.of(5, 9, 9), "minmass", 20, "invert", true, "separation", "None")));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> ParallelLocateSpark.parameters(Map.of("diameter", 11, "min_mass", 20)));
		assertEquals("unknown parameter 'min_mass' (trackpy's locate parameters: diameter, minmass, maxsize, separation, noise_size, "
			+ "smoothing_size, threshold, invert, percentile, topn, preprocess, max_iterations, characterize)", e.getMessage());
	}
}
