package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.cli.Main;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.testutil.StreamingTiffWriter;
import io.github.parallellocate.testutil.SyntheticImages;


/**
 * The command line's answer to bad parameters and bad files that its own
 * {@code MainTest} does not cover: exactly one line on stderr, the exit
 * status, nothing on stdout and no output file. Then degenerate but valid
 * data (black, constant, NaN/Inf, one bright pixel, one frame): exit 0 and
 * exactly the core's features. Files are generated here (one IFD per page).
 */
class CliBadInputTest {

	private static final int W = 48, H = 40;

	@TempDir
	static Path tmp;
	private static Path out;

	/** The result of one in-process run. */
	private record Run(int status, String stdout, String stderr) {
		List<String> stderrLines() {
			return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
		}
	}

	private static Run run(final List<String> args) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		final int status;
		try (PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
			status = Main.run(args.toArray(new String[0]), o, err);
		}
		return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	@BeforeAll
	static void files() throws IOException {
		out = tmp.resolve("out.csv");
	}

	/** A TIFF of {@code pages} pages of little-endian samples. */
	private static Path tiff(final String name, final int bits, final int format, final int pages) throws IOException {
		final Path p = tmp.resolve(name);
		try (StreamingTiffWriter w = new StreamingTiffWriter(p, W, H, bits, format)) {
			for (int i = 0; i < pages; i++)
				w.writePage(new byte[(W * bits + 7) / 8 * H], i == pages - 1);
		}
		return p;
	}

	private static Path text(final String name, final String content) throws IOException {
		return Files.writeString(tmp.resolve(name), content);
	}

