package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.parallellocate.testutil.SharedData;

/**
 * The real jar started without the Vector API module, as {@code java -jar}
 * starts it: it runs the command in a worker JVM with the module
 * ({@link Relaunch}), and a user sees the same bytes, messages and exit
 * statuses as from one JVM.
 */
class CliRelaunchIT {

	private static final List<String> ONE_JVM = List.of("-Dparallellocate.relaunch=false");
	private static final List<String> SCALAR = List.of("-Dparallellocate.vector=false");

	@TempDir
	static Path tmp;

	static CliRun run(final List<String> jvmOptions, final String... args) throws IOException, InterruptedException {
		final Process p = CliJarIT.start(tmp, jvmOptions, args);
		final CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p));
		final byte[] out = p.getInputStream().readAllBytes();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES));
		return new CliRun(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
	}

	private static byte[] readAll(final Process p) {
		try {
			return p.getErrorStream().readAllBytes();
		}
		catch (final IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** The worker has the module: the vector path runs (and --version says so); switched off, it does not. */
	@Test
	void workerHasTheModule() throws Exception {
		final CliRun relaunched = run(List.of(), "--version");
		assertEquals(0, relaunched.exitCode(), relaunched.toString());
		assertEquals("", relaunched.stderr(), "the incubator warning is not shown");
		assertEquals("vector: on (jdk.incubator.vector)", relaunched.stdoutText().split("\\R")[1]);
		for (final List<String> off : List.of(ONE_JVM, SCALAR)) {
			final CliRun r = run(off, "--version");
			assertEquals(0, r.exitCode(), r.toString());
			assertEquals("", r.stderr(), off.toString());
			assertEquals("vector: off", r.stdoutText().split("\\R")[1], off.toString());
		}
	}

	/** The CSV on stdout (straight from the worker) and in a file: the same bytes as the scalar path's, nothing on stderr. */
	@Test
	void sameCsvAsTheScalarPathAndNoWarning() throws Exception {
		final String[] args = { SharedData.bulkWaterTiff().toString(), "--diameter", "11", "--invert", "--minmass", "20", "--threads", "2" };
		final CliRun vector = run(List.of(), args);
		assertEquals(0, vector.exitCode(), vector.toString());
		assertEquals("", vector.stderr(), "no incubator line, nothing else");
		final CliRun scalar = run(SCALAR, args);
		assertEquals(0, scalar.exitCode(), scalar.toString());
		assertEquals("", scalar.stderr());
		assertTrue(vector.stdout().length > 100_000, "the 50 frames' features");
		assertArrayEquals(scalar.stdout(), vector.stdout());

		final Path csv = tmp.resolve("relaunched.csv");
		final List<String> withOutput = new ArrayList<>(List.of(args));
		withOutput.addAll(List.of("--output", csv.toString()));
		final CliRun file = run(List.of(), withOutput.toArray(new String[0]));
		assertEquals(0, file.exitCode(), file.toString());
		assertEquals("", file.stderr());
		assertEquals(0, file.stdout().length);
		assertArrayEquals(scalar.stdout(), Files.readAllBytes(csv));
	}

	/** Errors: the same status and the same one line as in one JVM. */
	@Test
	void errorsAndStatusesSurvive() throws Exception {
		final String[][] cases = { { SharedData.bulkWaterTiff().toString(), "--diameter", "10" }, { "--bogus" },
			{ tmp.resolve("missing.tif").toString(), "--diameter", "11" }, {} };
		for (final String[] args : cases) {
			final CliRun one = run(ONE_JVM, args);
			final CliRun two = run(List.of(), args);
			assertTrue(one.exitCode() != 0, one.toString());
			assertEquals(one.exitCode(), two.exitCode(), String.join(" ", args));
			assertEquals(one.stderr(), two.stderr(), String.join(" ", args));
			assertEquals(1, two.stderrLines().size(), two.stderr());
			assertTrue(two.stderr().startsWith("parallel-locate: error: "), two.stderr());
		}
	}

	/** The worker gets the parent's JVM options and the module; the user's own options stay as given. */
	@Test
	void workerHasTheParentsJvmOptions() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("options"));
		final Process p = CliJarIT.start(dir, List.of("-Xmx700m", "-Dparallellocate.test=yes"), longRunArgs(dir));
		try {
			final ProcessHandle worker = worker(p);
			final List<String> cmd = List.of(worker.info().arguments().orElseThrow());
			final int addModules = cmd.indexOf("--add-modules");
			assertTrue(addModules >= 0 && cmd.get(addModules + 1).equals("jdk.incubator.vector"), cmd.toString());
			assertTrue(cmd.indexOf("-Xmx700m") >= 0 && cmd.indexOf("-Xmx700m") < addModules, cmd.toString());
			assertTrue(cmd.contains("-Dparallellocate.test=yes"), cmd.toString());
			assertTrue(cmd.contains(Main.class.getName()), cmd.toString());
			assertEquals(List.of("--diameter", "11", "--invert", "--output", dir.resolve("out.csv").toString()),
				cmd.subList(cmd.size() - 5, cmd.size()));
		}
		finally {
			p.destroy();
			assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		}
		assertEquals(143, p.exitValue(), "SIGTERM");
		waitUntilEmpty(dir, 30);
		assertEquals(List.of(), CliJarIT.listing(dir), "the stopped worker removed its temporary file");
	}

	/** kill -9 of the parent: the worker notices within seconds, stops and removes its temporary output. */
	@Test
	void workerStopsWhenTheParentIsKilled() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("orphan"));
		final Process p = CliJarIT.start(dir, List.of(), longRunArgs(dir));
		final ProcessHandle worker = worker(p);
		waitUntil(() -> !CliJarIT.listing(dir).isEmpty(), 60);
		p.destroyForcibly();
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		final long t0 = System.nanoTime();
		worker.onExit().get(30, TimeUnit.SECONDS);
		final double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.println("orphaned worker stopped in " + seconds + " s");
		waitUntilEmpty(dir, 10);
		assertEquals(List.of(), CliJarIT.listing(dir), "no output or temporary file left");
	}

	/** 40 times the 50 frames to a file in dir: minutes of work. */
	private static String[] longRunArgs(final Path dir) {
		final List<String> args = new ArrayList<>();
		for (int i = 0; i < 40; i++)
			args.add(SharedData.bulkWaterTiff().toString());
		args.addAll(List.of("--diameter", "11", "--invert", "--output", dir.resolve("out.csv").toString()));
		return args.toArray(new String[0]);
	}

	private static ProcessHandle worker(final Process p) throws Exception {
		waitUntil(() -> p.children().findAny().isPresent() || !p.isAlive(), 30);
		final ProcessHandle w = p.children().findFirst().orElseThrow(() -> new AssertionError("no worker JVM"));
		assertFalse(p.children().count() > 1);
		return w;
	}

	private interface Condition {
		boolean holds() throws Exception;
	}

	private static void waitUntil(final Condition c, final int seconds) throws Exception {
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!c.holds() && System.nanoTime() < deadline)
			Thread.sleep(50);
	}

	private static void waitUntilEmpty(final Path dir, final int seconds) throws Exception {
		waitUntil(() -> CliJarIT.listing(dir).isEmpty(), seconds);
	}
}
