package io.github.parallellocate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The result of running the command line (in-process or as a process): exit status, stdout bytes, stderr text. */
record CliRun(int exitCode, byte[] stdout, String stderr) {

	/** Runs {@link Main} in-process with captured streams. */
	static CliRun inProcess(final List<String> args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code;
		try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			code = Main.run(args.toArray(new String[0]), out, errStream);
		}
		return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
	}

	String stdoutText() {
		return new String(stdout, StandardCharsets.UTF_8);
	}

	/** stderr split into lines. */
	List<String> stderrLines() {
		return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
	}

	@Override
	public String toString() {
		return "exit " + exitCode + ", stderr: " + stderr;
	}
}
