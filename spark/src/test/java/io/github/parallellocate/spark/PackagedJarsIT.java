package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.io.TrackpyArgs;
import io.github.parallellocate.spark.SparkRuns.Run;
import io.github.parallellocate.testutil.SharedData;

/**
 * The jars the build ships, each run in a fresh JVM the way a user runs it:
 * {@code java -jar parallel-locate-spark.jar} with no Spark installed and no
 * JVM flags, and the cluster jar on nothing but Spark's own class path (what
 * {@code spark-submit} provides); and a run killed half-way.
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
		all.addAll(List.of("--format", "csv", "--output", out.toString()));
		return all;
	}

	private String expected(final String input) throws Exception {
		final List<String> all = new ArrayList<>(List.of(input));
		all.addAll(List.of(PARAMETERS));
		return SparkRuns.cliCsv(tmp, all.toArray(String[]::new));
	}

	/** The rows of a CSV output directory: its part files in order, the header once. */
	private static String csv(final Path dir) throws IOException {
		assertTrue(Files.exists(dir.resolve("_SUCCESS")), "committed");
		final StringBuilder sb = new StringBuilder();
		for (final String part : SparkRuns.list(dir)) {
			if (!part.startsWith("part-"))
				continue;
			final List<String> lines = Files.readAllLines(dir.resolve(part));
			for (int i = sb.length() == 0 ? 0 : 1; i < lines.size(); i++)
				sb.append(lines.get(i)).append('\n');
		}
		return sb.toString();
	}

	@Test
	void runnableJarRunsLocallyWithoutSparkOrFlags() throws Exception {
		final String input = SharedData.file("data/image_sequence").toString();
		final Path out = tmp.resolve("jar-out");
		final List<String> cmd = new ArrayList<>(List.of("-jar", property("spark.jar").toString()));
		cmd.addAll(args(input, out));
		final Run r = SparkRuns.java(cmd, tmp);
		assertEquals(0, r.code(), r.err());
		// quiet: the summary line and nothing else
		final List<String> lines = r.err().lines().toList();
		assertEquals(1, lines.size(), r.err());
		assertTrue(lines.get(0).contains(" in 5 of 5 frames ("), lines.get(0));
		assertTrue(lines.get(0).contains(" on local[*])"), lines.get(0));
		assertEquals(expected(input), csv(out));
	}

	@Test
	void runnableJarReportsUsageErrors() throws Exception {
		final Run r = SparkRuns.java(List.of("-jar", property("spark.jar").toString(), "movie.tif", "--output", "x"), tmp);
		assertEquals(2, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: " + TrackpyArgs.DIAMETER_REQUIRED,
			r.err().strip());
	}

	@Test
	void runnableJarReportsAFailedFrameInOneLineAndWritesNothing() throws Exception {
		final Path dir = Files.createDirectory(tmp.resolve("movie"));
		final Path seq = SharedData.file("data/image_sequence");
		final List<String> names = SparkRuns.list(seq);
		for (int i = 0; i < names.size(); i++) {
			final byte[] bytes = Files.readAllBytes(seq.resolve(names.get(i)));
			Files.write(dir.resolve(names.get(i)), i == 3 ? Arrays.copyOf(bytes, 5_000) : bytes); // frame 3 cut short
		}
		final Path out = tmp.resolve("failed-out");
		final List<String> cmd = new ArrayList<>(List.of("-jar", property("spark.jar").toString()));
		cmd.addAll(args(dir.toString(), out));
		final Run r = SparkRuns.java(cmd, tmp);
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().strip().startsWith("parallel-locate-spark: error: frame 3 (" + names.get(3) + "): "), r.err());
		assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
		assertFalse(Files.exists(out));
	}

	@Test
	void killedRunLeavesNothingBehind() throws Exception {
		final Path out = tmp.resolve("killed");
		final List<String> cmd = new ArrayList<>(List.of("-Dspark.master=local[1]", "-jar", property("spark.jar").toString()));
		for (int i = 0; i < 20; i++)
			cmd.add(SharedData.bulkWaterTiff().toString()); // 1000 frames: long enough to be killed half-way
		cmd.addAll(List.of("--diameter", "11", "--frames-per-task", "5", "--output", out.toString()));
		cmd.add(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
		final Path err = Files.createTempFile("killed-", ".txt");
		final Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
		final long deadline = System.nanoTime() + 120_000_000_000L;
		while (!hasTaskOutput(out) && p.isAlive() && System.nanoTime() < deadline)
			Thread.sleep(50);
		assertTrue(hasTaskOutput(out), "the job should have written task output");
		p.destroy(); // SIGTERM, as scancel or bkill send
		assertTrue(p.waitFor(60, TimeUnit.SECONDS));
		final String stderr = Files.readString(err);
		Files.delete(err);
		assertEquals("parallel-locate-spark: error: stopped before the output was committed: nothing written to " + out, stderr.strip(),
			"one line");
		assertFalse(Files.exists(out), "no output directory: " + (Files.exists(out) ? SparkRuns.list(out) : ""));
		assertEquals(List.of(), SparkRuns.list(tmp), "nothing left");
	}

	/** Whether Spark's committer has task output (a part file) under the output's {@code _temporary}. */
	private static boolean hasTaskOutput(final Path out) throws IOException {
		if (!Files.isDirectory(out.resolve("_temporary")))
			return false;
		try (Stream<Path> s = Files.walk(out.resolve("_temporary"))) {
			return s.anyMatch(f -> f.getFileName().toString().startsWith("part-"));
		}
		catch (final IOException | java.io.UncheckedIOException e) {
			return false; // changing under our feet
		}
	}

	@Test
	void clusterJarCarriesNoSparkOrHadoopAndRunsOnSparksClassPath() throws Exception {
		try (ZipFile jar = new ZipFile(property("spark.cluster.jar").toFile())) {
			final List<String> foreign = jar.stream().map(e -> e.getName())
				.filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("org/apache/hadoop/") || n.startsWith("scala/")).limit(3).toList();
			assertEquals(List.of(), foreign, "Spark, Hadoop and Scala are the cluster's");
		}
		final String input = SharedData.file("data/image_sequence").toString();
		final Path out = tmp.resolve("cluster-out");
		final String sparkClassPath = Files.readString(property("spark.classpath.file")).trim();
		final List<String> cmd = new ArrayList<>(Arrays.asList(System.getProperty("spark.java17.argLine").split(" ")));
		cmd.addAll(List.of("-Dspark.master=local[2]", "-cp", property("spark.cluster.jar") + java.io.File.pathSeparator + sparkClassPath,
			LocateSpark.class.getName()));
		cmd.addAll(args(input, out));
		final Run r = SparkRuns.java(cmd, tmp);
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains(" in 5 of 5 frames (5 tasks on local[2])"), r.err());
		assertEquals(expected(input), csv(out));
	}
}
