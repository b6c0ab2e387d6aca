package io.github.parallellocate.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs of the Spark front door (in-process or as a jar) and of the in-process engine, for comparison. */
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
		final Path errFile = workDir.resolve("stderr-" + System.nanoTime() + ".txt");
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
	 * in this process) writes for the same arguments.
	 */
	static String cliCsv(final Path workDir, final String... args) throws IOException {
		final Path out = Files.createTempFile(workDir, "cli", ".csv");
		Files.delete(out);
		final List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--output", out.toString()));
		final Run r = cli(all.toArray(String[]::new));
		if (r.code() != 0)
			throw new IllegalStateException("command line failed (" + r.code() + "): " + r.err());
		final String csv = Files.readString(out);
		Files.delete(out);
		return csv;
	}

	/** The command line ({@code io.github.parallellocate.cli.Main}) in this process. */
	static Run cli(final String... args) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = io.github.parallellocate.cli.Main.run(args, OutputStream.nullOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, err.toString(StandardCharsets.UTF_8));
	}

	/** Names of the entries of a directory (hidden ones included). */
	static List<String> list(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