	private static Path png(final Path dir, final String name, final int w, final int h) throws IOException {
		final Path p = dir.resolve(name);
		ImageIO.write(new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
		return p;
	}

	private static List<String> args(final Object... parts) {
		final List<String> l = new ArrayList<>();
		for (final Object o : parts)
			l.add(String.valueOf(o));
		return l;
	}

	static Stream<Arguments> badInput() throws IOException {
		final Path grey = tiff("grey.tif", 8, StreamingTiffWriter.UNSIGNED, 3);
		final Path cut = tmp.resolve("cutpng.png");
		final byte[] pngBytes = Files.readAllBytes(png(tmp, "whole.png", W, H));
		Files.write(cut, Arrays.copyOf(pngBytes, pngBytes.length / 2));
		final Path mixed = Files.createDirectories(tmp.resolve("mixed"));
		png(mixed, "a.png", W, H);
		png(mixed, "b.png", W + 8, H);
		final Path textDir = Files.createDirectories(tmp.resolve("textonly"));
		Files.writeString(textDir.resolve("notes.txt"), "no images here\n");
		final Path outDir = Files.createDirectories(tmp.resolve("outdir"));
		final Path empty = text("empty.tif", "");
		final Path noise = tmp.resolve("noise.tif");
		final byte[] random = new byte[5000];
		new Random(1).nextBytes(random);
		Files.write(noise, random);
		return Stream.of(
			// parameters: exit status 2
			Arguments.of("diameter 0", args(grey, "--diameter", 0, "--output", out), 2, "diameter must be a positive odd integer (round up), got 0"),
			Arguments.of("negative diameter", args(grey, "--diameter", -3, "--output", out), 2,
				"diameter must be a positive odd integer (round up), got -3"),
			Arguments.of("even smoothing_size", args(grey, "--diameter", 5, "--smoothing-size", 4, "--output", out), 2,
				"smoothing_size must be a positive odd integer (round up), got 4"),
			Arguments.of("negative percentile", args(grey, "--diameter", 5, "--percentile", -1, "--output", out), 2,
				"percentile must be in [0, 100], got -1"),
			Arguments.of("negative topn", args(grey, "--diameter", 5, "--topn", -1, "--output", out), 2, "topn must be >= 0, got -1"),
			Arguments.of("negative max_iterations", args(grey, "--diameter", 5, "--max-iterations", -1, "--output", out), 2,
				"max_iterations must be >= 0, got -1"),
			Arguments.of("negative threads", args(grey, "--diameter", 5, "--threads", -2, "--output", out), 2, "threads must be at least 1, got -2"),
			// parameters that do not fit the image: never skipped
			Arguments.of("diameter larger than the image", args(grey, "--diameter", 41, "--output", out), 2,
				"diameter 41 is larger than the image (48x40)"),
			Arguments.of("diameter larger than the image, skipping bad frames", args(grey, "--diameter", 41, "--skip-bad-frames", "--output", out),
				2, "diameter 41 is larger than the image (48x40)"),
			// pixel types
			Arguments.of("signed 16-bit TIFF", args(tiff("s16.tif", 16, StreamingTiffWriter.SIGNED, 2), "--diameter", 5, "--output", out), 3,
				"s16.tif: unsupported pixel type (signed 16-bit): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB"),
			Arguments.of("32-bit integer TIFF", args(tiff("i32.tif", 32, StreamingTiffWriter.SIGNED, 2), "--diameter", 5, "--output", out), 3,
				"i32.tif: unsupported pixel type (signed 32-bit integer): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB"),
			Arguments.of("64-bit float TIFF", args(tiff("f64.tif", 64, StreamingTiffWriter.FLOAT, 2), "--diameter", 5, "--output", out), 3,
				"f64.tif: unsupported pixel type (64-bit): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB"),
			// files
			Arguments.of("empty TIFF", args(empty, "--diameter", 5, "--output", out), 3, "empty.tif is not a readable TIFF (the file is empty)"),
			Arguments.of("random bytes as TIFF", args(noise, "--diameter", 5, "--output", out), 3, "noise.tif is not a readable TIFF (no image found)"),
			Arguments.of("text file", args(text("notes.txt", "hello\n"), "--diameter", 5, "--output", out), 3,
				"notes.txt is not an image in a supported format (bmp, gif, jpeg, jpg, png, tif, tiff)"),
			Arguments.of("text named .png", args(text("fake.png", "hello\n"), "--diameter", 5, "--output", out), 3,
				"fake.png is not an image in a supported format (bmp, gif, jpeg, jpg, png, tif, tiff)"),
			Arguments.of("directory of text files", args(textDir, "--diameter", 5, "--output", out), 3,
				"directory " + textDir + " contains no image files (bmp, gif, jpeg, jpg, png, tif, tiff)"),
			Arguments.of("frames of different sizes", args(mixed, "--diameter", 5, "--output", out), 4,
				"frame 1 (b.png): b.png is 56x40 but a.png is 48x40: all frames must have the same size"),
			Arguments.of("output is a directory", args(grey, "--diameter", 5, "--output", outDir), 5, outDir + " is a directory"),
			Arguments.of("truncated PNG", args(cut, "--diameter", 5, "--output", out), 3, null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInput")
	void oneLineStatusAndNoOutput(final String name, final List<String> args, final int status, final String message) throws IOException {
		final Run r = run(args);
		assertEquals(1, r.stderrLines().size(), name + ": " + r.stderr());
		if (message != null)
			assertEquals("parallel-locate: error: " + message, r.stderrLines().get(0), name);
		else
			assertEquals(true, r.stderrLines().get(0).startsWith("parallel-locate: error: cutpng.png cannot be read ("), r.stderr());
		assertEquals(status, r.status(), name);
		assertEquals("", r.stdout(), name + ": nothing on stdout");
		assertEquals(false, Files.exists(out), name + ": no output file");
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("out.csv")).toList(), "no temporary file");
		}
	}

	/** A TIFF whose last page's pixels are cut off (its directory is intact): named, or skipped on request. */
	@Test
	void truncatedPageStopsOrIsSkipped() throws IOException {
		final Random rnd = new Random(3);
		final List<Plane> planes = new ArrayList<>();
		final Path cut = tmp.resolve("cutpage.tif");
		try (StreamingTiffWriter w = new StreamingTiffWriter(cut, W, H)) {
			for (int i = 0; i < 4; i++) {
				planes.add(SyntheticImages.spots(rnd, PixelType.UINT8, W, H, 4, 0.02));
				w.writePage((byte[]) planes.get(i).pixels(), i == 3);
			}
		}
		final long length = Files.size(cut) - 100;
		Files.write(cut, Arrays.copyOf(Files.readAllBytes(cut), (int) length));
		final Path csv = tmp.resolve("cutpage.csv");
		final Run stop = run(args(cut, "--diameter", 7, "--output", csv));
		final String problem = "frame 3 (cutpage.tif, page 4): cutpage.tif is truncated: page 4 needs " + (length + 100) + " bytes but the file has "
			+ length;
		assertEquals(List.of("parallel-locate: error: " + problem), stop.stderrLines());
		assertEquals(4, stop.status(), "a failed frame");
		assertEquals(false, Files.exists(csv));

		final Run skip = run(args(cut, "--diameter", 7, "--skip-bad-frames", "--output", csv));
		assertEquals(List.of("parallel-locate: skipped " + problem, "parallel-locate: 1 of 4 frames skipped"), skip.stderrLines());
		assertEquals(0, skip.status());
		assertEquals(expectedCsv(LocateParameters.builder(7).build(), planes.subList(0, 3)), Files.readString(csv));
	}

	/** Degenerate but valid float frames: black, constant, NaN/Inf around a spot, one bright pixel; and a 1-frame stack. */
	@Test
	void degenerateFramesGiveTheCoresAnswer() throws IOException {
		final float[][] pages = new float[4][W * H];
		Arrays.fill(pages[1], 0.5f);
		final Plane spot = SyntheticImages.spots(new Random(5), PixelType.FLOAT32, W, H, 3, 0.01);
		pages[2] = ((float[]) spot.pixels()).clone();
		pages[2][7] = Float.NaN;
		pages[2][W * 20 + 3] = Float.POSITIVE_INFINITY;
		pages[2][W * H - 1] = Float.NEGATIVE_INFINITY;
		pages[3][W * 20 + 24] = 1;
		final Path tif = tmp.resolve("degenerate.tif");
		final List<Plane> planes = new ArrayList<>();
		try (StreamingTiffWriter w = new StreamingTiffWriter(tif, W, H, 32, StreamingTiffWriter.FLOAT)) {
			for (int i = 0; i < pages.length; i++) {
				final ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
				b.asFloatBuffer().put(pages[i]);
				w.writePage(b.array(), i == pages.length - 1);
				planes.add(Plane.ofFloats(pages[i], W, H));
			}
		}
		final LocateParameters p = LocateParameters.builder(7).build();
		final Run r = run(args(tif, "--diameter", 7, "--threads", 3));
		assertEquals("", r.stderr());
		assertEquals(0, r.status());
		assertEquals(expectedCsv(p, planes), r.stdout());
		assertEquals(true, r.stdout().split("\n").length > 1, "the spots of frame 2 are found");

		final Path single = tmp.resolve("single.tif");
		try (StreamingTiffWriter w = new StreamingTiffWriter(single, W, H, 32, StreamingTiffWriter.FLOAT)) {
			final ByteBuffer b = ByteBuffer.allocate(W * H * 4).order(ByteOrder.LITTLE_ENDIAN);
			b.asFloatBuffer().put(pages[2]);
			w.writePage(b.array(), true);
		}
		final Run one = run(args(single, "--diameter", 7, "--threads", 4));
		assertEquals(0, one.status(), one.stderr());
		assertEquals(expectedCsv(p, planes.subList(2, 3)), one.stdout());
	}

	private static String expectedCsv(final LocateParameters p, final List<Plane> planes) throws IOException {
		final FeatureLocator locator = new FeatureLocator(p);
		final StringWriter w = new StringWriter();
		w.write(FeatureCsv.header(true) + "\n");
		for (int i = 0; i < planes.size(); i++)
			FeatureCsv.writeFrame(w, i, locator.locate(planes.get(i)), true);
		return w.toString();
	}
}
