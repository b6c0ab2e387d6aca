package io.github.parallellocate.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FeatureCsv;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.LocateEngine;

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
	 * The CSV of the same input located in this process by the engine on all
	 * cores, written the way every front door writes it.
	 */
	static String engineCsv(final List<String> inputs, final Channel channel, final LocateParameters params) throws Exception {
		final StringWriter out = new StringWriter();
		out.write(FeatureCsv.header(params.characterize()) + "\n");
		new LocateEngine(params).run(FileFrameSource.open(inputs, channel),
			(frame, features) -> FeatureCsv.writeFrame(out, frame, features, params.characterize()));
		return out.toString();
	}

	/** Names of the entries of a directory (hidden ones included). */
	static List<String> list(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}
}
