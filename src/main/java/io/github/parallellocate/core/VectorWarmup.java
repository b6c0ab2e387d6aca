package io.github.parallellocate.core;

import java.util.Random;

/**
 * Gets the Vector API kernels compiled before a run uses them: called once
 * a JVM on a daemon thread ({@link Simd#prepare()}), a second after the first
 * locator is made and once the JIT is quiet, it calls every kernel
 * of {@link VectorRows} and {@link VectorMaxima3d} on small synthetic rows
 * until its time per call stops improving (C2 has compiled it). Until then
 * locators use the scalar kernels (the same results): before C2's
 * intrinsics, Vector API code runs 10&ndash;100 times slower than scalar
 * code, and a fresh JVM's first images would pay for it (measured: 50
 * bulk-water frames 0.48 s with the scalar kernels, 1.43 s with the vector
 * kernels used from the first frame).
 */
final class VectorWarmup {

	/** Calls a batch. */
	private static final int BATCH = 200;
	/** Calls at least, whatever the times (the JIT's thresholds are below). */
	private static final int LEAST = 4000;
	/** Steady: this many batches without a 10% gain on the best. */
	private static final int STEADY = 4;
	/** The longest one kernel is warmed. */
	private static final long MAX_NANOS = 800_000_000L;

	private VectorWarmup() {}

	/**
	 * Waits until the JIT compilers have been quiet for {@code quietMillis}
	 * (the run's scalar code compiled first: on a 2-core machine the vector
	 * kernels' compilations would otherwise delay it), at most {@code
	 * maxMillis}.
	 */
	static void awaitQuietCompilers(final long quietMillis, final long maxMillis) throws InterruptedException {
		final java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
		final long end = System.nanoTime() + maxMillis * 1_000_000L;
		if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
			Thread.sleep(Math.min(maxMillis, 4 * quietMillis));
			return;
		}
		long last = jit.getTotalCompilationTime(), since = System.nanoTime();
		while (System.nanoTime() < end) {
			Thread.sleep(10);
			final long c = jit.getTotalCompilationTime();
			if (c != last) {
				last = c;
				since = System.nanoTime();
			}
			else if (System.nanoTime() - since >= quietMillis * 1_000_000L) {
				return;
			}
		}
	}

	/** How long a run goes on the scalar kernels before the warm-up starts (a short run never pays for it). */
	static final long DELAY_MILLIS = 1000;

	static void run() throws InterruptedException {
		// a run of a second or less ends on the scalar kernels: the warm-up's CPU and compilations would only slow it
		Thread.sleep(DELAY_MILLIS);
		awaitQuietCompilers(150, 3000);
		final int w = 64, rows = 9;
		final Random rnd = new Random(42);
		final int[] ints = new int[w * 2];
		final byte[] bytes = new byte[w * 2];
		final short[] shorts = new short[w * 2];
		for (int i = 0; i < ints.length; i++) {
			ints[i] = rnd.nextInt(256) * (rnd.nextInt(3) == 0 ? 0 : 1);
			bytes[i] = (byte) rnd.nextInt(256);
			shorts[i] = (short) rnd.nextInt(65536);
		}
		final double[][] t = new double[rows][w];
		for (final double[] r : t)
			for (int x = 0; x < w; x++)
				r[x] = rnd.nextInt(256);
		final double[] k9 = Bandpass.gaussianKernel(1, 4), k13 = Bandpass.gaussianKernel(1.5, 4);
		final double[][] t13 = new double[13][];
		for (int i = 0; i < 13; i++)
			t13[i] = t[i % rows];
		final double[] out = new double[w + 32], pad = new double[w + 32], bg = new double[w];
		for (int x = 0; x < pad.length; x++)
			pad[x] = rnd.nextInt(256);
		final int s = 11;
		final double[][] levels = new double[VectorRows.levels()][w + s];
		final int[] img = new int[w + 16];
		final long[] bits = new long[2];
		// a small volume for the 3D maxima
		final int vw = 24, vh = 16, vd = 6;
		final int[] vol = new int[vw * vh * vd];
		for (int i = 0; i < vol.length; i++)
			vol[i] = rnd.nextInt(50);
		final VectorMaxima3d.Scratch scratch = new VectorMaxima3d.Scratch();
		final int[] lo = { 2, 4, 4 }, hi = { 2, 4, 4 };

		warm(() -> VectorRows.toDoubles(bytes, 1, out, w, false));
		warm(() -> VectorRows.toDoubles(bytes, 1, out, w, true));
		warm(() -> VectorRows.toDoubles(shorts, 1, out, w, false));
		warm(() -> VectorRows.toDoubles(shorts, 1, out, w, true));
		warm(() -> VectorRows.correlateRows(out, 4, w, t, k9));
		warm(() -> VectorRows.correlateRows(out, 6, w, t13, k13));
		warm(() -> VectorRows.correlateAlong(pad, k9, out, w));
		warm(() -> VectorRows.correlateAlong(pad, k13, out, w));
		warm(() -> VectorRows.nearestBoxSums(pad, s, out, levels, bg, w));
		warm(() -> VectorRows.subtractAndThreshold(pad, bg, 1., out, 3, w));
		warm(() -> VectorRows.quantize(pad, 2, 0.7, img, 0, w));
		warm(() -> VectorRows.nonZeroBits(ints, 5, w, bits, 0));
		final Histogram window = new Histogram();
		warm(() -> {
			window.reset(65535, 40, 200);
			window.countWindow(ints, 5, w, bits, 0);
		});
		warm(() -> VectorMaxima3d.find(vol, vw, vh, vd, lo, hi, 20, 0, vd, 0, vh, 0, vw - 1, scratch));
	}

	/** Calls {@code kernel} in batches until its time per batch is steady. */
	private static void warm(final Runnable kernel) {
		final long start = System.nanoTime();
		long best = Long.MAX_VALUE;
		int calls = 0, quiet = 0;
		while (System.nanoTime() - start < MAX_NANOS) {
			final long t0 = System.nanoTime();
			for (int i = 0; i < BATCH; i++)
				kernel.run();
			final long t = System.nanoTime() - t0;
			calls += BATCH;
			if (t < 0.9 * best)
				quiet = 0;
			else
				quiet++;
			best = Math.min(best, t);
			if (calls >= LEAST && quiet >= STEADY)
				return;
		}
	}
}
