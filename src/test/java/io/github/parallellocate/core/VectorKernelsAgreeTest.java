package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * The band pass's vector kernels ({@link VectorRows}, when the JVM has the
 * Vector API) give the scalar kernels' integer image, scale, counts and
 * non-zero bits bit for bit: random 8-bit, 16-bit and float planes of odd and
 * tiny sizes, every kind of noise and smoothing size, with and without a
 * reused locator, and every kernel against a plain loop.
 */
class VectorKernelsAgreeTest {

	@Test
	void theTestJvmHasTheVectorKernels() {
		// surefire starts the tests with --add-modules jdk.incubator.vector: the vector path is the one the suites check
		// (the scalar-kernels execution runs them again with -Dparallellocate.vector=false)
		if (!"false".equals(System.getProperty(Simd.PROPERTY)))
			assertTrue(Simd.enabled(), Simd.describe());
	}

	@BeforeEach
	void needsTheVectorKernels(final TestInfo test) {
		if (!test.getTestMethod().get().getName().equals("theTestJvmHasTheVectorKernels"))
			assumeTrue(Simd.enabled(), Simd.describe());
	}

	@Test
	void theWarmUpCompilesEveryKernelAndEnds() throws InterruptedException {
		// the daemon thread that gets the kernels compiled before locators switch to them (without eager)
		assertTrue(Simd.awaitReady(60_000), "the vector kernels' warm-up ended");
		assertTrue(Simd.useVector());
	}

	@Test
	void vectorAndScalarBandPassesGiveTheSameImage() {
		final Random rnd = new Random(20261201);
		for (int round = 0; round < 400; round++) {
			final int w = 1 + rnd.nextInt(round < 100 ? 24 : 300), h = 1 + rnd.nextInt(round < 100 ? 24 : 120);
			final int kind = rnd.nextInt(3);
			final Object px = pixels(rnd, kind, w * h);
			int diameter = 1 + 2 * rnd.nextInt(12);
			final LocateParameters.Builder b = LocateParameters.builder(diameter).invert(rnd.nextInt(4) == 0);
			if (rnd.nextBoolean())
				b.noiseSize(rnd.nextInt(5) == 0 ? 0 : 0.3 + rnd.nextDouble() * 3);
			if (rnd.nextBoolean())
				b.smoothingSize(1 + rnd.nextInt(40));
			if (rnd.nextInt(3) == 0)
				b.threshold(rnd.nextDouble() * 20);
			final LocateParameters p;
			try {
				p = b.build();
			}
			catch (final IllegalArgumentException e) {
				continue; // noise size not below the smoothing size
			}
			final String what = round + ": " + w + "x" + h + " kind " + kind + " " + p.asText();
			final Bandpass vector = new Bandpass(p, true), scalar = new Bandpass(p, false);
			// twice, the second time on a reused locator after a wider plane
			for (int pass = 0; pass < 2; pass++) {
				if (pass == 1) {
					final int ww = w + 7 + rnd.nextInt(30);
					run(vector, pixels(rnd, kind, ww * h), ww, h, p);
					run(scalar, pixels(rnd, kind, ww * h), ww, h, p);
				}
				final Object[] a = run(vector, px, w, h, p), s = run(scalar, px, w, h, p);
				assertEquals((double) s[0], (double) a[0], what + ": scale");
				assertArrayEquals((int[]) s[1], (int[]) a[1], what + ": integer image");
				assertArrayEquals((int[]) s[2], (int[]) a[2], what + ": counts");
				assertArrayEquals((long[]) s[3], (long[]) a[3], what + ": non-zero bits");
			}
		}
	}

