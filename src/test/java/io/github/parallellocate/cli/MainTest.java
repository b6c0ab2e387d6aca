package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ij.IJ;
import ij.ImagePlus;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/** The command line run in-process: outputs, error messages and exit statuses. */
class MainTest {

	/** The bundled demo sample (frames 0-4 of the bulk water TIFF). */
	static final Path SAMPLE = Paths.get("src/main/resources/demo/bulk_water_5.tif");
	static final int PAGE = 640 * 424 + 128; // bytes per page (IFD + pixels) in the shared TIFF

	@TempDir
	static Path tmp;

	private static CliRun run(final String... args) {
		return CliRun.inProcess(List.of(args));
	}

	private static String[] args(final Object... parts) {
		final List<String> l = new ArrayList<>();
		for (final Object p : parts)
			if (p instanceof String[])
				l.addAll(Arrays.asList((String[]) p));
			else
				l.add(String.valueOf(p));
		return l.toArray(new String[0]);
	}

	/** Every error case: exit status, the one line on stderr, and no output left behind. */
	static Stream<Arguments> errors() throws IOException {
		final String tif = SharedData.bulkWaterTiff().toString();
		final String pngs = SharedData.file("data/bulk_water").toString();
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		final Path exists = tmp.resolve("exists.csv");
		Files.writeString(exists, "precious\n");
		final Path cut = tmp.resolve("cut.tif");
		final long cutLength = 10L * PAGE + 5000;
		Files.write(cut, Arrays.copyOf(Files.readAllBytes(SharedData.bulkWaterTiff()), (int) cutLength));
		final Path unwritable = unwritableDirectory();
		final String out = tmp.resolve("out.csv").toString();
		final String[] d11 = { "--diameter", "11", "--invert" };
		return Stream.of(
			Arguments.of("even diameter", args(tif, "--diameter", "10", "--output", out), 2,
				"diameter must be a positive odd integer (round up), got 10"),
			Arguments.of("no diameter", args(tif, "--output", out), 2,
				"--diameter is required (trackpy's diameter: an odd number of pixels, or one per axis z,y,x or y,x)"),
			Arguments.of("diameter not a number", args(tif, "--diameter", "eleven", "--output", out), 2,
				"diameter must be a number or one number per axis (z,y,x or y,x), got 'eleven'"),
			Arguments.of("unknown option", args(tif, d11, "--bogus", "--output", out), 2, "Unknown option: '--bogus'"),
			Arguments.of("no input", args(d11, "--output", out), 2, "no INPUT given (see --help)"),
			Arguments.of("missing file", args(tmp + "/missing.tif", d11, "--output", out), 3,
				"no such file or directory: " + tmp + "/missing.tif"),
			Arguments.of("RGB without channel", args(pngs, d11, "--output", out), 2,
				"bulk_water_000.png is RGB: choose a channel with --channel red|green|blue|N"),
			Arguments.of("channel out of range", args(tif, d11, "--channel", "4", "--output", out), 2,
				"channel 4 is out of range: bulk_water_red_50.tif has 1 channel"),
			Arguments.of("channel all on RGB", args(pngs, d11, "--channel", "all", "--output", out), 2,
				"bulk_water_000.png is RGB (all channels: only in the ImageJ plugin): choose a channel with --channel red|green|blue|N"),
			Arguments.of("channel name", args(tif, d11, "--channel", "purple", "--output", out), 2,
				"channel must be all, red, green, blue (r, g, b) or a channel number from 1, got purple"),
			Arguments.of("empty directory", args(empty, d11, "--output", out), 3,
				"directory " + empty + " contains no image files (bmp, gif, jpeg, jpg, png, tif, tiff)"),
			Arguments.of("output exists", args(tif, d11, "--output", exists), 5,
				exists + " already exists (use --overwrite to replace it)"),
			Arguments.of("output directory missing", args(tif, d11, "--output", tmp + "/nodir/out.csv"), 5,
				"cannot write " + tmp + "/nodir/out.csv: directory " + tmp + "/nodir does not exist"),
			Arguments.of("output directory not writable", args(tif, d11, "--output", unwritable + "/out.csv"), 5,
				"cannot write " + unwritable + "/out.csv: directory " + unwritable + " is not writable"),
			Arguments.of("truncated TIFF", args(cut, d11, "--output", out), 3,
				"cut.tif is truncated or corrupt: the directory of page 12 (at byte " + (11L * PAGE + 8)
					+ ") extends past the end of the file (" + cutLength + " bytes)"),
			Arguments.of("percentile 150", args(tif, d11, "--percentile", "150", "--output", out), 2,
				"percentile must be in [0, 100], got 150"),
			Arguments.of("threads 0", args(tif, d11, "--threads", "0", "--output", out), 2, "threads must be at least 1, got 0"),
			Arguments.of("noise_size >= smoothing_size", args(tif, d11, "--noise-size", "11", "--output", out), 2,
				"noise_size (11) must be smaller than smoothing_size (11)"),
			Arguments.of("maxsize without characterize", args(tif, d11, "--maxsize", "3", "--no-characterize", "--output", out), 2,
				"maxsize needs characterize (size is only measured when characterizing)"));
	}

