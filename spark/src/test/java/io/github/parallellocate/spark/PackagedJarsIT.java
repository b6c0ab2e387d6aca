package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.spark.SparkRuns.Run;
import io.github.parallellocate.testutil.SharedData;

/**
 * The jars the build ships, each run in a fresh JVM the way a user runs it:
 * {@code java -jar parallel-locate-spark.jar} with no Spark installed and no
 * JVM flags, and the cluster jar on nothing but Spark's own class path (what
 * {@code spark-submit} provides).
 */
class PackagedJarsIT {

	@TempDir
	Path tmp;

	private static Path property(final String name) {
		final String v = System.getProperty(name);
		assertTrue(v != null && Files.exists(Path.of(v)), name + " (" + v + ") must exist: run through mvn verify");
		return Path.of(v);
	}

	private static final String[] PARAMETERS = { "--diameter", "9", "--minmass", "100" };

	private static List<String> args(final String input, final Path out) {
		final List<String> all = new ArrayList<>(List.of(input));
		all.addAll(List.of(PARAMETERS));
		all.addAll(List.of("--output", out.toString()));
		return all;
	}

	private String expected(final String input) throws Exception {
		final List<String> all = new ArrayList<>(List.of(input));
		all.addAll(List.of(PARAMETERS));
		return SparkRuns.cliCsv(tmp, all.toArray(String[]::new));
	}

	@Test
	void runnableJarRunsLocallyWithoutSparkOrFlags() throws Exception {
		final String input = SharedData.file("data/image_sequence").toString();
		final Path out = tmp.resolve("jar.csv");
		final List<String> cmd = new ArrayList<>(List.of("-jar", property("spark.jar").toString()));
		cmd.addAll(args(input, out));
		final Run r = SparkRuns.java(cmd, tmp);
		assertEquals(0, r.code(), r.err());
		// quiet: the summary line and nothing else
		final List<String> lines = r.err().lines().toList();
		assertEquals(1, lines.size(), r.err());
		assertTrue(lines.get(0).contains(" in 5 of 5 frames (1 tasks on local[*])"), lines.get(0));
		assertEquals(expected(input), Files.readString(out));
	}

	@Test
	void runnableJarReportsUsageErrors() throws Exception {
		final Run r = SparkRuns.java(List.of("-jar", property("spark.jar").toString(), "movie.tif", "--output", "x.csv"), tmp);
		assertEquals(2, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: --diameter is required (trackpy's diameter: a positive odd integer, in pixels)", r.err().strip());
	}

	@Test
	void killedRunLeavesNothingBehind() throws Exception {
		final List<String> cmd = new ArrayList<>(List.of("-Dspark.master=local[1]", "-jar", property("spark.jar").toString()));
		for (int i = 0; i < 20; i++)
			cmd.add(SharedData.bulkWaterTiff().toString()); // 1000 frames: long enough to be killed half-way
		cmd.addAll(List.of("--diameter", "11", "--frames-per-task", "5", "--output", tmp.resolve("killed.csv").toString()));
		cmd.add(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		final long deadline = System.nanoTime() + 120_000_000_000L;
		while (!hasParts(tmp) && p.isAlive() && System.nanoTime() < deadline)
			Thread.sleep(50);
		assertTrue(hasParts(tmp), "the run should have written part files");
		p.destroy(); // SIGTERM, as scancel or bkill send
		assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
		assertEquals(List.of(), SparkRuns.list(tmp), "no output, no part directory");
	}

	/** Whether a part directory in {@code dir} holds a part file. */
	private static boolean hasParts(final Path dir) throws java.io.IOException {
		for (final String name : SparkRuns.list(dir))
			if (name.contains(".spark-parts-") && SparkRuns.list(dir.resolve(name)).stream().anyMatch(n -> n.endsWith(".csv")))
				return true;
		return false;
	}

	@Test
	void clusterJarRunsOnSparksClassPath() throws Exception {
		final String input = SharedData.file("data/image_sequence").toString();
		final Path out = tmp.resolve("cluster.csv");
		final String sparkClassPath = Files.readString(property("spark.classpath.file")).trim();
		final List<String> cmd = new ArrayList<>(Arrays.asList(System.getProperty("spark.java17.argLine").split(" ")));
		cmd.addAll(List.of("-Dspark.master=local[2]", "-cp", property("spark.cluster.jar") + java.io.File.pathSeparator + sparkClassPath,
			LocateSpark.class.getName()));
		cmd.addAll(args(input, out));
		final Run r = SparkRuns.java(cmd, tmp);
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains(" in 5 of 5 frames (1 tasks on local[2])"), r.err());
		assertEquals(expected(input), Files.readString(out));
	}
}