	@Test
	void vectorAndScalarVolumeBandPassesGiveTheSameResult() {
		final Random rnd = new Random(64);
		for (int round = 0; round < 60; round++) {
			final int w = 1 + rnd.nextInt(70), h = 1 + rnd.nextInt(30), d = 1 + rnd.nextInt(12);
			final boolean integer = rnd.nextInt(4) > 0;
			final double[][] kernels = new double[3][];
			final int[] smoothing = new int[3];
			for (int a = 0; a < 3; a++) {
				kernels[a] = rnd.nextInt(5) == 0 ? null : Bandpass.gaussianKernel(0.3 + rnd.nextDouble() * 2.5, 4.0);
				smoothing[a] = integer ? 1 + rnd.nextInt(25) : 1;
			}
			final Object[] slices = integer ? new Object[d] : null;
			final float[] rawF = integer ? null : new float[w * h * d];
			final int gamut = rnd.nextBoolean() ? 255 : 65535;
			for (int z = 0; z < d; z++) {
				if (!integer)
					continue;
				final Object px = pixels(rnd, gamut == 255 ? 0 : 1, w * h);
				slices[z] = px;
			}
			if (!integer)
				for (int i = 0; i < rawF.length; i++)
					rawF[i] = (float) (rnd.nextGaussian() * 30 + 100);
			final int[] offsets = new int[d];
			final boolean invert = integer && rnd.nextInt(4) == 0;
			final double threshold = integer ? 1 : 1 / 255.;
			final String what = round + ": " + w + "x" + h + "x" + d + " smoothing " + Arrays.toString(smoothing);
			final double[][] a = new double[d][w * h], b = new double[d][w * h];
			final double ma = new VolumeBandpass(kernels, smoothing, true).filter(slices, offsets, invert, rawF, null, gamut, threshold, w, h,
				d, a, Splitter.SERIAL, null);
			final double mb = new VolumeBandpass(kernels, smoothing, false).filter(slices, offsets, invert, rawF, null, gamut, threshold, w,
				h, d, b, Splitter.SERIAL, null);
			assertEquals(mb + 0., ma + 0., what + ": maximum");
			// the vector threshold gives 0.0 where the scalar one gives -0.0 (v * 0 for a negative v): equal as numbers,
			// and the same after the truncation to integers
			for (int z = 0; z < d; z++) {
				for (int i = 0; i < w * h; i++) {
					a[z][i] += 0.;
					b[z][i] += 0.;
				}
				assertArrayEquals(b[z], a[z], what + ": slice " + z);
			}
		}
	}

	@Test
	void kernelsAgreeWithPlainLoops() {
		final Random rnd = new Random(7);
		for (int round = 0; round < 300; round++) {
			final int w = 1 + rnd.nextInt(100);
			final double sigma = 0.2 + rnd.nextDouble() * 4;
			final double[] k = Bandpass.gaussianKernel(sigma, 4.0);
			final int lw = k.length / 2;
			final double[] p = new double[w + 2 * lw];
			for (int x = 0; x < w; x++)
				p[lw + x] = rnd.nextInt(70000) * (rnd.nextBoolean() ? 1 : 1.37);
			final double[] out = new double[w];
			VectorRows.correlateAlong(p, k, out, w);
			for (int x = 0; x < w; x++) {
				final int c = lw + x;
				double v = p[c] * k[lw];
				for (int j = lw; j >= 1; j--)
					v += (p[c - j] + p[c + j]) * k[lw - j];
				assertEquals(v, out[x], "correlation along, x " + x);
			}
			final double[][] rows = new double[2 * lw + 1][w];
			for (final double[] r : rows)
				for (int x = 0; x < w; x++)
					r[x] = rnd.nextInt(70000) * 0.731;
			final double[] vOut = new double[w + 3], sOut = new double[w];
			VectorRows.correlateRows(vOut, 3, w, rows, k);
			RowKernels.correlate(sOut, w, rows, k);
			assertArrayEquals(sOut, Arrays.copyOfRange(vOut, 3, w + 3), "correlation across rows");
			final int s = 1 + rnd.nextInt(80);
			final double[] q = new double[w + s - 1];
			for (int x = 0; x < q.length; x++)
				q[x] = rnd.nextInt(65536);
			final double[] sums = new double[w];
			final double[][] levels = new double[VectorRows.levels()][w + s];
			VectorRows.boxSums(q, s, levels, sums, w);
			for (int x = 0; x < w; x++) {
				double t = 0;
				for (int i = 0; i < s; i++)
					t += q[x + i];
				assertEquals(t, sums[x], "box sum of " + s + ", x " + x);
			}
			final int[] sparse = new int[w + 3];
			for (int x = 0; x < sparse.length; x++)
				sparse[x] = rnd.nextInt(3) == 0 ? rnd.nextInt(65536) : 0;
			final int words = (w + 63) / 64;
			final long[] vBits = new long[words + 1], sBits = new long[words + 1];
			final int zeros = VectorRows.nonZeroBits(sparse, 3, w, vBits, 1);
			final NonZeroBits nz = new NonZeroBits();
			nz.reset(w, 1);
			nz.packRow(sparse, 3, w, 0);
			System.arraycopy(nz.bits, 0, sBits, 1, words);
			assertArrayEquals(sBits, vBits, "non-zero bits");
			int z = 0;
			for (int x = 0; x < w; x++)
				z += sparse[3 + x] == 0 ? 1 : 0;
			assertEquals(z, zeros, "zeros");
			final int lo = 1 + rnd.nextInt(70000), hi = lo + rnd.nextInt(5000);
			final long[] window = new long[words], both = new long[words + 1];
			final long found = VectorRows.nonZeroAndWindowBits(sparse, 3, w, both, 1, lo, hi, window);
			assertArrayEquals(sBits, both, "non-zero bits beside the window's");
			assertEquals(zeros, (int) (found >>> 32), "zeros beside the window's bits");
			final int below = (int) found;
			int under = 0;
			for (int x = 0; x < w; x++) {
				final int v = sparse[3 + x];
				under += v > 0 && v < lo ? 1 : 0;
				assertEquals(v >= lo && v < hi, (window[x >>> 6] >>> (x & 63) & 1) == 1, "window " + lo + ".." + hi + ", x " + x);
			}
			assertEquals(under, below, "below the window " + lo + ".." + hi);
			final boolean invert = rnd.nextBoolean();
			final byte[] bytes = new byte[w + 5];
			final short[] shorts = new short[w + 5];
			for (int x = 0; x < bytes.length; x++) {
				bytes[x] = (byte) rnd.nextInt(256);
				shorts[x] = (short) rnd.nextInt(65536);
			}
			final double[] dBytes = new double[w], dShorts = new double[w];
			VectorRows.toDoubles(bytes, 5, dBytes, w, invert);
			VectorRows.toDoubles(shorts, 5, dShorts, w, invert);
			for (int x = 0; x < w; x++) {
				final int b = bytes[5 + x] & 0xff, sh = shorts[5 + x] & 0xffff;
				assertEquals(invert ? 255 - b : b, dBytes[x], "byte to double");
				assertEquals(invert ? 65535 - sh : sh, dShorts[x], "short to double");
			}
		}
	}