	/** A directory nobody may write to: read-only for a normal user; as root, /proc. */
	private static Path unwritableDirectory() throws IOException {
		final Path ro = Files.createDirectories(tmp.resolve("readonly"));
		ro.toFile().setWritable(false, false);
		if (Files.isWritable(ro)) // root ignores permissions
			return Paths.get("/proc");
		return ro;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void errorCase(final String name, final String[] args, final int exitCode, final String message) throws IOException {
		final Set<String> before = listing();
		final CliRun r = CliRun.inProcess(List.of(args));
		assertEquals(List.of("parallel-locate: error: " + message), r.stderrLines(), name);
		assertEquals(exitCode, r.exitCode(), name);
		assertEquals(0, r.stdout().length, "nothing on stdout");
		assertEquals(before, listing(), "no output file left behind");
		if (name.equals("output exists"))
			assertEquals("precious\n", Files.readString(tmp.resolve("exists.csv")));
	}

	private static Set<String> listing() throws IOException {
		try (Stream<Path> s = Files.list(tmp)) {
			return new HashSet<>(s.map(p -> p.getFileName().toString()).toList());
		}
	}

	/** The one channel grammar: 'all' (or 0) on a single-channel movie is that channel, 'r' is red. */
	@Test
	void channelGrammar() {
		final CliRun plain = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20");
		for (final String all : new String[] { "all", "ALL", "0", "1" }) {
			final CliRun r = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20", "--channel", all);
			assertEquals(0, r.exitCode(), all + ": " + r);
			assertArrayEquals(plain.stdout(), r.stdout(), all);
		}
	}

	@Test
	void outOfMemoryIsOneLineWithAdvice() {
		final String m = Main.outOfMemory();
		assertTrue(m.matches("out of memory: the Java heap \\(\\d+ MB\\) is too small for these frames and threads: run with a larger heap, "
			+ "e\\.g\\. java -Xmx\\d+g -jar parallel-locate-cli\\.jar \\.\\.\\., or fewer --threads"), m);
	}

	@Test
	void debugShowsTheStackTrace() {
		final CliRun r = run(tmp + "/missing.tif", "--diameter", "11", "--debug");
		assertEquals(3, r.exitCode());
		assertTrue(r.stderrLines().size() > 2, r.stderr());
		assertTrue(r.stderr().contains("\tat io.github.parallellocate."), r.stderr());
	}

	@Test
	void stdoutEqualsOutputFileAndMatchesTrackpy() throws Exception {
		final Path csv = tmp.resolve("sample.csv");
		final CliRun toFile = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20", "--output", csv.toString());
		assertEquals(0, toFile.exitCode(), toFile.toString());
		assertEquals("", toFile.stderr());
		assertEquals(0, toFile.stdout().length);
		final CliRun toStdout = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20", "--threads", "1");
		assertEquals(0, toStdout.exitCode(), toStdout.toString());
		assertArrayEquals(Files.readAllBytes(csv), toStdout.stdout());
		assertTrue(toStdout.stdoutText().startsWith("y,x,mass,size,ecc,signal,raw_mass,ep,frame\n"));
		final FeatureTable ref = referenceFrames("reference/bulk_water_d11_mm20.csv", 5);
		Parity.compare(ref, FeatureTable.readCsv(csv)).assertParity();
	}

	/** The reference CSV's first n frames. */
	static FeatureTable referenceFrames(final String reference, final int n) throws IOException {
		final FeatureTable all = FeatureTable.readCsv(SharedData.file(reference));
		final FeatureTable t = new FeatureTable();
		for (int f = 0; f < n; f++)
			for (final double[] row : all.frame(f))
				t.add(f, row);
		return t;
	}

	@Test
	void noCharacterizeColumns() {
		final CliRun r = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20", "--no-characterize", "--topn", "3");
		assertEquals(0, r.exitCode(), r.toString());
		final String[] lines = r.stdoutText().split("\n");
		assertEquals("y,x,mass,frame", lines[0]);
		assertEquals(1 + 5 * 3, lines.length);
		assertTrue(lines[15].endsWith(",4"), lines[15]);
	}

	/** A corrupt image in the middle: the run stops naming it, or skips it with --skip-bad-frames. */
	@Test
	void badFrame() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("withbad"));
		for (int i = 0; i < 4; i++)
			Files.copy(SharedData.file("data/bulk_water/bulk_water_00" + i + ".png"), dir.resolve("f" + i + ".png"));
		final byte[] good = Files.readAllBytes(dir.resolve("f1.png"));
		Files.write(dir.resolve("f1.png"), Arrays.copyOf(good, good.length / 3));
		final Path csv = tmp.resolve("bad.csv");
		final CliRun stop = run(dir.toString(), "--channel", "red", "--diameter", "11", "--invert", "--minmass", "20", "--output", csv.toString());
		assertEquals(4, stop.exitCode(), "a failed frame");
		assertEquals(1, stop.stderrLines().size(), stop.stderr());
		assertTrue(stop.stderr().startsWith("parallel-locate: error: frame 1 (f1.png): f1.png cannot be read ("), stop.stderr());
		assertFalse(Files.exists(csv));

