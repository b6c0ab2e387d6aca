package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.Test;

import io.github.parallellocate.testutil.DaemonPool;

/**
 * The maxima by a separable dilation on the Vector API ({@link
 * VectorMaxima3d}) are scipy's {@code grey_dilation} maxima (a brute-force
 * box test) and the screen-and-box-test path's, in the same order: random
 * volumes of odd sizes (smaller than the box too, 1 to 12 slices), random
 * boxes, margins and thresholds, many ties; serial, in parts of slices and of
 * rows, and through the locator on threads. (Skipped in a JVM without the
 * Vector API; {@code VectorKernelsAgreeTest} checks that the test JVM has it.)
 */
class MaximaByDilationTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "maxima-test");

	/** Brute force: v >= least and no pixel of the clamped box above v, inside lo..hi per axis, raster order. */
	private static int[] bruteForce(final int[] img, final int w, final int h, final int d, final int[] boxLo, final int[] boxHi,
			final int least, final int[] lo, final int[] hi) {
		final int[] out = new int[img.length];
		int k = 0;
		for (int z = lo[0]; z <= hi[0]; z++)
			for (int y = lo[1]; y <= hi[1]; y++)
				for (int x = lo[2]; x <= hi[2]; x++) {
					final int v = img[(z * h + y) * w + x];
					if (v < least)
						continue;
					int m = 0; // cval
					for (int zz = z - boxLo[0]; zz <= z + boxHi[0]; zz++)
						for (int yy = y - boxLo[1]; yy <= y + boxHi[1]; yy++)
							for (int xx = x - boxLo[2]; xx <= x + boxHi[2]; xx++)
								if (zz >= 0 && zz < d && yy >= 0 && yy < h && xx >= 0 && xx < w)
									m = Math.max(m, img[(zz * h + yy) * w + xx]);
					if (v == m)
						out[k++] = (z * h + y) * w + x;
				}
		return Arrays.copyOf(out, k);
	}

	@Test
	void dilationMaximaAreTheBruteForceMaxima() {
		assumeTrue(Simd.enabled(), Simd.describe()); // the scalar-kernels run has no Vector API
		final Random r = new Random(1515);
		final VectorMaxima3d.Scratch reused = new VectorMaxima3d.Scratch();
		for (int round = 0; round < 600; round++) {
			final int w = 1 + r.nextInt(round % 3 == 0 ? 70 : 25), h = 1 + r.nextInt(round % 3 == 0 ? 40 : 20);
			final int d = 1 + r.nextInt(12);
			final int[] img = new int[w * h * d];
			final int top = r.nextBoolean() ? 1 + r.nextInt(6) : 1 + r.nextInt(70000);
			for (int i = 0; i < img.length; i++)
				img[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(top + 1);
			final int[] boxLo = new int[3], boxHi = new int[3], lo = new int[3], hi = new int[3];
			final int[] shape = { d, h, w };
			boolean empty = false;
			for (int a = 0; a < 3; a++) {
				final int s = 1 + r.nextInt(a == 0 ? 8 : 14);
				boxLo[a] = (s - 1) / 2;
				boxHi[a] = s / 2;
				final int m = r.nextInt(4) == 0 ? 0 : r.nextInt(6);
				lo[a] = m;
				hi[a] = shape[a] - m - 1;
				empty |= lo[a] > hi[a];
			}
			if (empty)
				continue;
			final int least = 1 + r.nextInt(Math.max(1, top));
			final int[] expected = bruteForce(img, w, h, d, boxLo, boxHi, least, lo, hi);
			final String what = round + ": " + w + "x" + h + "x" + d + " box " + Arrays.toString(boxLo) + Arrays.toString(boxHi)
				+ " lo " + Arrays.toString(lo) + " hi " + Arrays.toString(hi) + " least " + least;
			// whole, and in parts of slices and rows
			final int nz = hi[0] - lo[0] + 1, ny = hi[1] - lo[1] + 1;
			for (final int[] split : new int[][] { { 1, 1 }, { nz, 1 }, { 1, ny }, { 2, 3 }, { nz, ny } }) {
				final int zp = Math.min(split[0], nz), yp = Math.min(split[1], ny);
				int[] got = new int[0];
				for (int iz = 0; iz < zp; iz++)
					for (int iy = 0; iy < yp; iy++) {
						final VectorMaxima3d.Scratch s = r.nextBoolean() ? reused : new VectorMaxima3d.Scratch();
						VectorMaxima3d.find(img, w, h, d, boxLo, boxHi, least, lo[0] + Splitter.bound(iz, zp, nz),
							lo[0] + Splitter.bound(iz + 1, zp, nz), lo[1] + Splitter.bound(iy, yp, ny),
							lo[1] + Splitter.bound(iy + 1, yp, ny), lo[2], hi[2], s);
						final int at = got.length;
						got = Arrays.copyOf(got, at + s.count);
						System.arraycopy(s.hits, 0, got, at, s.count);
					}
				Arrays.sort(got);
				assertArrayEquals(expected, got, what + " in " + zp + "x" + yp + " parts");
			}
		}
	}

	@Test
	void runningMaxIsTheWindowMaximum() {
		assumeTrue(Simd.enabled(), Simd.describe()); // the scalar-kernels run has no Vector API
		final Random r = new Random(3);
		for (int round = 0; round < 300; round++) {
			final int stride = 1 + r.nextInt(5), s = 1 + r.nextInt(40), n = (s - 1) * stride + 1 + r.nextInt(100);
			final int[] a = new int[n + VectorMaxima3d.slack()];
			for (int i = 0; i < n; i++)
				a[i] = r.nextInt(1000);
			final int[] b = a.clone();
			final int m = VectorMaxima3d.runningMax(b, n, s, stride, b, 0);
			assertEquals(n - (s - 1) * stride, m);
			for (int i = 0; i < m; i++) {
				int e = 0;
				for (int k = 0; k < s; k++)
					e = Math.max(e, a[i + k * stride]);
				assertEquals(e, b[i], "round " + round + " at " + i);
			}
		}
	}

	/** Locators with either path on random volumes and planes, per-axis parameters, serial and split: the same maxima. */
	@Test
	void bothPathsOfTheLocatorFindTheSameMaxima() {
		assumeTrue(Simd.enabled(), Simd.describe()); // the scalar-kernels run has no Vector API
		final Random r = new Random(20261202);
		final PixelType[] types = PixelType.values();
		for (int c = 0; c < 60; c++) {
			final PixelType t = types[c % 3];
			final boolean plane = c % 5 == 4;
			final int w = 5 + r.nextInt(60), h = 5 + r.nextInt(50), d = plane ? 0 : 1 + r.nextInt(12);
			final Image img = NdSplitAgreesTest.image(r, t, w, h, d);
			final int dz = 3 + 2 * r.nextInt(3), dy = 3 + 2 * r.nextInt(4), dx = 3 + 2 * r.nextInt(5);
			final LocateParameters.Builder b = plane ? LocateParameters.builder(PerAxis.axes(dy, dx))
				: LocateParameters.builder(PerAxis.axes(dz, dy, dx));
			if (r.nextBoolean())
				b.set(LocateParameter.SEPARATION, plane ? (1 + r.nextInt(14)) + "," + (1 + r.nextInt(14))
					: (1 + r.nextInt(9)) + "," + (1 + r.nextInt(14)) + "," + (1 + r.nextInt(14)));
			if (r.nextInt(3) == 0)
				b.percentile(r.nextInt(90));
			if (c % 7 == 3)
				b.preprocess(false);
			final LocateParameters p = b.build();
			final int ndim = plane ? 2 : 3;
			final String what = c + ": " + img.describe() + " " + p.asText();
			final NdLocator old = new NdLocator(p, ndim, false);
			final int[] expected = old.maxima(img);
			final NdLocator serial = new NdLocator(p, ndim, true);
			assertArrayEquals(expected, serial.maxima(img), what + ": serial");
			final NdLocator finest = new NdLocator(p, ndim, true);
			finest.setSplitter(new Splitter(pool, 3, true));
			assertArrayEquals(expected, finest.maxima(img), what + ": finest");
			finest.splitMaxima(2, 5);
			assertArrayEquals(expected, finest.maxima(img), what + ": 2x5 parts");
			finest.splitMaxima(100, 1);
			assertArrayEquals(expected, finest.maxima(img), what + ": a slice a part");
			final NdLocator two = new NdLocator(p, ndim, true);
			two.setSplitter(new Splitter(pool, 2));
			assertArrayEquals(expected, two.maxima(img), what + ": two threads");
			// the features too, and again on the reused locators
			final List<Feature> features = old.locate(img);
			assertEquals(features, serial.locate(img), what + ": features, serial");
			assertEquals(features, two.locate(img), what + ": features, two threads");
		}
	}

	@Test
	void everyThreadGetsAsManyParts() {
		// 60 output slices, a box of 5: 3 slabs of 20 before, one thread ran two of them
		assertArrayEquals(new int[] { 2, 1 }, NdLocator.maximaParts(new Splitter(pool, 2), 60, 248, 5, 9));
		for (int threads = 2; threads <= 8; threads++)
			for (int nz = 1; nz <= 300; nz += 7)
				for (int sz = 1; sz <= 11; sz += 2) {
					final int[] parts = NdLocator.maximaParts(new Splitter(pool, threads), nz, 200, sz, 7);
					final String what = threads + " threads, " + nz + " slices, box " + sz;
					assertTrue(parts[0] >= 1 && parts[0] <= Math.max(1, nz) && parts[1] >= 1, what + ": " + Arrays.toString(parts));
					if (parts[0] >= threads)
						assertEquals(0, parts[0] % threads, what + ": slabs " + parts[0]);
				}
		assertArrayEquals(new int[] { 1, 1 }, NdLocator.maximaParts(Splitter.SERIAL, 60, 248, 5, 9));
	}
}
