package io.github.parallellocate.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;

import io.github.parallellocate.testutil.FeatureTable;

/** Runs of the Spark front door (in-process or as a jar) and of the command line, for comparison. */
final class SparkRuns {

	private SparkRuns() {}

	/** Exit code and standard error of a run. */
	record Run(int code, String err) {}

	/** Local mode as the tests want it: 2 cores, loopback only, no UI. */
	static void useLocalSpark() {
		System.setProperty("spark.master", "local[2]");
		System.setProperty("spark.ui.enabled", "false");
		System.setProperty("spark.driver.host", "127.0.0.1");
		System.setProperty("spark.driver.bindAddress", "127.0.0.1");
		System.setProperty("spark.sql.shuffle.partitions", "2");
	}

	/** {@link LocateSpark} in this JVM. */
	static Run inProcess(final String... args) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = LocateSpark.run(new PrintStream(err, true, StandardCharsets.UTF_8), args);
		final Run r = new Run(code, err.toString(StandardCharsets.UTF_8));
		System.out.print(r.err());
		return r;
	}

	/** {@code java [jvmArgs] ARGS} in a fresh JVM, standard error captured. */
	static Run java(final List<String> javaArgs, final Path workDir) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		cmd.addAll(javaArgs);
		final Path errFile = Files.createTempFile("stderr-", ".txt");
		final Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(false)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile()).start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new IllegalStateException("timed out: " + cmd);
		}
		final Run r = new Run(p.exitValue(), Files.readString(errFile));
		Files.delete(errFile);
		System.out.print(r.err());
		return r;
	}

	/**
	 * The CSV that the command line ({@code io.github.parallellocate.cli.Main},
	 * in this process) writes for the same arguments: the reference the Spark
	 * job's rows are compared with (the test only: the Spark front door does
	 * not depend on the command line).
	 */
	static String cliCsv(final Path workDir, final String... args) throws IOException {
		final Path out = Files.createTempFile(workDir, "cli", ".csv");
		Files.delete(out);
		final List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--output", out.toString()));
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = io.github.parallellocate.cli.Main.run(all.toArray(String[]::new), OutputStream.nullOutputStream(),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		if (code != 0)
			throw new IllegalStateException("command line failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
		final String csv = Files.readString(out);
		Files.delete(out);
		return csv;
	}

	/** Rows of the 2D columns (y, x, mass, size, ecc, signal, raw_mass, ep, frame) as a table for {@code Parity}. */
	static FeatureTable table(final List<Row> rows) {
		final FeatureTable t = new FeatureTable();
		for (final Row r : rows) {
			final double[] v = new double[FeatureTable.COLUMNS.length];
			for (int c = 0; c < v.length; c++)
				v[c] = r.getDouble(r.fieldIndex(FeatureTable.COLUMNS[c]));
			t.add((int) r.getLong(r.fieldIndex(ParallelLocateSpark.FRAME)), v);
		}
		return t;
	}

	/** Names of the entries of a directory (hidden ones included). */
	static List<String> list(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