		final CliRun skip = run(dir.toString(), "--channel", "red", "--diameter", "11", "--invert", "--minmass", "20", "--output", csv.toString(),
			"--skip-bad-frames");
		assertEquals(0, skip.exitCode(), skip.toString());
		assertEquals(2, skip.stderrLines().size(), skip.stderr());
		assertTrue(skip.stderrLines().get(0).startsWith("parallel-locate: skipped frame 1 (f1.png): f1.png cannot be read ("), skip.stderr());
		assertEquals("parallel-locate: 1 of 4 frames skipped", skip.stderrLines().get(1));
		final FeatureTable got = FeatureTable.readCsv(csv);
		assertEquals(Set.of(0, 2, 3), got.frameNumbers());
		final FeatureTable ref = referenceFrames("reference/bulk_water_d11_mm20.csv", 4);
		for (final int f : new int[] { 0, 2, 3 })
			assertEquals(ref.frame(f).size(), got.frame(f).size(), "frame " + f);
	}

	@Test
	void demoWritesCsvAndPicture() throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve("demo"));
		final CliRun r = run("--demo", "--output", dir.toString());
		assertEquals(0, r.exitCode(), r.toString());
		assertTrue(r.stdoutText().contains("5 frames, 2723 features in "), r.stdoutText());
		final FeatureTable got = FeatureTable.readCsv(dir.resolve("features.csv"));
		final FeatureTable ref = referenceFrames("reference/bulk_water_d11_mm20.csv", 5);
		assertEquals(ref.size(), got.size());
		assertEquals(2723, got.size());
		Parity.compare(ref, got).assertParity();
		final BufferedImage png = ImageIO.read(dir.resolve("features-frame0.png").toFile());
		assertEquals(640, png.getWidth());
		assertEquals(424, png.getHeight());
		int red = 0;
		final Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < png.getHeight(); y++)
			for (int x = 0; x < png.getWidth(); x++) {
				final int rgb = png.getRGB(x, y) & 0xffffff;
				colours.add(rgb);
				if (rgb == 0xff0000)
					red++;
			}
		assertTrue(colours.size() > 30, "not blank: " + colours.size() + " colours");
		assertTrue(red > 539 * 20, "a red circle around each of the 539 features: " + red + " red pixels");
		// a second run replaces the demo's own files
		assertEquals(0, run("--demo", "--output", dir.toString()).exitCode());
	}

	@Test
	void annotateWritesAnRgbStackImageJOpens() throws Exception {
		final Path tif = tmp.resolve("annotated.tif");
		final CliRun r = run(SAMPLE.toString(), "--diameter", "11", "--invert", "--minmass", "20", "--annotate", tif.toString());
		assertEquals(0, r.exitCode(), r.toString());
		final ImagePlus imp = IJ.openImage(tif.toString());
		assertEquals(5, imp.getStackSize());
		assertEquals(ImagePlus.COLOR_RGB, imp.getType());
		// the first feature of frame 0 (y=4.949, x=103.835): its circle passes through (x + 0.5 + 5.5, y + 0.5)
		final int[] rgb = imp.getStack().getProcessor(1).getPixel(109, 5, null);
		assertFalse(rgb[0] == rgb[1] && rgb[1] == rgb[2], "a coloured circle at (109, 5): " + Arrays.toString(rgb));
		final int[] inside = imp.getStack().getProcessor(1).getPixel(104, 5, null);
		assertTrue(inside[0] == inside[1] && inside[1] == inside[2], "the frame inside the circle stays grey");
	}

	@Test
	void versionAndHelp() {
		final CliRun v = run("--version");
		assertEquals(0, v.exitCode());
		assertTrue(v.stdoutText().startsWith("parallel-locate "), v.stdoutText());
		final CliRun h = run("--help");
		assertEquals(0, h.exitCode());
		for (final String option : new String[] { "--diameter", "--minmass", "--maxsize", "--separation", "--noise-size", "--smoothing-size",
			"--threshold", "--invert", "--percentile", "--topn", "--no-preprocess", "--max-iterations", "--no-characterize", "--channel",
			"--threads", "--output", "--overwrite", "--skip-bad-frames", "--annotate", "--debug", "--demo", "Exit status" })
			assertTrue(h.stdoutText().contains(option), option);
	}
}
