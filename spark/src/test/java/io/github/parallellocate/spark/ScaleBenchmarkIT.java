package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import picocli.CommandLine;
import io.github.parallellocate.cli.TrackpyOptions;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.testutil.SharedData;

/**
 * The README's figures: frames/s of Spark {@code local[1]} and {@code local[2]}
 * against the in-process engine on 1 and 2 threads, on a 300-frame stack (the
 * 50 bulk water frames six times), and Spark's fixed start-up cost. Not a
 * test: runs only with {@code -Dbenchmark=true}:
 * <pre>mvn -f spark/pom.xml verify -Dbenchmark=true -Dit.test=ScaleBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ScaleBenchmarkIT {

	private static final int ROUNDS = 5;
	private static final int WARM_UP = 2;

	@TempDir
	Path tmp;

	@Test
	void benchmark() throws Exception {
		assumeTrue(Boolean.getBoolean("benchmark"), "benchmark: run with -Dbenchmark=true");
		final Path movie = stack300();
		final LocateParameters params = LocateParameters.builder(11).invert(true).minmass(20.).build();
		final TrackpyOptions options = new TrackpyOptions();
		new CommandLine(options).parseArgs("--diameter", "11", "--invert", "--minmass", "20");
		final FileFrameList frames = FileFrameList.open(List.of(movie.toString()), Channel.NONE);
		final StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d frames, %d cores, load %.1f%n", frames.size(),
			Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		for (final int threads : new int[] { 1, 2 }) {
			double best = Double.MAX_VALUE;
			double cpu = Double.MAX_VALUE;
			for (int r = 0; r < WARM_UP + ROUNDS; r++) {
				final long t0 = System.nanoTime();
				final double c0 = cpuSeconds();
				final long[] n = new long[1];
				new LocateEngine(params).threads(threads).run(FileFrameSource.open(List.of(movie.toString()), Channel.NONE), (f, l) -> n[0] += l.size());
				if (r >= WARM_UP) {
					best = Math.min(best, (System.nanoTime() - t0) / 1e9);
					cpu = Math.min(cpu, cpuSeconds() - c0);
				}
				assertEquals(6 * 29325, n[0]);
			}
			report.append(String.format(Locale.ROOT, "engine, %d thread(s): best %.2f s, %.1f frames/s; %.2f CPU s, %.1f frames per CPU s%n", threads,
				best, 300 / best, cpu, 300 / cpu));
		}
		SparkRuns.useLocalSpark();
		for (final int cores : new int[] { 1, 2 }) {
			System.setProperty("spark.master", "local[" + cores + "]");
			final long start = System.nanoTime();
			try (JavaSparkContext sc = new JavaSparkContext(LocateSpark.conf())) {
				sc.setLogLevel("WARN");
				final double startup = (System.nanoTime() - start) / 1e9;
				double best = Double.MAX_VALUE;
				double cpu = Double.MAX_VALUE;
				double first = 0;
				for (int r = 0; r < WARM_UP + ROUNDS; r++) {
					final Path out = tmp.resolve("spark-" + cores + "-" + r + ".csv");
					final double c0 = cpuSeconds();
					final SparkLocateJob.Summary s = new SparkLocateJob(options).run(sc, frames, out, false);
					assertEquals(6 * 29325, s.features());
					if (r == 0)
						first = s.nanos() / 1e9;
					if (r >= WARM_UP) {
						cpu = Math.min(cpu, cpuSeconds() - c0);
						best = Math.min(best, s.nanos() / 1e9);
					}
					Files.delete(out);
				}
				report.append(String.format(Locale.ROOT,
					"spark local[%d]: context %.2f s, first job %.2f s, best %.2f s, %.1f frames/s; %.2f CPU s, %.1f frames per CPU s%n", cores,
					startup, first, best, 300 / best, cpu, 300 / cpu));
				if (cores == 1)
					report.append(perTaskOverhead(sc, options, frames));
			}
		}
		System.out.print(report);
		Files.writeString(Path.of(System.getProperty("user.dir"), "target", "scale-benchmark.txt"), report.toString());
	}

	/** Per-task cost: the same frames cut into tasks of 1, 8, 32, 100 and 300 frames, rounds interleaved. */
	private String perTaskOverhead(final JavaSparkContext sc, final TrackpyOptions options, final FrameList frames) throws Exception {
		final int[] perTask = { 1, 8, 32, 100, 300 };
		final double[] best = new double[perTask.length];
		final double[] cpu = new double[perTask.length];
		java.util.Arrays.fill(best, Double.MAX_VALUE);
		java.util.Arrays.fill(cpu, Double.MAX_VALUE);
		for (int r = 0; r < ROUNDS; r++)
			for (int k = 0; k < perTask.length; k++) {
				final Path out = tmp.resolve("overhead.csv");
				final double c0 = cpuSeconds();
				best[k] = Math.min(best[k], new SparkLocateJob(options).framesPerTask(perTask[k]).run(sc, frames, out, false).nanos() / 1e9);
				cpu[k] = Math.min(cpu[k], cpuSeconds() - c0);
				Files.delete(out);
			}
		final StringBuilder sb = new StringBuilder();
		for (int k = 0; k < perTask.length; k++)
			sb.append(String.format(Locale.ROOT, "  local[1], %d frames per task (%d tasks): %.2f s, %.1f frames/s (%.2f CPU s)%n", perTask[k],
				(300 + perTask[k] - 1) / perTask[k], best[k], 300 / best[k], cpu[k]));
		sb.append(String.format(Locale.ROOT, "  per task: %.1f ms (%.1f CPU ms)%n", (best[0] - best[4]) * 1000 / 299, (cpu[0] - cpu[4]) * 1000 / 299));
		return sb.toString();
	}

	/** CPU time of this process (all threads: Spark's and ours). */
	private static double cpuSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
			/ 1e9;
	}

	/** The 50 shared frames six times, as one 8-bit TIFF. */
	private Path stack300() {
		final ImagePlus bw = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final ImageStack in = bw.getStack();
		final ImageStack out = new ImageStack(in.getWidth(), in.getHeight());
		for (int copy = 0; copy < 6; copy++)
			for (int i = 1; i <= in.getSize(); i++)
				out.addSlice(in.getProcessor(i));
		final Path p = tmp.resolve("bulk_water_300.tif");
		IJ.saveAsTiff(new ImagePlus("bulk_water_300", out), p.toString());
		return p;
	}
}
