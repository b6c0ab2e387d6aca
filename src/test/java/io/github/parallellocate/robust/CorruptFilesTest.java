package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneReader;

/**
 * The generated corpus ({@link TiffCorpus}) through the reader: every valid
 * layout gives exactly the planes written, and the CSV of its features is
 * byte-identical to the CSV of the same planes written as a plain TIFF;
 * every damaged or hostile file is refused within seconds with one line
 * naming the file, never read as something else.
 */
class CorruptFilesTest {

	private static final LocateParameters PARAMS = LocateParameters.builder(7).build();

	@TempDir
	Path tmp;

	static List<TiffCorpus.Valid> valid() throws IOException {
		return TiffCorpus.valid();
	}

	static List<TiffCorpus.Hostile> hostile() throws IOException {
		return TiffCorpus.hostile();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valid")
	void validLayoutsReadExactly(final TiffCorpus.Valid c) throws Exception {
		final Path file = Files.write(tmp.resolve(c.name()), c.bytes());
		final FileFrameSource source = assertTimeoutPreemptively(Duration.ofSeconds(20),
			() -> FileFrameSource.open(List.of(file.toString()), c.channel()));
		assertEquals(c.planes().size(), source.size(), "pages");
		try (PlaneReader r = source.newReader()) {
			for (int i = 0; i < source.size(); i++)
				assertSamePlane(c.planes().get(i), r.read(i).asPlane(), c.name() + " page " + (i + 1));
		}
		final Path plain = Files.write(tmp.resolve("plain-" + c.name() + ".tif"), TiffCorpus.plain(c.planes()));
		final String expected = csv(FileFrameSource.open(List.of(plain.toString()), Channel.NONE));
		assertTrue(expected.split("\n").length > 3, "features are found");
		assertEquals(expected, csv(source), "the CSV of " + c.name() + " is the CSV of the plain file");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void hostileFilesAreRefusedInOneLine(final TiffCorpus.Hostile c) throws Exception {
		final Path file = Files.write(tmp.resolve(c.name()), c.bytes());
		final Exception e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(Exception.class, () -> {
			final FileFrameSource s = FileFrameSource.open(List.of(file.toString()), Channel.NONE);
			new LocateEngine(PARAMS).threads(2).run(s, (f, l) -> {});
		}), c.name());
		final String m = message(e);
		System.out.println(c.name() + ": " + m);
		assertTrue(e instanceof IOException || e instanceof io.github.parallellocate.parallel.FrameFailedException, c.name() + ": " + e);
		assertFalse(m.contains("\n"), "one line: " + m);
		assertTrue(m.contains(c.name()), "names the file: " + m);
		assertTrue(m.length() < 300, "short: " + m);
		if (c.expect() != null)
			assertTrue(m.contains(c.expect()), m + " should say " + c.expect());
	}

	/** The command line on every valid layout: its CSV is byte-identical to the plain file's. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("valid")
	void theCommandLineWritesThePlainFilesCsv(final TiffCorpus.Valid c) throws Exception {
		final Path file = Files.write(tmp.resolve(c.name()), c.bytes());
		final Path plain = Files.write(tmp.resolve("plain-" + c.name() + ".tif"), TiffCorpus.plain(c.planes()));
		final List<String> channel = c.channel().isNone() ? List.of() : List.of("--channel", Integer.toString(c.channel().number()));
		final Cli fromFile = cli(file, channel, tmp.resolve("a.csv"));
		final Cli fromPlain = cli(plain, List.of(), tmp.resolve("b.csv"));
		assertEquals(0, fromFile.status(), fromFile.stderr());
		assertEquals(0, fromPlain.status(), fromPlain.stderr());
		assertEquals(Files.readString(tmp.resolve("b.csv")), Files.readString(tmp.resolve("a.csv")), c.name());
	}

	/** The command line on every hostile file: status not 0, at most 3 lines, no stack trace, no output file. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void theCommandLineRefusesHostileFilesCleanly(final TiffCorpus.Hostile c) throws Exception {
		final Path file = Files.write(tmp.resolve(c.name()), c.bytes());
		final Path out = tmp.resolve("out.csv");
		final Cli r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> cli(file, List.of(), out), c.name());
		assertTrue(r.status() != 0, c.name() + " exits with an error status");
		final String[] lines = r.stderr().strip().split("\\R");
		assertTrue(lines.length >= 1 && lines.length <= 3, "at most 3 lines: " + r.stderr());
		assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Exception"), "no stack trace: " + r.stderr());
		assertTrue(r.stderr().contains(c.name()), "names the file: " + r.stderr());
		assertFalse(Files.exists(out), "no output file");
		try (var files = Files.list(tmp)) {
			assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("out.csv")).toList(), "no temporary file");
		}
	}

	private record Cli(int status, String stderr) {}

	private static Cli cli(final Path input, final List<String> extra, final Path output) {
		final List<String> args = new ArrayList<>(List.of(input.toString(), "--diameter", "7", "--output", output.toString()));
		args.addAll(extra);
		final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		final int status;
		try (java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
			status = io.github.parallellocate.cli.Main.run(args.toArray(new String[0]), java.io.OutputStream.nullOutputStream(), e);
		}
		return new Cli(status, err.toString(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String message(final Exception e) {
		return e.getMessage() == null ? e.toString() : e.getMessage();
	}

	static void assertSamePlane(final Plane expected, final Plane got, final String what) {
		assertEquals(expected.type(), got.type(), what + ": type");
		assertEquals(expected.width(), got.width(), what + ": width");
		assertEquals(expected.height(), got.height(), what + ": height");
		if (expected.pixels() instanceof byte[])
			assertArrayEquals((byte[]) expected.pixels(), (byte[]) got.pixels(), what);
		else if (expected.pixels() instanceof short[])
			assertArrayEquals((short[]) expected.pixels(), (short[]) got.pixels(), what);
		else
			assertArrayEquals((float[]) expected.pixels(), (float[]) got.pixels(), what);
	}

	static String csv(final FileFrameSource source) throws Exception {
		final List<List<io.github.parallellocate.core.Feature>> all = new ArrayList<>(new LocateEngine(PARAMS).threads(2).locateAll(source));
		final StringWriter w = new StringWriter();
		w.write(FeatureCsv.header(true) + "\n");
		for (int i = 0; i < all.size(); i++)
			FeatureCsv.writeFrame(w, i, all.get(i), true);
		return w.toString();
	}
}
