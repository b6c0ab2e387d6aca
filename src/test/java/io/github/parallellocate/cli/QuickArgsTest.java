package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.io.TrackpyArgs;

/** {@link QuickArgs} sets exactly what picocli sets, for every option, or leaves the line to picocli. */
class QuickArgsTest {

	/** Every long option of the command, with a value of its type, alone and in random combinations with inputs. */
	@Test
	void everyOptionAsPicocli() throws Exception {
		final List<String[]> options = new ArrayList<>();
		for (final OptionSpec o : Main.commandSpec(newMain()).options()) {
			if (o.usageHelp() || o.versionHelp())
				continue;
			final String name = o.longestName();
			final LocateParameter p = TrackpyArgs.forOption(name);
			if (o.arity().max() == 0)
				options.add(new String[] { name });
			else
				options.add(new String[] { name, p != null ? text(p, options.size()) : value(o.type(), options.size()) });
		}
		assertEquals(LocateParameter.values().length + 10, options.size(), "options of Main and the specification: update this test");
		for (final String[] o : options) {
			assertSameAsPicocli(concat(new String[] { "in.tif" }, o));
			if (o.length == 2)
				assertSameAsPicocli(new String[] { o[0] + "=" + o[1], "a.tif", "b.tif" });
		}
		final SplittableRandom r = new SplittableRandom(9);
		for (int n = 0; n < 200; n++) {
			final List<String[]> shuffled = new ArrayList<>(options);
			java.util.Collections.shuffle(shuffled, new java.util.Random(r.nextLong()));
			String[] line = {};
			for (final String[] o : shuffled.subList(0, r.nextInt(shuffled.size())))
				line = concat(line, r.nextBoolean() ? o : new String[] { "frames" + line.length + ".tif" });
			assertSameAsPicocli(line);
		}
	}

	/** Every option of the specification is an option of the command, with the specification's help. */
	@Test
	void theSpecificationsOptions() {
		final CommandSpec spec = Main.commandSpec(newMain());
		for (final LocateParameter p : LocateParameter.values()) {
			final OptionSpec o = spec.findOption(p.option());
			assertTrue(o != null, p.option());
			assertEquals(TrackpyArgs.description(p), String.join(" ", o.description()).replace("%%", "%"), p.option());
		}
	}

	@Test
	void perAxisValuesAsPicocli() throws Exception {
		assertSameAsPicocli(new String[] { "v.tif", "--diameter", "5,9,9", "--separation=4,8,8", "--noise-size", "1,1.5,1.5", "--3d",
			"--slices", "24" });
		assertSameAsPicocli(new String[] { "v.tif", "--diameter", "(5, 9, 9)", "--output", "-" });
	}

	@Test
	void theIssuesCommandAsPicocli() throws Exception {
		assertSameAsPicocli(new String[] { "/tmp/big/bw300.tif", "--diameter", "11", "--invert", "--minmass", "20", "--output", "out.csv" });
		assertSameAsPicocli(new String[] { "--diameter=11", "--minmass=-3.5e2", "dir/*.png", "--threads", "+2", "--percentile", "007" });
	}

	/** Lines only picocli understands (or reports): QuickArgs declines them. */
	@Test
	void unusualLinesAreLeftToPicocli() {
		for (final String line : new String[] { "--help", "-h", "-V", "--version", "a.tif --diameter",
			"a.tif --diameter 11 --diameter 13", "a.tif --invert --invert", "a.tif --invert=true", "a.tif --minmass -5", "a.tif --bogus 1",
			"@args.txt", "a.tif --output @o.csv", "-- a.tif", "- --diameter 11", "a.tif --diameter= ", "a.tif --threads 1e3",
			"a.tif --slices x", "a.tif --3d=true" }) {
			final Main m = new Main(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false, new Interruption());
			assertFalse(QuickArgs.parse(line.split(" "), m), line);
		}
	}

	/** A value in the specification's grammar. */
	private static String text(final LocateParameter p, final int i) {
		switch (p.type()) {
			case PER_AXIS: return i % 2 == 0 ? Integer.toString(3 + 2 * i) : "5," + (3 + 2 * i);
			case INTEGER: return Integer.toString(i);
			default: return i + ".25";
		}
	}

	/** A bad value of a trackpy parameter gets the specification's message, whichever parser read it. */
	@Test
	void badValuesGetTheSpecificationsMessage() {
		for (final String[] line : new String[][] { { "a.tif", "--diameter", "x" }, { "a.tif", "--diameter=x" }, { "a.tif", "--diameter", "5,9,9,9" },
			{ "a.tif", "--topn", "2.5" }, { "a.tif", "--diameter", "99999999999" } }) {
			final Main quick = newMain();
			assertTrue(QuickArgs.parse(line, quick), Arrays.toString(line));
			final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> quick.trackpy.parameters());
			final Main picocli = newMain();
			new CommandLine(Main.commandSpec(picocli)).parseArgs(line);
			assertEquals(e.getMessage(),
				org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> picocli.trackpy.parameters()).getMessage());
		}
	}

	private static String value(final Class<?> type, final int i) {
		if (type == Integer.class || type == int.class)
			return Integer.toString(3 + 2 * i);
		if (type == Double.class || type == double.class)
			return i + ".25";
		if (type == Path.class)
			return "out" + i + ".csv";
		return "green";
	}

	private static void assertSameAsPicocli(final String[] line) throws Exception {
		final Main picocli = newMain();
		new CommandLine(Main.commandSpec(picocli)).parseArgs(line);
		final Main quick = newMain();
		assertTrue(QuickArgs.parse(line, quick), Arrays.toString(line));
		assertSameFields(picocli, quick, Arrays.toString(line));
		assertEquals(picocli.trackpy, quick.trackpy, Arrays.toString(line));
	}

	/** The fields that picocli sets from the command line are equal. */
	private static void assertSameFields(final Object expected, final Object got, final String line) throws Exception {
		for (final Field f : expected.getClass().getDeclaredFields()) {
			if (f.getAnnotation(Option.class) == null && f.getAnnotation(CommandLine.Parameters.class) == null)
				continue; // not set from the command line
			f.setAccessible(true);
			assertTrue(Objects.equals(f.get(expected), f.get(got)), f.getName() + " of " + line + ": " + f.get(expected) + " vs " + f.get(got));
		}
	}

	private static Main newMain() {
		return new Main(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false, new Interruption());
	}

	private static String[] concat(final String[] a, final String[] b) {
		final String[] c = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}
