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
import picocli.CommandLine.Option;

/** {@link QuickArgs} sets exactly what picocli sets, for every option, or leaves the line to picocli. */
class QuickArgsTest {

	/** Every long option of the command, with a value of its type, alone and in random combinations with inputs. */
	@Test
	void everyOptionAsPicocli() throws Exception {
		final List<String[]> options = new ArrayList<>();
		for (final Class<?> c : new Class<?>[] { Main.class, TrackpyOptions.class }) {
			for (final Field f : c.getDeclaredFields()) {
				final Option o = f.getAnnotation(Option.class);
				if (o == null)
					continue;
				final String name = o.names()[o.names().length - 1];
				options.add(f.getType() == boolean.class ? new String[] { name } : new String[] { name, value(f.getType(), options.size()) });
			}
		}
		assertEquals(8 + 13, options.size(), "options of Main and TrackpyOptions: update this test");
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

	@Test
	void theIssuesCommandAsPicocli() throws Exception {
		assertSameAsPicocli(new String[] { "/tmp/big/bw300.tif", "--diameter", "11", "--invert", "--minmass", "20", "--output", "out.csv" });
		assertSameAsPicocli(new String[] { "--diameter=11", "--minmass=-3.5e2", "dir/*.png", "--threads", "+2", "--percentile", "007" });
	}

	/** Lines only picocli understands (or reports): QuickArgs declines them. */
	@Test
	void unusualLinesAreLeftToPicocli() {
		for (final String line : new String[] { "--help", "-h", "-V", "--version", "a.tif --diameter", "a.tif --diameter x",
			"a.tif --diameter 11 --diameter 13", "a.tif --invert --invert", "a.tif --invert=true", "a.tif --minmass -5", "a.tif --bogus 1",
			"@args.txt", "a.tif --output @o.csv", "-- a.tif", "- --diameter 11", "a.tif --diameter= ", "a.tif --threads 1e3",
			"a.tif --diameter 99999999999" }) {
			final Main m = new Main(new ByteArrayOutputStream(), new PrintStream(new ByteArrayOutputStream()), false, new Interruption());
			assertFalse(QuickArgs.parse(line.split(" "), m), line);
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
		new CommandLine(picocli).parseArgs(line);
		final Main quick = newMain();
		assertTrue(QuickArgs.parse(line, quick), Arrays.toString(line));
		assertSameFields(picocli, quick, Arrays.toString(line));
		assertSameFields(picocli.trackpy, quick.trackpy, Arrays.toString(line));
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