	static Object pixels(final Random rnd, final int kind, final int n) {
		final int background = rnd.nextInt(50);
		switch (kind) {
			case 0: {
				final byte[] b = new byte[n];
				for (int i = 0; i < n; i++)
					b[i] = (byte) Math.min(255, background + (rnd.nextInt(6) == 0 ? rnd.nextInt(256) : rnd.nextInt(20)));
				return b;
			}
			case 1: {
				final short[] s = new short[n];
				for (int i = 0; i < n; i++)
					s[i] = (short) Math.min(65535, background * 30 + (rnd.nextInt(6) == 0 ? rnd.nextInt(65536) : rnd.nextInt(600)));
				return s;
			}
			default: {
				final float[] f = new float[n];
				for (int i = 0; i < n; i++)
					f[i] = (float) (background + (rnd.nextInt(6) == 0 ? rnd.nextDouble() * 1000 : rnd.nextGaussian() * 5));
				return f;
			}
		}
	}

	@Test
	void theSinglePassOfLargeImagesGivesTheTwoPassImage() {
		// images of at least Bandpass.ONE_PASS_PIXELS: the vector path truncates each row at once with the largest value
		// known; without the probe, rows before the image's maximum are done again; serial and split over threads
		final Random rnd = new Random(20261202);
		final ExecutorService pool = DaemonPool.of(3, "one-pass-test");
		try {
			for (int round = 0; round < 10; round++) {
				final int w = 1024 + rnd.nextInt(300), h = Bandpass.ONE_PASS_PIXELS / 1024 + rnd.nextInt(100);
				final int kind = round % 3;
				final Object px = spots(rnd, kind, w, h);
				final LocateParameters.Builder b = LocateParameters.builder(5 + 2 * rnd.nextInt(5)).invert(round % 4 == 3);
				if (round % 5 == 4)
					b.threshold(rnd.nextDouble() * 20);
				if (round == 1)
					b.noiseSize(0); // no Gaussian
				if (round == 2)
					b.noiseSize(0.5).smoothingSize(1); // no boxcar
				if (round == 5)
					b.noiseSize(2.5).smoothingSize(15);
				final LocateParameters p = b.build();
				final Object[] s = run(new Bandpass(p, false), px, w, h, p);
				for (final int probes : new int[] { 4, 1, 0 })
					for (final Splitter sp : new Splitter[] { Splitter.SERIAL, new Splitter(pool, 3) }) {
						final Bandpass one = new Bandpass(p, true);
						one.probes(probes);
						final Object[] a = run(one, px, w, h, p, sp);
						final String what = round + ": " + w + "x" + h + " kind " + kind + " " + p.asText() + ", " + probes + " probes, "
							+ sp.parallelism() + " threads, " + one.staleRows() + " rows again";
						if (probes == 0)
							assertTrue(one.staleRows() > 0, what + ": without the probe, rows before the maximum are done again");
						assertEquals((double) s[0], (double) a[0], what + ": scale");
						assertArrayEquals((int[]) s[1], (int[]) a[1], what + ": integer image");
						assertArrayEquals((int[]) s[2], (int[]) a[2], what + ": counts");
						assertArrayEquals((long[]) s[3], (long[]) a[3], what + ": non-zero bits");
					}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void afterTheProbeMissesTheNextImagesTakeTwoPasses() {
		// the brightest spot in the last rows: without the probe, most rows are done again; the next AFTER_MISS images
		// take two passes, then the single pass is tried again; every image the scalar kernels' image
		final Random rnd = new Random(5);
		final int w = 1024, h = Bandpass.ONE_PASS_PIXELS / w;
		final short[] px = (short[]) spots(rnd, 1, w, h);
		for (int y = h - 12; y < h - 3; y++)
			for (int x = 500; x < 509; x++)
				px[y * w + x] = (short) 60000;
		final LocateParameters p = LocateParameters.builder(9).build();
		final Object[] s = run(new Bandpass(p, false), px, w, h, p);
		final Bandpass one = new Bandpass(p, true);
		one.probes(0);
		for (int image = 0; image < Bandpass.AFTER_MISS + 2; image++) {
			final Object[] a = run(one, px, w, h, p);
			final int expected = image == 0 || image == Bandpass.AFTER_MISS + 1 ? 1 : 2;
			assertEquals(expected, one.passes(), "image " + image);
			if (expected == 1)
				assertTrue(one.staleRows() > h / Bandpass.MISSED, "image " + image + ": " + one.staleRows() + " rows again");
			assertEquals((double) s[0], (double) a[0], "image " + image + ": scale");
			assertArrayEquals((int[]) s[1], (int[]) a[1], "image " + image + ": integer image");
			assertArrayEquals((int[]) s[2], (int[]) a[2], "image " + image + ": counts");
		}
	}

	/** Gaussian spots of random amplitude on a noisy background (the maximum somewhere in the image, not in the first rows). */
	private static Object spots(final Random rnd, final int kind, final int w, final int h) {
		final double[] v = new double[w * h];
		for (int i = 0; i < v.length; i++)
			v[i] = 20 + rnd.nextGaussian() * 3;
		for (int k = 0; k < 200; k++) {
			final double cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w, a = 30 + rnd.nextDouble() * 150;
			for (int y = Math.max(0, (int) cy - 6); y < Math.min(h, (int) cy + 7); y++)
				for (int x = Math.max(0, (int) cx - 6); x < Math.min(w, (int) cx + 7); x++)
					v[y * w + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / 4.5);
		}
		switch (kind) {
			case 0: {
				final byte[] b = new byte[v.length];
				for (int i = 0; i < v.length; i++)
					b[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
				return b;
			}
			case 1: {
				final short[] b = new short[v.length];
				for (int i = 0; i < v.length; i++)
					b[i] = (short) Math.max(0, Math.min(65535, Math.round(v[i] * 40)));
				return b;
			}
			default: {
				final float[] f = new float[v.length];
				for (int i = 0; i < v.length; i++)
					f[i] = (float) v[i];
				return f;
			}
		}
	}

	private static Object[] run(final Bandpass bp, final Object px, final int w, final int h, final LocateParameters p) {
		return run(bp, px, w, h, p, Splitter.SERIAL);
	}

	private static Object[] run(final Bandpass bp, final Object px, final int w, final int h, final LocateParameters p, final Splitter sp) {
		final RawImage raw = new RawImage();
		raw.load(Plane.of(px, w, h), p.invert(), Splitter.SERIAL);
		final Histogram hist = new Histogram();
		final NonZeroBits nz = new NonZeroBits();
		final double scale = bp.apply(raw, hist, nz, sp);
		final int[] img = Arrays.copyOf(bp.image(), w * h);
		return new Object[] { scale, img, hist.finish().clone(), Arrays.copyOf(nz.bits, nz.words * h) };
	}
}
