package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.testutil.Hyperstacks;
import io.github.parallellocate.testutil.DaemonPool;
import io.github.parallellocate.testutil.SharedData;

/**
 * The N-dimensional path's work inside one volume split over threads (slabs
 * of slices or bands of rows of the band pass, ranges of rows of the integer
 * image, the maxima and the noise estimate, ranges of features for the
 * refinement and characterisation) gives the serial locator's features bit
 * for bit: random volumes and anisotropic planes of every pixel type, with
 * per-axis parameters, split as finely as possible (slabs of one slice, bands
 * of one row) and as the engine splits them; the shared 3D hyperstacks on 1,
 * 2 and 3 threads.
 */
class NdSplitAgreesTest {

	/** Daemon threads: never keep the test JVM alive, so never shut down. */
	private static final ExecutorService pool = DaemonPool.of(3, "nd-split-test");

	/** A random image: Gaussian spots on a background with noise, or a plane when {@code d == 0}. */
	static Image image(final Random r, final PixelType t, final int w, final int h, final int d) {
		final int depth = Math.max(1, d);
		final double[] v = new double[w * h * depth];
		final double amp = t == PixelType.UINT8 ? 150 : 1500, bg = t == PixelType.UINT8 ? 20 : 300;
		java.util.Arrays.fill(v, bg);
		final int spots = 5 + r.nextInt(40);
		for (int s = 0; s < spots; s++) {
			final double cx = r.nextDouble() * w, cy = r.nextDouble() * h, cz = r.nextDouble() * depth;
			final double sx = 1 + r.nextDouble() * 1.5, sz = 0.8 + r.nextDouble();
			for (int z = Math.max(0, (int) cz - 5); z < Math.min(depth, (int) cz + 6); z++)
				for (int y = Math.max(0, (int) cy - 7); y < Math.min(h, (int) cy + 8); y++)
					for (int x = Math.max(0, (int) cx - 7); x < Math.min(w, (int) cx + 8); x++)
						v[(z * h + y) * w + x] += amp * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sx * sx)
							- (z - cz) * (z - cz) / (2 * sz * sz));
		}
		for (int i = 0; i < v.length; i++)
			v[i] += r.nextGaussian() * Math.sqrt(Math.max(v[i], 1)) * 0.5;
		final Object px;
		switch (t) {
			case UINT8: {
				final byte[] b = new byte[v.length];
				for (int i = 0; i < v.length; i++)
					b[i] = (byte) Math.max(0, Math.min(255, Math.round(v[i])));
				px = b;
				break;
			}
			case UINT16: {
				final short[] b = new short[v.length];
				for (int i = 0; i < v.length; i++)
					b[i] = (short) Math.max(0, Math.min(65535, Math.round(v[i])));
				px = b;
				break;
			}
			default: {
				final float[] b = new float[v.length];
				for (int i = 0; i < v.length; i++)
					b[i] = (float) (v[i] / 100.0);
				px = b;
			}
		}
		return d == 0 ? Plane.of(px, w, h) : Volume.of(px, w, h, d);
	}

	record Case(int index, Image image, LocateParameters params) {
		@Override
		public String toString() {
			return index + ": " + image.describe() + " " + params.asText();
		}
	}

	static Stream<Case> cases() {
		final Random r = new Random(20261201);
		final PixelType[] types = { PixelType.UINT8, PixelType.UINT16, PixelType.FLOAT32 };
		final List<Case> out = new ArrayList<>();
		for (int c = 0; c < 45; c++) {
			final PixelType t = types[c % 3];
			final boolean plane = c % 6 == 5;
			final int w = 20 + r.nextInt(50), h = 20 + r.nextInt(50), d = plane ? 0 : 8 + r.nextInt(24);
			final Image img = image(r, t, w, h, d);
			final int k = c % 9;
			final LocateParameters.Builder b;
			if (plane)
				b = k == 5 ? LocateParameters.builder(7).separation(PerAxis.axes(6, 9))
					: LocateParameters.builder(PerAxis.axes(5 + 2 * r.nextInt(2), 7 + 2 * r.nextInt(2)));
			else
				b = c % 4 == 0 || k == 5 ? LocateParameters.builder(7) : LocateParameters.builder(PerAxis.axes(5, 7 + 2 * r.nextInt(2), 9));
			b.minmass(r.nextBoolean() ? null : (t == PixelType.UINT8 ? 200. : 2000.) * r.nextDouble());
			if (k == 1)
				b.set(LocateParameter.NOISE_SIZE, plane ? "1.5,1" : "0.5,1,1.5");
			if (k == 2)
				b.set(LocateParameter.SMOOTHING_SIZE, plane ? "7,5" : "3,7,9");
			if (k == 3)
				b.invert(true);
			if (k == 4)
				b.preprocess(false);
			if (k == 5)
				b.maxsize(2.5);
			if (k == 6)
				b.topn(7);
			if (k == 7)
				b.characterize(false);
			if (k == 8)
				b.set(LocateParameter.SEPARATION, plane ? "4,12" : "3,8,12");
			if (c % 7 == 3)
				b.threshold(t == PixelType.FLOAT32 ? 0.5 : 20.);
			if (c % 11 == 4)
				b.percentile(30);
			out.add(new Case(c, img, b.build()));
		}
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void finestSplitsGiveTheSerialFeatures(final Case c) {
		final int ndim = c.image().ndim();
		final NdLocator serial = new NdLocator(c.params(), ndim);
		final List<Feature> expected = serial.locate(c.image());
		for (final boolean bands : new boolean[] { false, true }) {
			final NdLocator split = new NdLocator(c.params(), ndim);
			split.setSplitter(new Splitter(pool, 3, true));
			split.splitRowBands(bands);
			// twice: the second image reuses the buffers of the first
			assertEquals(expected, split.locate(c.image()), bands ? "bands of one row" : "slabs of one slice");
			assertEquals(expected, split.locate(c.image()), "again, " + (bands ? "bands of one row" : "slabs of one slice"));
		}
		final NdLocator engineLike = new NdLocator(c.params(), ndim);
		engineLike.setSplitter(new Splitter(pool, 2));
		assertEquals(expected, engineLike.locate(c.image()), "two threads");
	}

	/** One locator (serial and split) over volumes of changing sizes and types: its reused buffers never leak into the next. */
	@Test
	void reusedLocatorGivesAFreshLocatorsFeatures() {
		final Random r = new Random(7);
		final LocateParameters p = LocateParameters.builder(PerAxis.axes(5, 7, 9)).set(LocateParameter.SMOOTHING_SIZE, "7,9,11").build();
		final NdLocator serial = new NdLocator(p, 3), split = new NdLocator(p, 3);
		split.setSplitter(new Splitter(pool, 3, true));
		final PixelType[] types = PixelType.values();
		for (int i = 0; i < 12; i++) {
			final Image img = image(r, types[i % 3], 24 + r.nextInt(60), 24 + r.nextInt(60), 12 + r.nextInt(20));
			final List<Feature> expected = new NdLocator(p, 3).locate(img);
			assertEquals(expected, serial.locate(img), "serial, image " + i + " " + img.describe());
			assertEquals(expected, split.locate(img), "split, image " + i + " " + img.describe());
		}
	}

	/** A volume large enough to be split as the engine splits it. */
	@Test
	void largeVolumeOnOneTwoAndThreeThreads() {
		final Random r = new Random(15);
		for (final PixelType t : PixelType.values()) {
			final Image img = image(r, t, 200, 120, 24); // wide enough for bands of rows through every slice
			final LocateParameters p = LocateParameters.builder(PerAxis.axes(5, 9, 9)).build();
			final List<Feature> expected = new FeatureLocator(p).locate(img);
			assertTrue(expected.size() > 5, t + ": " + expected.size() + " features");
			for (final int threads : new int[] { 2, 3 }) {
				final FeatureLocator split = new FeatureLocator(p);
				split.setExecutor(pool, threads);
				assertEquals(expected, split.locate(img), t + " on " + threads + " threads");
			}
		}
	}

	/**
	 * Volumes of the vector kernels' single pass ({@link NdLocator#ONE_PASS_VOXELS}): the scalar kernels' features
	 * (two passes), with the probe and without (slices done again), serial and on three threads.
	 */
	@Test
	void largeVolumesInOnePassGiveTheTwoPassFeatures() {
		assumeTrue(Simd.enabled(), Simd.describe());
		final Random r = new Random(16);
		for (final PixelType t : PixelType.values()) {
			final int d = NdLocator.ONE_PASS_VOXELS / (256 * 256) + 1;
			final Image img = image(r, t, 256, 256, d);
			final LocateParameters.Builder b = LocateParameters.builder(PerAxis.axes(5, 9, 9)).invert(t == PixelType.UINT8);
			if (t == PixelType.UINT16) // per-axis noise and smoothing sizes
				b.set(LocateParameter.NOISE_SIZE, "0.5,1,1.5").set(LocateParameter.SMOOTHING_SIZE, "3,7,9");
			final LocateParameters p = b.build();
			final NdLocator twoPass = new NdLocator(p, 3, false);
			final List<Feature> expected = twoPass.locate(img);
			assertTrue(expected.size() > 5, t + ": " + expected.size() + " features");
			final int n = 256 * 256 * d;
			final int[] image = Arrays.copyOf(twoPass.integerImage()[0], n), counts = twoPass.integerImage()[1].clone();
			double oneThreadsProbe = Double.NaN;
			for (final int probes : new int[] { 4, 0 })
				for (final int threads : new int[] { 1, 3 }) {
					final NdLocator one = new NdLocator(p, 3, true);
					one.probes(probes);
					if (threads > 1)
						one.setSplitter(new Splitter(pool, threads));
					final String what = t + ", " + probes + " probes, " + threads + " threads";
					assertEquals(expected, one.locate(img), what);
					assertArrayEquals(image, Arrays.copyOf(one.integerImage()[0], n), what + ": integer image");
					assertArrayEquals(counts, one.integerImage()[1], what + ": counts");
					if (probes == 0)
						assertTrue(one.staleSlices() > 0, what + ": slices done again");
					else if (threads == 1)
						oneThreadsProbe = one.lastProbe();
					else // the probe's blocks and boxes split over the threads: the same value
						assertEquals(oneThreadsProbe, one.lastProbe(), what + ": the probe");
					assertEquals(expected, one.locate(img), what + ", again");
				}
		}
	}

	/**
	 * A 16-bit movie of volumes through one locator: from its second volume on,
	 * the single pass counts the values in a window around the percentile of
	 * the volume before ({@link PercentileWindow}); a volume whose percentile
	 * lies elsewhere (its intensities a third of the last one's) is counted
	 * again, whole. Every volume gives the two-pass features (which count
	 * every value), serial and on three threads.
	 */
	@Test
	void aMovieOfVolumesCountedInAWindowGivesEachVolumesFeatures() {
		assumeTrue(Simd.enabled(), Simd.describe());
		final Random r = new Random(17);
		final int w = 256, h = 256, d = NdLocator.ONE_PASS_VOXELS / (256 * 256) + 1;
		final LocateParameters p = LocateParameters.builder(PerAxis.axes(5, 9, 9)).minmass(3000.).build();
		final double[] gains = { 1, 1, 1 / 3., 1 / 3., 1 / 3., 1 };
		final NdLocator serial = new NdLocator(p, 3, true), split = new NdLocator(p, 3, true);
		split.setSplitter(new Splitter(pool, 3));
		int total = 0;
		for (int v = 0; v < gains.length; v++) {
			final Image img = spotsVolume(r, w, h, d, gains[v]);
			final List<Feature> expected = new NdLocator(p, 3, false).locate(img);
			total += expected.size();
			assertEquals(expected, serial.locate(img), "volume " + v);
			assertEquals(expected, split.locate(img), "volume " + v + ", three threads");
		}
		assertTrue(total > 100, "features found: " + total);
		for (final NdLocator l : List.of(serial, split)) {
			// the window held volumes 1, 3 and 4, missed 2 (a third of the intensities) and 5 (back to full)
			assertEquals(3, l.windows()[0], "volumes whose window held the percentile");
			assertEquals(2, l.windows()[1], "volumes counted again");
		}
	}

	/** 16-bit Gaussian spots of sigma (1.2, 1.8, 1.8) on a background, Poisson-like noise, all intensities times {@code gain}. */
	private static Image spotsVolume(final Random r, final int w, final int h, final int d, final double gain) {
		final double[] mean = new double[w * h * d];
		for (int s = 0; s < 120; s++) {
			final double cz = r.nextDouble() * d, cy = r.nextDouble() * h, cx = r.nextDouble() * w, a = 800 + r.nextDouble() * 1500;
			for (int z = Math.max(0, (int) cz - 4); z < Math.min(d, (int) cz + 5); z++)
				for (int y = Math.max(0, (int) cy - 7); y < Math.min(h, (int) cy + 8); y++)
					for (int x = Math.max(0, (int) cx - 7); x < Math.min(w, (int) cx + 8); x++)
						mean[(z * h + y) * w + x] += a * Math.exp(-(z - cz) * (z - cz) / (2 * 1.2 * 1.2)
							- ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * 1.8 * 1.8));
		}
		final List<Object> slices = new java.util.ArrayList<>();
		for (int z = 0; z < d; z++) {
			final short[] s = new short[w * h];
			for (int i = 0; i < s.length; i++) {
				final double m = 300 + mean[z * w * h + i];
				s[i] = (short) Math.max(0, Math.min(65535, Math.round(gain * (m + Math.sqrt(m) * r.nextGaussian()))));
			}
			slices.add(s);
		}
		return Volume.ofSlices(slices, w, h);
	}

	@Test
	void sharedHyperstacksOnOneTwoAndThreeThreads() throws Exception {
		for (final String[] v : new String[][] { { "iso8.tif", "7,7,7", "1000" }, { "aniso16.tif", "5,9,9", "5000" } }) {
			final List<Volume> volumes = Hyperstacks.volumes(SharedData.file("data/volumes/" + v[0]));
			final LocateParameters p = LocateParameters.builder(PerAxis.parse("diameter", v[1])).minmass(Double.valueOf(v[2])).build();
			final FeatureLocator serial = new FeatureLocator(p);
			final List<List<Feature>> expected = IntStream.range(0, volumes.size()).mapToObj(i -> serial.locate(volumes.get(i))).toList();
			for (final int threads : new int[] { 2, 3 }) {
				final FeatureLocator split = new FeatureLocator(p);
				split.setExecutor(pool, threads);
				for (int i = 0; i < volumes.size(); i++)
					assertEquals(expected.get(i), split.locate(volumes.get(i)), v[0] + " volume " + i + " on " + threads + " threads");
			}
		}
	}
}
