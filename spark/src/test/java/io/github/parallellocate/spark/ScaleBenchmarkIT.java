package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.testutil.SharedData;

/**
 * docs/spark.md's figures: frames/s of Spark {@code local[1]} and
 * {@code local[2]} (the library entry point; rows computed and dropped by
 * Spark's {@code noop} writer, and written as Parquet) against the in-process
 * engine on 1 and 2 threads, on a 300-frame stack (the 50 bulk water frames
 * six times), and Spark's fixed start-up cost. Not a test: runs only with
 * {@code -Dbenchmark=true}:
 * <pre>mvn -f spark/pom.xml verify -Dbenchmark=true -Dit.test=ScaleBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ScaleBenchmarkIT {

	private static final int ROUNDS = 3;
	private static final int WARM_UP = 2;
	private static final int FRAMES = 300;

	@TempDir
	Path tmp;

	@Test
	void benchmark() throws Exception {
		assumeTrue(Boolean.getBoolean("benchmark"), "benchmark: run with -Dbenchmark=true");
		final Path movie = stack300();
		final LocateParameters params = LocateParameters.builder(11).invert(true).minmass(20.).build();
		final StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d frames, %d cores, load %.1f%n", FRAMES,
			Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		for (final int threads : new int[] { 1, 2 }) {
			double best = Double.MAX_VALUE;
			for (int r = 0; r < WARM_UP + ROUNDS; r++) {
				final long t0 = System.nanoTime();
				final long[] n = new long[1];
				new LocateEngine(params).threads(threads).run(FileFrameSource.open(List.of(movie.toString()), Channel.NONE), (f, l) -> n[0] += l.size());
				if (r >= WARM_UP)
					best = Math.min(best, (System.nanoTime() - t0) / 1e9);
				assertEquals(6 * 29325, n[0]);
			}
			report.append(String.format(Locale.ROOT, "engine, %d thread(s): best %.2f s, %.1f frames/s%n", threads, best, FRAMES / best));
		}
		SparkRuns.useLocalSpark();
		for (final int cores : new int[] { 1, 2 }) {
			System.setProperty("spark.master", "local[" + cores + "]");
			final long start = System.nanoTime();
			final SparkSession spark = SparkSession.builder().config(LocateSpark.conf()).getOrCreate();
			try {
				spark.sparkContext().setLogLevel("WARN");
				final double startup = (System.nanoTime() - start) / 1e9;
				double best = Double.MAX_VALUE, bestParquet = Double.MAX_VALUE, first = 0;
				for (int r = 0; r < WARM_UP + ROUNDS; r++) {
					long t0 = System.nanoTime();
					final ParallelLocateSpark locate = new ParallelLocateSpark(spark);
					Dataset<Row> features = locate.locate(List.of(movie.toUri().toString()), params);
					features.write().format("noop").mode("overwrite").save();
					final double noop = (System.nanoTime() - t0) / 1e9;
					assertEquals(6 * 29325, locate.summary().features());
					t0 = System.nanoTime();
					features = new ParallelLocateSpark(spark).locate(List.of(movie.toUri().toString()), params);
					final Path out = tmp.resolve("parquet-" + cores + "-" + r);
					features.write().parquet(out.toUri().toString());
					final double parquet = (System.nanoTime() - t0) / 1e9;
					if (r == 0)
						first = noop;
					if (r >= WARM_UP) {
						best = Math.min(best, noop);
						bestParquet = Math.min(bestParquet, parquet);
					}
				}
				report.append(String.format(Locale.ROOT,
					"spark local[%d]: session %.2f s, first job %.2f s; best %.2f s, %.1f frames/s (rows dropped); %.2f s, %.1f frames/s to Parquet%n",
					cores, startup, first, best, FRAMES / best, bestParquet, FRAMES / bestParquet));
			}
			finally {
				spark.stop();
			}
		}
		System.out.print(report);
		Files.writeString(Path.of(System.getProperty("user.dir"), "target", "scale-benchmark.txt"), report.toString());
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
