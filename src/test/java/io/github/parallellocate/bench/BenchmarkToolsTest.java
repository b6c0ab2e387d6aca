package io.github.parallellocate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Simd;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.ArrayPlaneSource;
import io.github.parallellocate.parallel.PlaneReader;


/**
 * The benchmark's tools (not its timings): options parsed through the
 * parameter specification, and the synthetic images seeded, Poisson and
 * readable by the project's reader.
 */
class BenchmarkToolsTest {

	/** The script times the JVM the command line's worker runs: the module and core.Simd's options (a shell script cannot ask Java for them). */
	@Test
	void benchmarkScriptStartsTheJvmAsTheCommandLinesWorker() throws Exception {
		final String script = Files.readString(Path.of("scripts/benchmark.sh"));
		final String java = script.lines().filter(l -> l.trim().startsWith("java ")).findFirst().orElseThrow();
		assertTrue(java.contains("--add-modules " + Simd.MODULE), java);
		for (final String option : Simd.JVM_OPTIONS)
			assertTrue(java.contains(" " + option + " "), option + " missing from: " + java);
	}

	@Test
	void locateOptionsGoThroughTheSpecification() throws Exception {
		final Benchmark.Settings s = Benchmark.parse(new String[] { "movie.tif", "--diameter", "5,9,9", "--minmass=5000", "--invert",
			"--no-characterize", "--noise-size", "1.5", "--threads", "1,2", "--rounds", "3" });
		final LocateParameters p = Benchmark.parameters(s);
		assertEquals(PerAxis.axes(5, 9, 9), p.diameter());
		assertEquals(5000., p.minmass());
		assertTrue(p.invert());
		assertFalse(p.characterize());
		assertEquals(PerAxis.of(1.5), p.noiseSize());
		assertArrayEquals(new int[] { 1, 2 }, s.threads);
		assertEquals(3, s.rounds);
		assertEquals(List.of("movie.tif"), s.inputs);
		assertEquals("--diameter 5,9,9 --minmass 5000 --noise-size 1.5 --invert --no-characterize", Benchmark.options(p));
	}

	@Test
	void givenOptionsOverrideTheCase() throws Exception {
		final Benchmark.Settings s = Benchmark.parse(new String[] { "--case", "u16-512", "--minmass", "100", "--invert" });
		final LocateParameters p = Benchmark.parameters(s);
		assertEquals(PerAxis.of(9), p.diameter());
		assertEquals(100., p.minmass());
		assertTrue(p.invert());
		assertEquals(BenchCase.U16_512, s.benchCase);
	}

	@Test
	void theFijiClickIsAFirstRunAfterTheDialog() throws Exception {
		final Benchmark.Settings s = Benchmark.parse(new String[] { "--case", "bulk-water", "--dialog", "2.5" });
		assertTrue(s.firstRun);
		assertEquals(2.5, s.dialogSeconds);
		assertTrue(Benchmark.parse(new String[] { "--case", "bulk-water", "--warmup-alongside" }).alongside);
		assertThrows(Benchmark.UsageException.class, () -> Benchmark.parse(new String[] { "--case", "bulk-water", "--dialog", "-1" }));
		assertEquals("C2 compiler", ThreadCpu.kind("C2 CompilerThre"));
		assertEquals("our threads", ThreadCpu.kind("parallel-locate"));
	}

	@Test
	void badArgumentsGetOneLine() {
		assertTrue(assertThrows(Benchmark.UsageException.class, () -> Benchmark.parse(new String[] { "a.tif" })).getMessage()
			.startsWith(LocateParameter.DIAMETER.option() + " is required"));
		assertTrue(assertThrows(Benchmark.UsageException.class, () -> Benchmark.parse(new String[] { "a.tif", "--diameter", "9", "--bogus" }))
			.getMessage().startsWith("unknown option --bogus"));
		assertTrue(assertThrows(Benchmark.UsageException.class, () -> Benchmark.parse(new String[] { "--case", "nope" })).getMessage()
			.startsWith("unknown case 'nope'"));
		assertTrue(assertThrows(Benchmark.UsageException.class, () -> Benchmark.parse(new String[] { "a.tif", "--diameter", "9", "--threads", "0" }))
			.getMessage().startsWith("--threads must be"));
		final Benchmark.Settings s = assertDoesNotThrow(new String[] { "a.tif", "--diameter", "9", "--minmass", "x" });
		assertTrue(assertThrows(IllegalArgumentException.class, () -> Benchmark.parameters(s)).getMessage().startsWith("minmass"));
	}

	private static Benchmark.Settings assertDoesNotThrow(final String[] args) {
		try {
			return Benchmark.parse(args);
		}
		catch (final Benchmark.UsageException e) {
			throw new AssertionError(e);
		}
	}

