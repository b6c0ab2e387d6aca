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
 * <p>
 * Why the command line's first run is not within 2&times; of warm (issue 15),
 * measured on the bulk-water movie (50 frames, 29,325 rows), Java 17, 2
 * cores: the run in a fresh JVM costs 0.9&ndash;1.2 s of CPU against
 * 0.3&ndash;0.4 s warm. Class loading is not the cost: the JVM reaches
 * {@code main} in ~50 ms and the first frame's classes are loaded ~0.1 s
 * later (some 80 classes of ours and 80 of the JDK's outside its default CDS
 * archive; no ImageIO registry scan for TIFFs, no picocli for a plain
 * command line). The cost is the JIT: for the first 50 frames the C2
 * compiler alone spends 300&ndash;450 ms of CPU compiling some 35 hot methods
 * of ours (15 of them twice, on-stack replacement and whole), C1 another
 * 60&ndash;100 ms, and until C2's code arrives (frames 1&ndash;10, partly to
 * frame 50) the frames run in the interpreter and C1's profiling code,
 * 5&ndash;50 times slower. C2's own work is already about as much CPU as
 * the whole warm run, so no arrangement of a Java 17 first run gets within
 * 2&times; in CPU; only compiled code or profiles kept across JVMs would (the
 * AOT cache of newer Java versions, JEP 483 and 515, not Java 17).
 * </p>
 * <p>
 * Tried, with the benchmark's {@code --first-run} (1 thread, CPU of the
 * first run / wall), on a loaded shared machine: an AppCDS archive of the
 * command line's classes ({@code -XX:SharedArchiveFile}, which Java 17 needs
 * on the command line): no measurable change (user CPU of the whole command
 * 1.05&ndash;1.29 s with and without); C1 only
 * ({@code -XX:TieredStopAtLevel=1}): first run no faster (0.88&ndash;1.06 s)
 * and warm 4&times; slower; C2 only ({@code -XX:-TieredCompilation}): slower
 * (1.16&ndash;1.37 s); more compiler threads ({@code -XX:CICompilerCount=4}):
 * no change on 2 cores; lower tier thresholds: 0.53 and 1.27 s, no
 * consistent gain. None of these could be set by the jar itself anyway (a
 * relaunch would cost a second JVM start). A warm-up on synthetic images
 * alongside the first run ({@code Benchmark --warmup-alongside}) costs
 * 400&ndash;600 ms more CPU and is not faster: it competes for the cores with
 * the run and the compilers. What helps is warming before the run, while a
 * user is in the plugin's dialog ({@code core.Warmup}); the command line has
 * no such idle time, and over a long movie its fixed ~0.7 s is amortised.
 * </p>
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
