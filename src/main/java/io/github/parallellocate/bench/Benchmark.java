package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.StageTimes;
import io.github.parallellocate.parallel.ArrayPlaneSource;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.RunSummary;

/**
 * The project's speed benchmark: warm JVM, in-process, bulk water frames,
 * {@code diameter=11, invert, minmass=20}. Prints ms/frame for 1..N threads,
 * the per-stage breakdown and the parallel efficiency.
 * <pre>
 * java -cp target/parallel-locate-cli.jar io.github.parallellocate.bench.Benchmark [TIFF] [--rounds R] [--threads N]
 * </pre>
 */
public final class Benchmark {

	private Benchmark() {}

	public static void main(final String[] args) throws Exception {
		String tif = "../shared/data/bulk_water_red_50.tif";
		int rounds = 10;
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
		final List<Plane> planes = load(path);
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(20.).build();
		System.out.printf(Locale.ROOT, "Parallel Locate benchmark: %s, %d frames %dx%d, %s%n", path.getFileName(), planes.size(),
			planes.get(0).width(), planes.get(0).height(), p);
		System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
			System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
		// Warm-up: let the JIT compile every path (at least 3 s, on every thread count).
		final long warmEnd = System.nanoTime() + 3_000_000_000L;
		while (System.nanoTime() < warmEnd)
			for (int t = 1; t <= maxThreads; t++)
				run(p, planes, t);
		double oneThread = 0;
		for (int t = 1; t <= maxThreads; t++) {
			RunSummary best = null;
			for (int r = 0; r < rounds; r++) {
				final RunSummary s = run(p, planes, t);
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

	private static RunSummary run(final LocateParameters p, final List<Plane> planes, final int threads) throws Exception {
		return new LocateEngine(p).threads(threads).timeStages(true).run(new ArrayPlaneSource(planes), (f, l) -> {});
	}

	private static List<Plane> load(final Path path) throws IOException {
		final ImagePlus imp = IJ.openImage(path.toString());
		if (imp == null)
			throw new IOException("cannot open " + path);
		final ImageStack st = imp.getStack();
		final List<Plane> planes = new ArrayList<>();
		for (int i = 1; i <= st.getSize(); i++)
			planes.add(Plane.of(st.getPixels(i), st.getWidth(), st.getHeight()));
		return planes;
	}
}
