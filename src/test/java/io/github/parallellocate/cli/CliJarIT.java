package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;


/**
 * The real fat jar ({@code target/parallel-locate-cli.jar}, built by
 * {@code package}) run as a process, as users run it: parity with trackpy on
 * the 50 bulk water frames, identical bytes whatever the input format and
 * thread count, errors, Ctrl-C.
 */
class CliJarIT {

	static final Path JAR = Paths.get("target/parallel-locate-cli.jar");

	@TempDir
	static Path tmp;

	/** The d11/minmass 20 CSV of the TIFF with 2 threads (shared by the byte-for-byte comparisons). */
	private static byte[] tiffD11;

	@BeforeAll
	static void jarExists() {
		assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn package first");
	}

	static CliRun runJar(final Path workDir, final String... args) throws IOException, InterruptedException {
		final Process p = start(workDir, args);
		final byte[] out = p.getInputStream().readAllBytes();
		final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES));
		return new CliRun(p.exitValue(), out, err);
	}

	private static Process start(final Path workDir, final String... args) throws IOException {
		return start(workDir, List.of(), args);
	}

	/** {@code java JVM_OPTIONS -jar parallel-locate-cli.jar ARGS} (without the Vector API module: the jar relaunches itself). */
	static Process start(final Path workDir, final List<String> jvmOptions, final String... args) throws IOException {
		final List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
		cmd.addAll(jvmOptions);
		cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
		cmd.addAll(List.of(args));
		return new ProcessBuilder(cmd).directory(workDir.toFile()).start();
	}

	private static synchronized byte[] tiffD11() throws Exception {
		if (tiffD11 == null) {
			final Path csv = tmp.resolve("tif-d11.csv");
			final CliRun r = runJar(tmp, SharedData.bulkWaterTiff().toString(), "--diameter", "11", "--invert", "--minmass", "20", "--threads",
				"2", "--output", csv.toString());
			assertEquals(0, r.exitCode(), r.toString());
			assertEquals("", r.stderr(), "nothing on stderr when it is not a terminal");
			assertEquals(0, r.stdout().length, "nothing on stdout with --output");
			tiffD11 = Files.readAllBytes(csv);
		}
		return tiffD11;
	}

	@Test
	void diameter11Minmass20MatchesTrackpy() throws Exception {
		assertParity(tiffD11(), "reference/bulk_water_d11_mm20.csv");
	}

	@Test
	void diameter13MatchesTrackpyOnStdout() throws Exception {
		final CliRun r = runJar(tmp, SharedData.bulkWaterTiff().toString(), "--diameter", "13", "--invert");
		assertEquals(0, r.exitCode(), r.toString());
		assertEquals("", r.stderr());
		assertParity(r.stdout(), "reference/bulk_water_d13.csv");
	}

	/** The project's parity rule between a CSV the jar wrote and a trackpy reference. */
	private static void assertParity(final byte[] csv, final String reference) throws IOException {
		final Path file = Files.createTempFile(tmp, "parity", ".csv");
		Files.write(file, csv);
		final Parity p = Parity.compare(FeatureTable.readCsv(SharedData.file(reference)), FeatureTable.readCsv(file));
		System.out.println("CLI vs " + reference + ": " + p.summary());
		p.assertParity();
	}

	/** Volumes through the jar: the anisotropic hyperstack at parity with trackpy, equal to the in-process run. */
	@Test
	void volumesMatchTrackpy() throws Exception {
		final String[] args = { SharedData.file("data/volumes/aniso16.tif").toString(), "--diameter", "5,9,9", "--minmass", "5000" };
		final CliRun r = runJar(tmp, args);
		assertEquals(0, r.exitCode(), r.toString());
		assertEquals("", r.stderr());
		final Path file = Files.createTempFile(tmp, "aniso16", ".csv");
		Files.write(file, r.stdout());
		final io.github.parallellocate.testutil.NdParity p = io.github.parallellocate.testutil.NdParity.compare(
			io.github.parallellocate.testutil.NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv")),
			io.github.parallellocate.testutil.NdTable.readCsv(file));
		System.out.println("CLI jar vs reference3d/aniso16_d5_9_9.csv: " + p.summary());
		p.assertParity();
		assertArrayEquals(CliRun.inProcess(List.of(args)).stdout(), r.stdout(), "the jar writes what the in-process command writes");
	}

	@Test
	void pngFolderRedChannelGivesTheSameBytes() throws Exception {
		final CliRun r = runJar(tmp, SharedData.file("data/bulk_water").toString(), "--channel", "red", "--diameter", "11", "--invert",
			"--minmass", "20");
		assertEquals(0, r.exitCode(), r.toString());
		assertArrayEquals(tiffD11(), r.stdout());
	}

	@Test
	void oneThreadGivesTheSameBytesAsTwo() throws Exception {
		final CliRun r = runJar(tmp, SharedData.bulkWaterTiff().toString(), "--diameter", "11", "--invert", "--minmass", "20", "--threads", "1");
		assertEquals(0, r.exitCode(), r.toString());
		assertArrayEquals(tiffD11(), r.stdout());
	}

	@Test
	void errorIsOneLineWithStatus() throws Exception {
		final Path out = tmp.resolve("never.csv");
		final CliRun r = runJar(tmp, SharedData.bulkWaterTiff().toString(), "--diameter", "10", "--output", out.toString());
		assertEquals(2, r.exitCode());
		assertEquals("parallel-locate: error: diameter must be a positive odd integer (round up), got 10\n", r.stderr());
		assertFalse(Files.exists(out));
	}

	@Test
	void demoFromAnyDirectory() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("demo"));
		final CliRun r = runJar(dir, "--demo");
		assertEquals(0, r.exitCode(), r.toString());
		assertTrue(new String(r.stdout(), StandardCharsets.UTF_8).contains("5 frames, 2723 features in "));
		assertEquals(1 + 2723, Files.readAllLines(dir.resolve("features.csv")).size());
		assertTrue(Files.size(dir.resolve("features-frame0.png")) > 10_000);
	}

	/** Ctrl-C: the process stops promptly with status 130 and leaves no output file (not even a temporary one). */
	@Test
	void sigintLeavesNoOutput() throws Exception {
		// a shell that starts a job in the background (`bash .ci/run &`) sets it to ignore SIGINT, and so are its
		// children: the JVM then installs no handler, and there is no Ctrl-C to test
		assumeFalse(sigintIgnored(), "SIGINT is ignored by this process (started in the background?), and by the runs it starts");
		final Path dir = Files.createDirectories(tmp.resolve("sigint"));
		final List<String> args = new ArrayList<>();
		for (int i = 0; i < 200; i++)
			args.add(SharedData.bulkWaterTiff().toString()); // 10,000 frames: 10 s or more of work on 2 cores
		// topn 1: the same work, one row a frame (a run the signal misses writes a small file)
		args.addAll(List.of("--diameter", "11", "--invert", "--topn", "1", "--output", dir.resolve("out.csv").toString()));
		final Process p = start(dir, args.toArray(new String[0]));
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (listing(dir).isEmpty() && System.nanoTime() < deadline && p.isAlive())
			Thread.sleep(50); // wait until the run has opened its (temporary) output
		assertEquals(1, listing(dir).size(), "the temporary output exists while running");
		Thread.sleep(1000);
		assertTrue(p.isAlive(), "still running");
		final long t0 = System.nanoTime();
		assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
		assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops after SIGINT");
		final double seconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(130, p.exitValue());
		final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(List.of(), listing(dir), "no output or temporary file left; stderr: " + err);
		System.out.println("SIGINT: stopped in " + seconds + " s, stderr: " + err.trim());
		assertTrue(seconds < 15, "stopped promptly: " + seconds + " s");
	}

	/**
	 * A run killed with SIGKILL leaves its temporary file; the next run into
	 * that directory removes it. The run is the worker JVM (the jar relaunches
	 * itself with the Vector API module): its parent reports the kill as 137.
	 */
	@Test
	void killedRunsTemporaryIsRemovedByTheNextRun() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("sigkill"));
		final List<String> args = new ArrayList<>();
		for (int i = 0; i < 200; i++)
			args.add(SharedData.bulkWaterTiff().toString()); // as above
		args.addAll(List.of("--diameter", "11", "--invert", "--topn", "1", "--output", dir.resolve("big.csv").toString()));
		final Process p = start(dir, args.toArray(new String[0]));
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (listing(dir).isEmpty() && System.nanoTime() < deadline && p.isAlive())
			Thread.sleep(50);
		final ProcessHandle worker = p.children().findFirst().orElseThrow(() -> new AssertionError("no worker JVM"));
		worker.destroyForcibly(); // SIGKILL: no shutdown hook runs
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(128 + 9, p.exitValue(), "the parent exits with the killed worker's status");
		final List<Path> left = listing(dir);
		assertEquals(1, left.size(), "the killed run's temporary file: " + left);
		assertTrue(left.get(0).getFileName().toString().startsWith(".big.csv." + worker.pid() + "-"), left.toString());
		final CliRun next = runJar(dir, MainTest.SAMPLE.toAbsolutePath().toString(), "--diameter", "11", "--invert", "--output",
			dir.resolve("small.csv").toString());
		assertEquals(0, next.exitCode(), next.toString());
		assertEquals(List.of(dir.resolve("small.csv")), listing(dir), "the stale temporary file is gone");
	}

	/** {@code | head}: when the reader of stdout goes away the run stops quietly with status 141. */
	@Test
	void closedPipeStopsQuietly() throws Exception {
		final Process p = start(tmp, SharedData.bulkWaterTiff().toString(), "--diameter", "11", "--invert");
		final java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
		assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep,frame", out.readLine());
		out.close();
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		assertEquals(141, p.exitValue());
		assertEquals("", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	/** Whether this process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status), as the processes it starts then do. */
	private static boolean sigintIgnored() throws IOException {
		final Path status = Paths.get("/proc/self/status");
		if (!Files.isReadable(status))
			return false;
		for (final String line : Files.readAllLines(status))
			if (line.startsWith("SigIgn:"))
				return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
		return false;
	}

	static List<Path> listing(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.toList();
		}
	}
}
