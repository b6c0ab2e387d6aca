package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No run writes over one of its inputs, over its other output, or through a
 * symbolic link or special file; outputs are complete or absent; a killed
 * run's temporary files are removed by the next run; {@code --output -} is
 * standard output. After every refused attempt the input's bytes are
 * unchanged and no file is left behind.
 */
class OutputSafetyTest {

	@TempDir
	Path tmp;
	private Path input;
	private byte[] inputBytes;

	@BeforeEach
	void copyInput() throws IOException {
		input = tmp.resolve("movie.tif");
		Files.copy(MainTest.SAMPLE, input);
		inputBytes = Files.readAllBytes(input);
	}

	private CliRun run(final Object... args) {
		final List<String> l = new ArrayList<>(List.of(input.toString(), "--diameter", "11", "--invert", "--minmass", "20"));
		for (final Object a : args)
			l.add(String.valueOf(a));
		return CliRun.inProcess(l);
	}

	private Set<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
		}
	}

	/** The run is refused with one line and the status, nothing is written, and the input is unchanged. */
	private void assertRefused(final CliRun r, final int status, final String message) throws IOException {
		assertEquals(List.of("parallel-locate: error: " + message), r.stderrLines(), r.toString());
		assertEquals(status, r.exitCode(), r.toString());
		assertEquals(0, r.stdout().length);
		assertArrayEquals(inputBytes, Files.readAllBytes(input), "the input's bytes are unchanged");
	}

	@Test
	void outputEqualToTheInputIsRefusedEvenWithOverwrite() throws IOException {
		final Set<String> before = listing();
		assertRefused(run("--output", input, "--overwrite"), 2, "--output " + input + " is an input: refusing to write over it");
		assertRefused(run("--output", input), 2, "--output " + input + " is an input: refusing to write over it");
		final Path spelled = tmp.resolve("sub/../movie.tif");
		Files.createDirectories(tmp.resolve("sub"));
		assertRefused(run("--output", spelled, "--overwrite"), 2, "--output " + spelled + " is an input: refusing to write over it");
		Files.delete(tmp.resolve("sub"));
		assertEquals(before, listing(), "no file left behind");
	}

	@Test
	void outputThatIsTheInputByLinkIsRefused() throws IOException {
		final Path soft = Files.createSymbolicLink(tmp.resolve("soft.csv"), input);
		final Path hard = Files.createLink(tmp.resolve("hard.csv"), input);
		final Set<String> before = listing();
		assertRefused(run("--output", soft, "--overwrite"), 2, "--output " + soft + " is an input: refusing to write over it");
		assertRefused(run("--output", hard, "--overwrite"), 2, "--output " + hard + " is an input: refusing to write over it");
		assertRefused(run("--annotate", hard, "--overwrite"), 2, "--annotate " + hard + " is an input: refusing to write over it");
		assertTrue(Files.isSymbolicLink(soft));
		assertEquals(before, listing());
	}

	@Test
	void annotateEqualToTheInputIsRefused() throws IOException {
		final Path csv = tmp.resolve("out.csv");
		assertRefused(run("--annotate", input, "--overwrite", "--output", csv), 2, "--annotate " + input + " is an input: refusing to write over it");
		assertFalse(Files.exists(csv), "no CSV either");
	}

	@Test
	void annotateEqualToOutputLeavesNothing() throws IOException {
		final Path x = tmp.resolve("x.tif");
		final Set<String> before = listing();
		assertRefused(run("--annotate", x, "--output", x), 2, "--annotate and --output are the same file (" + x + ")");
		assertEquals(before, listing(), "nothing left behind");
		Files.writeString(x, "precious");
		assertRefused(run("--annotate", x, "--output", tmp.resolve("y/../x.tif"), "--overwrite"), 2,
			"--annotate and --output are the same file (" + x + ")");
		assertEquals("precious", Files.readString(x));
	}

	@Test
	void noWritingThroughASymbolicLink() throws IOException {
		final Path other = Files.writeString(tmp.resolve("other.txt"), "keep me");
		final Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), other);
		final Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.csv"), tmp.resolve("nowhere.csv"));
		final Set<String> before = listing();
		assertRefused(run("--output", link, "--overwrite"), 5, link + " is a symbolic link: refusing to write through it");
		assertRefused(run("--output", dangling), 5, dangling + " is a symbolic link: refusing to write through it");
		assertEquals("keep me", Files.readString(other));
		assertTrue(Files.isSymbolicLink(link));
		assertFalse(Files.exists(tmp.resolve("nowhere.csv")));
		assertEquals(before, listing());
	}

	@Test
	void noWritingToASpecialFile() throws Exception {
		final Path fifo = tmp.resolve("pipe.csv");
		assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is needed");
		assertRefused(run("--output", fifo, "--overwrite"), 5, fifo + " is not a regular file (a FIFO, device or socket): refusing to write to it");
		assertRefused(run("--output", fifo), 5, fifo + " is not a regular file (a FIFO, device or socket): refusing to write to it");
		assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS), "still a FIFO");
	}

	/** A FIFO given as input is refused at once (reading it would block forever). */
	@Test
	void aFifoAsInputIsRefused() throws Exception {
		final Path fifo = tmp.resolve("pipe.tif");
		assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is needed");
		final CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
			() -> CliRun.inProcess(List.of(fifo.toString(), "--diameter", "11", "--output", tmp.resolve("f.csv").toString())));
		assertEquals(List.of("parallel-locate: error: " + fifo + " is a special file (FIFO, socket or device), not an image file"),
			r.stderrLines());
		assertEquals(3, r.exitCode());
		assertFalse(Files.exists(tmp.resolve("f.csv")));
	}

	/** Standard output that fails (a full disk) is an output error naming it. */
	@Test
	void failingStandardOutput() {
		final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		final java.io.OutputStream full = new java.io.OutputStream() {
			@Override
			public void write(final int b) throws IOException {
				throw new IOException("No space left on device");
			}

			@Override
			public void write(final byte[] b, final int off, final int len) throws IOException {
				throw new IOException("No space left on device");
			}
		};
		final int code = Main.run(new String[] { input.toString(), "--diameter", "11", "--invert" }, full,
			new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
		assertEquals("parallel-locate: error: cannot write the CSV to standard output: No space left on device\n",
			err.toString(java.nio.charset.StandardCharsets.UTF_8));
		assertEquals(5, code);
	}

	@Test
	void dashIsStandardOutput() throws IOException {
		final CliRun dash = run("--output", "-");
		assertEquals(0, dash.exitCode(), dash.toString());
		final CliRun plain = run();
		assertArrayEquals(plain.stdout(), dash.stdout());
		assertTrue(dash.stdoutText().startsWith("y,x,mass,size,ecc,signal,raw_mass,ep,frame\n"));
		assertFalse(Files.exists(Path.of("-")), "no file named -");
		assertRefused(run("--annotate", "-"), 2, "--annotate needs a file name (only --output can be '-', standard output)");
	}

	@Test
	void staleTemporariesOfAKilledRunAreRemoved() throws IOException {
		final String tag = io.github.parallellocate.io.AtomicOutput.machineTag();
		final Path stale = Files.writeString(tmp.resolve(".out.csv.999999999-" + tag + ".1f2e.part"), "half");
		final Path alive = Files.writeString(tmp.resolve(".out.csv." + ProcessHandle.current().pid() + "-" + tag + ".1f2e.part"), "running");
		final Path elsewhere = Files.writeString(tmp.resolve(".out.csv.999999999-zzzzzzzz.1f2e.part"), "another machine's");
		final Path unrelated = Files.writeString(tmp.resolve(".notes.part"), "mine");
		final Path csv = tmp.resolve("out.csv");
		final CliRun r = run("--output", csv);
		assertEquals(0, r.exitCode(), r.toString());
		assertFalse(Files.exists(stale), "a dead process's temporary file is removed");
		assertTrue(Files.exists(alive), "a running process's temporary file is kept");
		assertTrue(Files.exists(unrelated), "other files are kept");
		assertTrue(Files.exists(elsewhere), "another machine's temporary file is kept");
		assertEquals(Set.of(".notes.part", alive.getFileName().toString(), elsewhere.getFileName().toString(), "movie.tif", "out.csv"), listing());
	}

	@Test
	void longNames() throws IOException {
		final Path ok = tmp.resolve("o".repeat(240) + ".csv"); // 244 characters: valid, its temporary name is shortened
		final CliRun r = run("--output", ok);
		assertEquals(0, r.exitCode(), r.toString());
		assertArrayEquals(run().stdout(), Files.readAllBytes(ok));
		final Path tooLong = tmp.resolve("o".repeat(296) + ".csv");
		final Set<String> before = listing();
		assertRefused(run("--output", tooLong), 5, "cannot write " + tooLong + ": file name too long (300 bytes, the limit is 255)");
		assertEquals(before, listing());
	}

	@Test
	void existingOutputNeedsOverwrite() throws IOException {
		final Path csv = Files.writeString(tmp.resolve("old.csv"), "old");
		assertRefused(run("--output", csv), 5, csv + " already exists (use --overwrite to replace it)");
		assertEquals("old", Files.readString(csv));
		final CliRun r = run("--output", csv, "--overwrite");
		assertEquals(0, r.exitCode(), r.toString());
		assertArrayEquals(run().stdout(), Files.readAllBytes(csv));
	}
}
