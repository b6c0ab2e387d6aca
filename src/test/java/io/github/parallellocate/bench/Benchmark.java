package io.github.parallellocate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.StageTimes;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;
import io.github.parallellocate.parallel.RunSummary;


/**
 * The project's speed benchmark: warm JVM, in-process, bulk water frames,
 * {@code diameter=11, invert, minmass=20}. Prints ms/frame for 1..N threads,
 * the per-stage breakdown and the parallel efficiency. Planes are read by
 * the workers from the TIFF on disk (one page at a time, as the command line
 * does; the file is in the page cache after the warm-up), so I/O is part of
 * the figures.
 * <pre>
 * java -cp target/parallel-locate-cli.jar io.github.parallellocate.bench.Benchmark [TIFF] [--rounds R] [--threads N]
 * </pre>
 * Each figure is the best of R rounds (default 30: on a shared or virtual
 * machine single rounds vary by 10-20%).
 */
public final class Benchmark {

	private Benchmark() {}

	public static void main(final String[] args) throws Exception {
		String tif = "../shared/data/bulk_water_red_50.tif";
		int rounds = 30;
		int maxThreads = Runtime.getRuntime().availableProcessors();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--rounds": rounds = Integer.parseInt(args[++i]); break;
				case "--threads": maxThreads = Integer.parseInt(args[++i]); break;
				default: tif = args[i];
			}
		}
		final Path path = Paths.get(tif);
		if (!Files.isRegularFile(path)) {
			System.err.println("benchmark: error: " + tif + " not found (pass the bulk water TIFF from ../shared/data)");
			System.exit(2);
		}
		final FileFrameSource source = FileFrameSource.open(List.of(path.toString()), Channel.NONE);
		final Plane plane0;
		try (PlaneReader reader = source.newReader()) {
			plane0 = reader.read(0).asPlane();
		}
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(20.).build();
		System.out.printf(Locale.ROOT, "Parallel Locate benchmark: %s, %d frames %dx%d, %s%n", path.getFileName(), source.size(),
			plane0.width(), plane0.height(), p);
		System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
			System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
		// Warm-up: let the JIT compile every path (at least 3 s, on every thread count).
		final long warmEnd = System.nanoTime() + 3_000_000_000L;
		while (System.nanoTime() < warmEnd)
			for (int t = 1; t <= maxThreads; t++)
				run(p, source, t);
		double oneThread = 0;
		for (int t = 1; t <= maxThreads; t++) {
			RunSummary best = null;
			for (int r = 0; r < rounds; r++) {
				final RunSummary s = run(p, source, t);
				if (best == null || s.nanos() < best.nanos())
					best = s;
			}
			final double ms = best.nanos() / 1e6 / best.located();
			if (t == 1)
				oneThread = ms;
			System.out.printf(Locale.ROOT, "threads %d: %.3f ms/frame (%.0f frames/s), speed-up %.2fx, efficiency %.0f%%, %d features%n", t, ms,
				1000 / ms, oneThread / ms, 100 * oneThread / ms / t, best.features());
			if (t == 1) {
				final StageTimes st = best.stageTimes();
				final double f = st.frames();
				for (final StageTimes.Stage s : StageTimes.Stage.values())
					System.out.printf(Locale.ROOT, "  %-8s %.3f ms/frame%n", s.name().toLowerCase(Locale.ROOT), st.nanos(s) / 1e6 / f);
			}
		}
	}

	private static RunSummary run(final LocateParameters p, final PlaneSource source, final int threads) throws Exception {
		return new LocateEngine(p).threads(threads).timeStages(true).run(source, (f, l) -> {});
	}

}
