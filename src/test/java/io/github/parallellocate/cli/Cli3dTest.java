package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.core.FeatureColumns;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.testutil.Hyperstacks;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.SharedData;
import io.github.parallellocate.testutil.StreamingTiffWriter;

/**
 * Volumes on the command line: the shared 3D hyperstacks (TZYX, ImageJ
 * {@code slices=}) against trackpy's references under the shared parity
 * rule, 1 and 2 threads byte-identical; {@code --slices N} on a plain
 * multi-page TIFF gives the bytes of the hyperstack; {@code --3d} with one
 * number; the columns of trackpy; the one-line errors.
 */
class Cli3dTest {

	@TempDir
	static Path tmp;

	private static CliRun run(final Object... args) {
		final List<String> l = new ArrayList<>();
		for (final Object a : args)
			l.add(String.valueOf(a));
		return CliRun.inProcess(l);
	}

	/** Runs with 1 and 2 threads, checks they give the same bytes, and returns the CSV. */
	private static Path locate(final String name, final Object... args) throws IOException {
		final Path one = tmp.resolve(name + "-1.csv");
		final Path two = tmp.resolve(name + "-2.csv");
		final List<Object> a = new ArrayList<>(Arrays.asList(args));
		final CliRun r1 = run(concat(a, "--threads", 1, "--output", one));
		assertEquals(0, r1.exitCode(), r1.toString());
		assertEquals("", r1.stderr());
		final CliRun r2 = run(concat(a, "--threads", 2, "--output", two));
		assertEquals(0, r2.exitCode(), r2.toString());
		assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "1 and 2 threads give the same bytes");
		return two;
	}

	private static Object[] concat(final List<Object> a, final Object... more) {
		final List<Object> l = new ArrayList<>(a);
		l.addAll(Arrays.asList(more));
		return l.toArray();
	}

	private static void assertParity(final Path csv, final String reference) throws IOException {
		final NdParity p = NdParity.compare(NdTable.readCsv(SharedData.file(reference)), NdTable.readCsv(csv));
		System.out.println("CLI 3D vs " + reference + ": " + p.summary());
		p.assertParity();
	}

	@Test
	void iso8MatchesTrackpy() throws IOException {
		final Path csv = locate("iso8", SharedData.file("data/volumes/iso8.tif"), "--diameter", "7,7,7", "--minmass", 1000);
		assertEquals("z,y,x,mass,size,ecc,signal,raw_mass,ep,frame", Files.readAllLines(csv).get(0));
		assertParity(csv, "reference3d/iso8_d7.csv");
		// the isotropic form: one number and --3d
		final CliRun iso = run(SharedData.file("data/volumes/iso8.tif"), "--diameter", 7, "--3d", "--minmass", 1000);
		assertEquals(0, iso.exitCode(), iso.toString());
		assertArrayEquals(Files.readAllBytes(csv), iso.stdout(), "--diameter 7 --3d is --diameter 7,7,7");
	}

	@Test
	void aniso16MatchesTrackpy() throws IOException {
		final Path csv = locate("aniso16", SharedData.file("data/volumes/aniso16.tif"), "--diameter", "5,9,9", "--minmass", 5000);
		assertEquals("z,y,x,mass,size_z,size_y,size_x,ecc,signal,raw_mass,ep_z,ep_y,ep_x,frame", Files.readAllLines(csv).get(0));
		assertParity(csv, "reference3d/aniso16_d5_9_9.csv");
	}

	/** The same pixels as a plain multi-page TIFF (no ImageJ description) with --slices give the same bytes. */
	@Test
	void slicesOfAPlainTiffAreTheHyperstacksVolumes() throws IOException {
		final Path hyperstack = SharedData.file("data/volumes/iso8.tif");
		final List<Volume> volumes = Hyperstacks.volumes(hyperstack);
		final Volume v0 = volumes.get(0);
		final Path plain = tmp.resolve("plain8.tif");
		try (StreamingTiffWriter w = new StreamingTiffWriter(plain, v0.width(), v0.height())) {
			for (int t = 0; t < 2; t++)
				for (int z = 0; z < v0.depth(); z++)
					w.writePage((byte[]) volumes.get(t).slice(z).pixels(), t == 1 && z == v0.depth() - 1);
		}
		final CliRun r = run(plain, "--diameter", "7,7,7", "--minmass", 1000, "--slices", v0.depth());
		assertEquals(0, r.exitCode(), r.toString());
		final LocateParameters p = LocateParameters.builder(PerAxis.axes(7, 7, 7)).minmass(1000.0).build();
		final FeatureLocator locator = new FeatureLocator(p);
		final FeatureColumns cols = FeatureColumns.of(p, 3);
		final StringBuilder expected = new StringBuilder(FeatureCsv.header(cols)).append('\n');
		for (int t = 0; t < 2; t++) {
			final io.github.parallellocate.io.csv.AsciiBuffer b = new io.github.parallellocate.io.csv.AsciiBuffer(1 << 16);
			FeatureCsv.appendFrame(b, t, locator.locate(volumes.get(t)), cols);
			expected.append(b);
		}
		assertEquals(expected.toString(), r.stdoutText(), "the core's features of the first two volumes");
		assertTrue(r.stdoutText().split("\n").length > 10, "features found");

		final CliRun noSlices = run(plain, "--diameter", "7,7,7");
		assertEquals(2, noSlices.exitCode());
		assertEquals(List.of("parallel-locate: error: diameter 7,7,7 has 3 values (z,y,x) but plain8.tif has planes, not volumes: give --slices N "
			+ "(Z slices per volume) or an ImageJ hyperstack with Z slices"), noSlices.stderrLines());
		final CliRun uneven = run(plain, "--diameter", 7, "--3d", "--slices", 30);
		assertEquals(2, uneven.exitCode());
		assertEquals(List.of("parallel-locate: error: plain8.tif: 80 pages are not a whole number of volumes of 30 slices (--slices 30)"),
			uneven.stderrLines());
	}

	/** A two-channel hyperstack (CZT): the chosen channel's Z slices form the volumes; no choice is refused. */
	@Test
	void multiChannelHyperstack() throws IOException {
		final List<Volume> volumes = Hyperstacks.volumes(SharedData.file("data/volumes/iso8.tif"));
		final Volume v0 = volumes.get(0);
		final int depth = v0.depth();
		final ij.ImageStack stack = new ij.ImageStack(v0.width(), v0.height());
		for (int t = 0; t < 2; t++)
			for (int z = 0; z < depth; z++) {
				stack.addSlice(new ij.process.ByteProcessor(v0.width(), v0.height())); // channel 1: black
				stack.addSlice(new ij.process.ByteProcessor(v0.width(), v0.height(), ((byte[]) volumes.get(t).slice(z).pixels()).clone()));
			}
		final ij.ImagePlus imp = new ij.ImagePlus("czt", stack);
		imp.setDimensions(2, depth, 2);
		imp.setOpenAsHyperStack(true);
		final Path file = tmp.resolve("czt.tif");
		assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(file.toString()));

		final CliRun r = run(file, "--channel", 2, "--diameter", "7,7,7", "--minmass", 1000);
		assertEquals(0, r.exitCode(), r.toString());
		final LocateParameters p = LocateParameters.builder(PerAxis.axes(7, 7, 7)).minmass(1000.0).build();
		final FeatureLocator locator = new FeatureLocator(p);
		final FeatureColumns cols = FeatureColumns.of(p, 3);
		final StringBuilder expected = new StringBuilder(FeatureCsv.header(cols)).append('\n');
		for (int t = 0; t < 2; t++) {
			final io.github.parallellocate.io.csv.AsciiBuffer b = new io.github.parallellocate.io.csv.AsciiBuffer(1 << 16);
			FeatureCsv.appendFrame(b, t, locator.locate(volumes.get(t)), cols);
			expected.append(b);
		}
		assertEquals(expected.toString(), r.stdoutText());
		final CliRun black = run(file, "--channel", 1, "--diameter", "7,7,7", "--minmass", 1000);
		assertEquals(0, black.exitCode(), black.toString());
		assertEquals(FeatureCsv.header(cols) + "\n", black.stdoutText(), "nothing in the black channel");
		final CliRun none = run(file, "--diameter", "7,7,7");
		assertEquals(List.of("parallel-locate: error: czt.tif has 2 channels: choose one with --channel N"), none.stderrLines());
		assertEquals(2, none.exitCode());
	}

	@Test
	void errorsAreOneLine() throws IOException {
		final Path iso8 = SharedData.file("data/volumes/iso8.tif");
		final Path out = tmp.resolve("never.csv");
		final Path planes = tmp.resolve("planes.tif"); // no ImageJ description: pages are planes
		try (StreamingTiffWriter w = new StreamingTiffWriter(planes, 32, 32)) {
			for (int i = 0; i < 3; i++)
				w.writePage(new byte[32 * 32], i == 2);
		}
		final Object[][] cases = {
			{ new Object[] { planes, "--diameter", 7, "--3d" }, 2,
				"--3d but planes.tif has planes, not volumes: give --slices N (Z slices per volume) or an ImageJ hyperstack with Z slices" },
			{ new Object[] { planes, "--diameter", "1,7,7", "--noise-size", "0.5,1,1", "--slices", 2 }, 2,
				"planes.tif: 3 pages are not a whole number of volumes of 2 slices (--slices 2)" },
			{ new Object[] { iso8, "--diameter", "9,11", "--3d" }, 2, "--3d asks for volumes but diameter 9,11 has 2 values (y,x): give z,y,x" },
			{ new Object[] { iso8, "--diameter", "5,9,9", "--separation", "4,8" }, 2,
				"diameter, separation, noise_size and smoothing_size must have the same number of values per axis (got 5,9,9, 4,8, 1, )" },
			{ new Object[] { iso8, "--diameter", "6,9,9" }, 2, "diameter must be a positive odd integer (round up), got 6,9,9" },
			{ new Object[] { iso8, "--diameter", "5,9,9", "--maxsize", 3 }, 2,
				"maxsize: Filtering by size is not available for anisotropic features (diameter 5,9,9)" },
			{ new Object[] { iso8, "--diameter", "41,7,7" }, 2, "diameter 41,7,7 is larger than the image (96x96x40)" },
			{ new Object[] { iso8, "--diameter", "7,7,7", "--annotate", tmp.resolve("a.tif") }, 2,
				"--annotate draws planes: it is not available with volumes (3D)" },
			{ new Object[] { iso8, "--diameter", "7,7,7", "--slices", 0 }, 2, "slices must be at least 1, got 0" } };
		for (final Object[] c : cases) {
			final List<Object> args = new ArrayList<>(Arrays.asList((Object[]) c[0]));
			args.addAll(List.of("--output", out));
			final CliRun r = run(args.toArray());
			assertEquals(List.of("parallel-locate: error: " + c[2]), r.stderrLines(), args.toString());
			assertEquals(c[1], r.exitCode(), args.toString());
			assertFalse(Files.exists(out));
		}
	}

	/** 2D, anisotropic: {@code --diameter 9,11} (y, x) gives trackpy's per-axis columns and the core's features. */
	@Test
	void anisotropicPlanes() throws IOException {
		final Path csv = locate("aniso2d", MainTest.SAMPLE, "--diameter", "9,11", "--invert", "--minmass", 20);
		final List<String> lines = Files.readAllLines(csv);
		assertEquals("y,x,mass,size_y,size_x,ecc,signal,raw_mass,ep_y,ep_x,frame", lines.get(0));
		assertTrue(lines.size() > 100, "features found: " + lines.size());
		assertTrue(lines.get(lines.size() - 1).endsWith(",4"), "5 frames");
	}
}
