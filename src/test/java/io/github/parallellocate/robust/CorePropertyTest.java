package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.parallel.ArrayPlaneSource;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.testutil.SyntheticImages;


/**
 * Random small images (all three pixel types, random sizes, spots, noise and
 * degenerate planes) with random valid parameters through the core and the
 * engine. Seeded: case {@code n} is always the same, and a failure names the
 * seed, the plane and the parameters. Invariants:
 * <ul>
 * <li>no exception, except the documented one for a diameter larger than the
 * image (then always, with its message);</li>
 * <li>every position inside the image and inside the margins: the maximum is
 * at least {@code margin} from the edge, refinement moves its neighbourhood
 * one pixel per iteration at most, clamped at {@code radius} from the edge,
 * and the centroid is within {@code radius} of it;</li>
 * <li>{@code mass > minmass}, {@code size < maxsize}, at most {@code topn}
 * features, no two closer than {@code separation};</li>
 * <li>characterised columns finite (except ep), absent ones NaN;</li>
 * <li>non-finite float pixels give exactly the result of 0 there;</li>
 * <li>the engine with 1 and 3 threads gives exactly the serial result.</li>
 * </ul>
 * Random volumes ({@link #volumeInvariantsHold}), with random per-axis
 * parameters, likewise: positions inside the volume, {@code mass >
 * minmass}, at most {@code topn}, no two closer than the per-axis
 * separation, size per axis finite, {@code ecc} NaN; the same features
 * whatever the layout (one array or one per slice), non-finite pixels read
 * as 0, and 1 or 3 engine threads giving the serial rows.
 */
public class CorePropertyTest {

	private static final long SEED = 0x5eed_10ca7eL;
	private static final int CASES = 200;
	private static final int FRAMES = 3;

	/** One random case: planes of one type and size, and parameters. */
	public record Case(int n, PixelType type, int width, int height, String content, List<Plane> planes, LocateParameters params) {
		@Override
		public String toString() {
			return "case " + n + ": " + type + " " + width + "x" + height + " " + content + ", " + params;
		}
	}

	public static Stream<Case> cases() {
		return IntStream.range(0, CASES).mapToObj(CorePropertyTest::randomCase);
	}

	public static Case randomCase(final int n) {
		final Random rnd = new Random(SEED + n);
		final PixelType type = PixelType.values()[rnd.nextInt(3)];
		final int w = 16 + rnd.nextInt(81), h = 16 + rnd.nextInt(81);
		final int kind = rnd.nextInt(10);
		final String content = switch (kind) {
			case 0 -> "black";
			case 1 -> "constant";
			case 2 -> "one bright pixel";
			case 3, 4 -> type == PixelType.FLOAT32 ? "spots with NaN and Inf" : "spots";
			default -> "spots";
		};
		final List<Plane> planes = new ArrayList<>();
		for (int f = 0; f < FRAMES; f++)
			planes.add(plane(rnd, type, w, h, kind));
		return new Case(n, type, w, h, content, planes, randomParameters(rnd, type));
	}

