package io.github.parallellocate.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.parallellocate.cli.Main;

/**
 * The command line's first run in a fresh JVM against the same run warm, in
 * process: {@link Main#run} (parsing, opening, reading, locating and writing
 * the CSV to a file), first in this fresh JVM, then {@code --rounds} times
 * more; wall and CPU time of each, and the first run's CPU by JVM thread.
 * The JVM's own start (some 50 ms to {@code main}) is not included.
 * <pre>
 * java -cp TEST_CLASSPATH io.github.parallellocate.bench.CliFirstRun [--rounds 5] -- INPUT... --diameter 11 --invert --minmass 20 [--threads 1]
 * </pre>
 */
public final class CliFirstRun {

	private CliFirstRun() {}

	public static void main(final String[] args) throws Exception {
		int rounds = 5;
		int i = 0;
		for (; i < args.length && !args[i].equals("--"); i++)
			if (args[i].equals("--rounds"))
				rounds = Integer.parseInt(args[++i]);
		final List<String> cli = new ArrayList<>(Arrays.asList(args).subList(Math.min(i + 1, args.length), args.length));
		final Path out = Files.createTempFile("cli-first-run", ".csv");
		cli.addAll(List.of("--output", out.toString(), "--overwrite"));
		final String[] a = cli.toArray(new String[0]);
		final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
		final Map<String, Long> before = ThreadCpu.byKind();
		long c0 = Benchmark.processCpuNanos();
		long t0 = System.nanoTime();
		int code = Main.run(a, OutputStream.nullOutputStream(), quiet);
		final long firstWall = System.nanoTime() - t0, firstCpu = Benchmark.processCpuNanos() - c0;
		final Map<String, Long> after = ThreadCpu.byKind();
		if (code != 0)
			throw new IllegalStateException("the command line ended with status " + code);
		final long rows = Files.lines(out).count() - 1;
		final long[] wall = new long[rounds], cpu = new long[rounds];
		for (int r = 0; r < rounds; r++) {
			c0 = Benchmark.processCpuNanos();
			t0 = System.nanoTime();
			code = Main.run(a, OutputStream.nullOutputStream(), quiet);
			wall[r] = System.nanoTime() - t0;
			cpu[r] = Benchmark.processCpuNanos() - c0;
		}
		Files.deleteIfExists(out);
		final double warmWall = Benchmark.median(wall) / 1e6, warmCpu = Benchmark.median(cpu) / 1e6;
		System.out.printf(Locale.ROOT, "command line in process (%d rows): first run %.0f ms (CPU %.0f ms), warm median %.0f ms (CPU %.0f ms);"
			+ " first/warm %.2f (CPU %.2f)%n", rows, firstWall / 1e6, firstCpu / 1e6, warmWall, warmCpu, firstWall / 1e6 / warmWall,
			firstCpu / 1e6 / warmCpu);
		System.out.println("  first run's CPU by JVM thread: " + ThreadCpu.difference(before, after, firstCpu));
		System.out.printf(Locale.ROOT, "RESULT-CLI-FIRST\t%.1f\t%.1f\t%.1f\t%.1f%n", firstWall / 1e6, firstCpu / 1e6, warmWall, warmCpu);
	}
}