	/** The copies a single frame's split is compared with: one a thread, each its own pixels, frame by frame as the original. */
	@Test
	void copiesAreTheFramesAgainEachWithItsOwnPixels() throws Exception {
		final List<Plane> planes = List.of(Plane.of(new short[] { 1, 2, 3, 4 }, 2, 2), Plane.of(new short[] { 5, 6, 7, 8 }, 2, 2),
			Plane.of(new short[] { 9, 10, 11, 12 }, 2, 2), Plane.of(new short[] { 13, 14, 15, 16 }, 2, 2));
		// two volumes of two slices, the first one only, three copies
		final ArrayPlaneSource c = Benchmark.copies(planes, 1, 2, 3);
		assertEquals(3, c.size());
		final java.util.Set<Object> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		for (int f = 0; f < 3; f++) {
			final Image v = read(c, f);
			assertEquals(3, v.ndim());
			assertEquals(2, v.depth());
			for (int z = 0; z < 2; z++) {
				final Plane p = ((Volume) v).slice(z);
				assertArrayEquals((short[]) planes.get(z).pixels(), (short[]) p.pixels());
				assertNotSame(planes.get(z).pixels(), p.pixels());
				assertTrue(arrays.add(p.pixels()), "copy " + f + ", slice " + z + " shares its pixels");
			}
		}
		// planes: two frames, two copies each, in frame order
		final ArrayPlaneSource p = Benchmark.copies(planes, 2, 1, 2);
		assertEquals(4, p.size());
		for (int f = 0; f < 4; f++)
			assertArrayEquals((short[]) planes.get(f / 2).pixels(), (short[]) ((Plane) read(p, f)).pixels());
	}

	private static Image read(final ArrayPlaneSource source, final int f) throws Exception {
		try (PlaneReader r = source.newReader()) {
			return r.read(f);
		}
	}

	@Test
	void poissonSamplesHaveTheirMeanAndVariance() {
		for (final double lambda : new double[] { 3, 30, 300, 1800 }) {
			final SplittableRandom rnd = new SplittableRandom(7);
			final int n = 200_000;
			double sum = 0, sq = 0;
			for (int i = 0; i < n; i++) {
				final long k = SyntheticImages.poisson(rnd, lambda);
				sum += k;
				sq += (double) k * k;
			}
			final double mean = sum / n, var = sq / n - mean * mean;
			assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean at " + lambda);
			assertEquals(lambda, var, 0.02 * lambda, "variance at " + lambda);
		}
		// log(k!) beyond the exact sum: Stirling's series against the sum
		double exact = 0;
		for (int i = 2; i <= 40; i++)
			exact += Math.log(i);
		assertEquals(exact, SyntheticImages.logFactorial(40), 1e-9);
	}

	@Test
	void syntheticImagesAreSeededAndReadable(@TempDir final Path dir) throws Exception {
		final SyntheticImages.Spec spec = new SyntheticImages.Spec(1, 40, 48, 3, 16, 5, new double[] { 1.6, 1.6 }, 1500, 300, 15);
		final Path a = dir.resolve("a.tif"), b = dir.resolve("b.tif"), c = dir.resolve("c.tif");
		SyntheticImages.write(spec, a);
		SyntheticImages.write(spec, b);
		SyntheticImages.write(new SyntheticImages.Spec(1, 40, 48, 3, 16, 5, new double[] { 1.6, 1.6 }, 1500, 300, 16), c);
		final short[] pa = (short[]) plane(a, 2).pixels();
		assertArrayEquals(pa, (short[]) plane(b, 2).pixels());
		assertNotEquals(java.util.Arrays.toString(pa), java.util.Arrays.toString((short[]) plane(c, 2).pixels()));
		final FileFrameSource src = FileFrameSource.open(List.of(a.toString()), Channel.NONE);
		assertEquals(3, src.size());
		assertEquals(PixelType.UINT16, plane(a, 0).type());
		// the background (most pixels) is Poisson of mean 300 (sd 17); spots reach up to about 1800
		final int[] v = new int[pa.length];
		for (int i = 0; i < v.length; i++)
			v[i] = pa[i] & 0xffff;
		java.util.Arrays.sort(v);
		assertTrue(Math.abs(v[v.length / 2] - 300) <= 6, "median " + v[v.length / 2]);
		final int q25 = v[v.length / 4];
		assertTrue(Math.abs(300 - q25 - 0.674 * Math.sqrt(300)) <= 4, "lower quartile " + q25);
		assertTrue(v[v.length - 1] > 900, "brightest " + v[v.length - 1]);
		assertFalse(Files.exists(dir.resolve("a.tif.part")));
	}

	@Test
	void volumesAreHyperstacksOfSlices(@TempDir final Path dir) throws Exception {
		final SyntheticImages.Spec spec = new SyntheticImages.Spec(6, 20, 24, 1, 8, 3, new double[] { 1.2, 1.8, 1.8 }, 120, 30, 15);
		final Path v = dir.resolve("v.tif");
		SyntheticImages.write(spec, v);
		final ij.ImagePlus imp = ij.IJ.openImage(v.toString());
		assertEquals(6, imp.getNSlices());
		assertEquals(1, imp.getNFrames());
		assertEquals(8, imp.getBitDepth());
	}

	private static Plane plane(final Path file, final int i) throws Exception {
		try (PlaneReader r = FileFrameSource.open(List.of(file.toString()), Channel.NONE).newReader()) {
			final Plane p = r.read(i).asPlane();
			return Plane.of(((short[]) p.pixels()).clone(), p.width(), p.height());
		}
	}
}