	private static Plane plane(final Random rnd, final PixelType type, final int w, final int h, final int kind) {
		final double[] v = new double[w * h];
		switch (kind) {
		case 0:
			return SyntheticImages.of(type, v, w, h);
		case 1:
			Arrays.fill(v, rnd.nextDouble());
			return SyntheticImages.of(type, v, w, h);
		case 2:
			v[rnd.nextInt(v.length)] = 1;
			return SyntheticImages.of(type, v, w, h);
		default:
			final Plane p = SyntheticImages.spots(rnd, type, w, h, rnd.nextInt(9), 0.1 * rnd.nextDouble());
			if ((kind == 3 || kind == 4) && type == PixelType.FLOAT32) {
				final float[] px = (float[]) p.pixels();
				for (final float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY })
					px[rnd.nextInt(px.length)] = bad;
			}
			return p;
		}
	}

	/** Valid parameters anywhere in their ranges; the diameter may exceed small images. */
	static LocateParameters randomParameters(final Random rnd, final PixelType type) {
		final int diameter = 3 + 2 * rnd.nextInt(10);
		final double full = type == PixelType.UINT8 ? 255 : type == PixelType.UINT16 ? 65535 : 1;
		final boolean preprocess = rnd.nextInt(5) > 0;
		final boolean characterize = rnd.nextInt(5) > 0;
		final double noise = rnd.nextInt(4) == 0 ? 0 : 2 * rnd.nextDouble();
		final LocateParameters.Builder b = LocateParameters.builder(diameter).preprocess(preprocess).characterize(characterize)
			.invert(rnd.nextInt(4) == 0).noiseSize(noise).maxIterations(rnd.nextInt(11));
		if (rnd.nextBoolean())
			b.minmass(full * diameter * rnd.nextDouble() * 0.5);
		if (characterize && rnd.nextInt(4) == 0)
			b.maxsize(1 + 4 * rnd.nextDouble());
		if (rnd.nextBoolean())
			b.separation(rnd.nextDouble() * (diameter + 4));
		if (rnd.nextBoolean()) {
			int smoothing = 1 + 2 * rnd.nextInt(8);
			while (smoothing <= noise)
				smoothing += 2;
			b.smoothingSize(smoothing);
		}
		if (rnd.nextInt(3) == 0)
			b.threshold(full * 0.05 * rnd.nextDouble());
		final int pct = rnd.nextInt(12);
		b.percentile(pct == 0 ? 0 : pct == 1 ? 100 : 100 * rnd.nextDouble());
		if (rnd.nextInt(3) == 0)
			b.topn(rnd.nextInt(8));
		return b.build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void invariantsHold(final Case c) throws Exception {
		final LocateParameters p = c.params();
		final FeatureLocator locator = new FeatureLocator(p);
		if (p.diameter().uniform() > Math.min(c.width(), c.height())) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> locator.locate(c.planes().get(0)), c::toString);
			assertEquals("diameter " + p.diameter() + " is larger than the image (" + c.width() + "x" + c.height() + ")", e.getMessage());
			final FrameFailedException f = assertThrows(FrameFailedException.class,
				() -> new LocateEngine(p).threads(3).run(new ArrayPlaneSource(c.planes()), (i, l) -> {}));
			assertEquals("frame 0 (plane 1 of 3): " + e.getMessage(), f.getMessage());
			return;
		}
		final List<List<Feature>> serial = new ArrayList<>();
		for (final Plane plane : c.planes()) {
			try {
				serial.add(List.copyOf(locator.locate(plane)));
			}
			catch (final RuntimeException e) {
				fail(c + ": " + e, e);
			}
		}
		for (final List<Feature> features : serial)
			checkInvariants(c, features);
		if (c.type() == PixelType.FLOAT32) // the documented rule: non-finite pixels are read as 0
			for (int i = 0; i < FRAMES; i++)
				assertEquals(serial.get(i), locator.locate(finite(c.planes().get(i))), c + ": NaN and Inf are not read as 0");
		for (final int threads : new int[] { 1, 3 })
			assertEquals(serial, new LocateEngine(p).threads(threads).locateAll(new ArrayPlaneSource(c.planes())),
				c + ": engine with " + threads + " threads");
	}

	/** A copy of a float plane with its non-finite pixels set to 0. */
	private static Plane finite(final Plane p) {
		final float[] px = ((float[]) p.pixels()).clone();
		for (int i = 0; i < px.length; i++)
			if (!Float.isFinite(px[i]))
				px[i] = 0;
		return Plane.ofFloats(px, p.width(), p.height());
	}

	private static void checkInvariants(final Case c, final List<Feature> features) {
		final LocateParameters p = c.params();
		final int r = (int) p.diameter().uniform() / 2, moves = p.effectiveMaxIterations() - 1;
		// trackpy: margin = max(radius, separation // 2 - 1, smoothing_size // 2)
		final double margin = Math.max(Math.max(r, Math.floor(p.separation().uniform() / 2) - 1), (int) p.smoothingSize().uniform() / 2);
		for (final Feature f : features) {
			final Supplier<String> where = () -> c + ": " + f;
			inside(where, "y", f.y(), margin, r, moves, c.height());
			inside(where, "x", f.x(), margin, r, moves, c.width());
			assertTrue(f.mass() > p.minmass() && Double.isFinite(f.mass()), () -> where.get() + ": mass <= minmass");
			if (p.characterize()) {
				assertTrue(f.size() >= 0 && Double.isFinite(f.size()), () -> where.get() + ": size");
				assertTrue(f.signal() >= 0 && Double.isFinite(f.signal()), () -> where.get() + ": signal");
				assertTrue(Double.isFinite(f.rawMass()) && Double.isFinite(f.ecc()), () -> where.get() + ": raw_mass, ecc");
				assertTrue(p.maxsize() == null || f.size() < p.maxsize(), () -> where.get() + ": size >= maxsize");
			}
			else
				assertTrue(Double.isNaN(f.size()) && Double.isNaN(f.ecc()) && Double.isNaN(f.signal()) && Double.isNaN(f.rawMass())
					&& Double.isNaN(f.ep()), () -> where.get() + ": characterised without characterize");
		}
		final Integer topn = p.topn();
		assertTrue(topn == null || topn == 0 || features.size() <= topn, () -> c + ": " + features.size() + " features > topn");
		final double sep = p.separation().uniform();
		if (sep > 0)
			for (int i = 0; i < features.size(); i++)
				for (int j = i + 1; j < features.size(); j++) {
					final Feature a = features.get(i), b = features.get(j);
					final double d = Math.hypot(a.y() - b.y(), a.x() - b.x());
					if (!(d > sep * (1 - 1e-7)))
						fail(c + ": " + a + " and " + b + " are " + d + " apart, closer than separation");
				}
	}

	/**
	 * A coordinate inside the image and the margins: the centre of the last
	 * neighbourhood lies between {@code max(radius, ceil(margin) - moves)} and
	 * the mirror bound, the centroid within {@code radius} of it.
	 */
	private static void inside(final Supplier<String> where, final String axis, final double v, final double margin, final int r,
			final int moves, final int size) {
		final int lo = Math.max(r, (int) Math.ceil(margin) - moves);
		final int hi = Math.min(size - 1 - r, (int) Math.floor(size - 1 - margin) + moves);
		if (!(v >= lo - r && v <= hi + r && v >= 0 && v <= size - 1))
			fail(where.get() + ": " + axis + " = " + v + " outside [" + (lo - r) + ", " + (hi + r) + "] or the image");
	}

	// ------------------------------------------------------------------ volumes

	private static final int VOLUME_CASES = 60;

	/** One random volume case: volumes of one type and shape, and per-axis parameters. */
	public record VolumeCase(int n, PixelType type, int[] shape, List<Volume> volumes, LocateParameters params) {
		@Override
		public String toString() {
			return "volume case " + n + ": " + type + " " + shape[2] + "x" + shape[1] + "x" + shape[0] + ", " + params;
		}
	}

	static Stream<VolumeCase> volumeCases() {
		return IntStream.range(0, VOLUME_CASES).mapToObj(CorePropertyTest::randomVolumeCase);
	}

	static VolumeCase randomVolumeCase(final int n) {
		final Random rnd = new Random(SEED ^ (0x3d00L + n));
		final PixelType type = PixelType.values()[rnd.nextInt(3)];
		final int d = 6 + rnd.nextInt(20), h = 12 + rnd.nextInt(30), w = 12 + rnd.nextInt(30);
		final List<Volume> volumes = new ArrayList<>();
		for (int f = 0; f < 2; f++)
			volumes.add(randomVolume(rnd, type, w, h, d, rnd.nextInt(12), f == 1 && type == PixelType.FLOAT32));
		return new VolumeCase(n, type, new int[] { d, h, w }, volumes, randomVolumeParameters(rnd, type));
	}

	/** Gaussian spots on noise, scaled to the type; a few NaN and Inf if asked (float). */
	private static Volume randomVolume(final Random rnd, final PixelType type, final int w, final int h, final int d,
		final int spots, final boolean nonFinite) {
		final double[] v = new double[w * h * d];
		final double noise = 0.05 * rnd.nextDouble();
		for (int i = 0; i < v.length; i++)
			v[i] = 0.1 + noise * rnd.nextGaussian();
		for (int s = 0; s < spots; s++) {
			final double cz = rnd.nextDouble() * d, cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w;
			final double sz = 0.8 + 2 * rnd.nextDouble(), sxy = 1 + 2 * rnd.nextDouble(), peak = 0.2 + 0.7 * rnd.nextDouble();
			for (int z = 0; z < d; z++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						final double e = (z - cz) * (z - cz) / (2 * sz * sz) + ((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * sxy * sxy);
						if (e < 20)
							v[(z * h + y) * w + x] += peak * Math.exp(-e);
					}
		}
		final List<Object> slices = new ArrayList<>();
		for (int z = 0; z < d; z++) {
			final Plane p = SyntheticImages.of(type, Arrays.copyOfRange(v, z * w * h, (z + 1) * w * h), w, h);
			if (nonFinite)
				((float[]) p.pixels())[rnd.nextInt(w * h)] = rnd.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
			slices.add(p.pixels());
		}
		return Volume.ofSlices(slices, w, h);
	}

	private static PerAxis oddPerAxis(final Random rnd, final int min, final int spread) {
		if (rnd.nextInt(3) == 0)
			return PerAxis.of(min + 2 * rnd.nextInt(spread));
		return PerAxis.axes(min + 2 * rnd.nextInt(spread), min + 2 * rnd.nextInt(spread), min + 2 * rnd.nextInt(spread));
	}

	static LocateParameters randomVolumeParameters(final Random rnd, final PixelType type) {
		final PerAxis diameter = oddPerAxis(rnd, 3, 4);
		final double full = type == PixelType.UINT8 ? 255 : type == PixelType.UINT16 ? 65535 : 1;
		final boolean characterize = rnd.nextInt(5) > 0;
		final LocateParameters.Builder b = LocateParameters.builder(diameter).characterize(characterize)
			.preprocess(rnd.nextInt(5) > 0).invert(rnd.nextInt(5) == 0).maxIterations(rnd.nextInt(11));
		final double[] noise = { rnd.nextInt(4) == 0 ? 0 : 1.5 * rnd.nextDouble(), 1.5 * rnd.nextDouble(), 1.5 * rnd.nextDouble() };
		b.noiseSize(rnd.nextBoolean() ? PerAxis.of(noise[1]) : PerAxis.axes(noise));
		// smoothing_size odd and above noise_size on every axis
		final int[] smooth = new int[3];
		for (int i = 0; i < 3; i++) {
			smooth[i] = 1 + 2 * rnd.nextInt(6);
			while (smooth[i] <= Math.max(noise[i], noise[1]))
				smooth[i] += 2;
		}
		if (rnd.nextBoolean())
			b.smoothingSize(PerAxis.axes(smooth[0], smooth[1], smooth[2]));
		else
			b.smoothingSize(PerAxis.of(Math.max(smooth[0], Math.max(smooth[1], smooth[2]))));
		if (rnd.nextBoolean())
			b.separation(PerAxis.axes(rnd.nextDouble() * 8, rnd.nextDouble() * 10, rnd.nextDouble() * 10));
		if (rnd.nextBoolean())
			b.minmass(full * 20 * rnd.nextDouble());
		if (characterize && diameter.isIsotropic() && rnd.nextInt(4) == 0)
			b.maxsize(1 + 3 * rnd.nextDouble());
		if (rnd.nextInt(3) == 0)
			b.topn(rnd.nextInt(8));
		b.percentile(100 * rnd.nextDouble());
		return b.build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("volumeCases")
	void volumeInvariantsHold(final VolumeCase c) throws Exception {
		final LocateParameters p = c.params();
		final FeatureLocator locator = new FeatureLocator(p);
		final double[] diameter = p.diameter().resolve(3, "diameter");
		boolean fits = true;
		for (int a = 0; a < 3; a++)
			fits &= diameter[a] <= c.shape()[a];
		if (!fits) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> locator.locate(c.volumes().get(0)),
				c::toString);
			assertEquals("diameter " + p.diameter() + " is larger than the image (" + c.shape()[2] + "x" + c.shape()[1] + "x"
				+ c.shape()[0] + ")", e.getMessage());
			return;
		}
		final List<List<Feature>> serial = new ArrayList<>();
		for (final Volume v : c.volumes())
			serial.add(List.copyOf(locator.locate(v)));
		final double[] sep = p.separation().resolve(3, "separation");
		for (final List<Feature> features : serial) {
			for (final Feature f : features) {
				for (int a = 0; a < 3; a++)
					assertTrue(f.position(a) >= 0 && f.position(a) <= c.shape()[a] - 1, () -> c + ": " + f + " outside");
				assertTrue(f.mass() > p.minmass(), () -> c + ": " + f + " mass <= minmass");
				assertTrue(Double.isNaN(f.ecc()), () -> c + ": ecc in 3D");
				if (p.characterize())
					for (int a = 0; a < 3; a++)
						assertTrue(Double.isFinite(f.size(a)) && f.size(a) >= 0, () -> c + ": " + f + " size");
				assertTrue(p.maxsize() == null || f.size() < p.maxsize(), () -> c + ": size >= maxsize");
			}
			final Integer topn = p.topn();
			assertTrue(topn == null || topn == 0 || features.size() <= topn, () -> c + ": more than topn");
			if (sep[0] > 0 && sep[1] > 0 && sep[2] > 0)
				for (int i = 0; i < features.size(); i++)
					for (int j = i + 1; j < features.size(); j++) {
						double d2 = 0;
						for (int a = 0; a < 3; a++) {
							final double dd = (features.get(i).position(a) - features.get(j).position(a)) / sep[a];
							d2 += dd * dd;
						}
						if (!(Math.sqrt(d2) > 1 - 1e-7))
							fail(c + ": " + features.get(i) + " and " + features.get(j) + " closer than separation");
					}
		}
		// the same features whatever the layout: one array for the whole volume
		for (int i = 0; i < c.volumes().size(); i++) {
			final Volume v = c.volumes().get(i);
			final int slice = v.width() * v.height();
			final Object all;
			switch (c.type()) {
				case UINT8: {
					final byte[] a = new byte[slice * v.depth()];
					for (int z = 0; z < v.depth(); z++)
						System.arraycopy(v.sliceArray(z), 0, a, z * slice, slice);
					all = a;
					break;
				}
				case UINT16: {
					final short[] a = new short[slice * v.depth()];
					for (int z = 0; z < v.depth(); z++)
						System.arraycopy(v.sliceArray(z), 0, a, z * slice, slice);
					all = a;
					break;
				}
				default: {
					final float[] a = new float[slice * v.depth()];
					for (int z = 0; z < v.depth(); z++)
						System.arraycopy(v.sliceArray(z), 0, a, z * slice, slice);
					for (int k = 0; k < a.length; k++)
						if (!Float.isFinite(a[k]))
							a[k] = 0; // and non-finite pixels are read as 0
					all = a;
				}
			}
			assertEquals(serial.get(i), locator.locate(Volume.of(all, v.width(), v.height(), v.depth())), c + ": layout");
		}
		for (final int threads : new int[] { 1, 3 })
			assertEquals(serial, new LocateEngine(p).threads(threads).locateAll(new ArrayPlaneSource(c.volumes())),
				c + ": engine with " + threads + " threads");
	}
}
