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
				assertSamePlane(c.planes().get(i), r.read(i), c.name() + " page " + (i + 1));
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
