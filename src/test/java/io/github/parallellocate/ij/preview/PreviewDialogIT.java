package io.github.parallellocate.ij.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import io.github.parallellocate.testutil.SharedData;
import io.github.parallellocate.testutil.XDisplay;


/**
 * The live preview in real ImageJ windows: {@link PreviewGuiDriver} opens the
 * bulk water stack, opens "Locate Features...", types parameters, ticks
 * Preview and Plots with mouse clicks, scrolls the stack, types a new
 * minmass and cancels; then opens it again and clicks OK (the run's
 * overlay replaces the preview) and runs Annotate Features... from its
 * dialog; all in a child JVM on a display (a private Xvfb, else the
 * build's {@code DISPLAY}; skipped without either). Checked here: the overlay counts equal
 * the core's on each previewed plane, the plots opened and closed, the
 * image's own overlay came back, and the screenshot of the image is not
 * blank and shows both preview colours. Screenshots stay in
 * {@code target/preview-it/} as test artefacts.
 */
class PreviewDialogIT {

	@Test
	void previewFollowsTheDialogAndTheStack() throws Exception {
		final Path tiff = SharedData.bulkWaterTiff();
		final Path out = Path.of("target", "preview-it");
		Files.createDirectories(out);
		Files.deleteIfExists(out.resolve("result.properties"));
		final int exit;
		try (XDisplay display = XDisplay.open()) {
			System.out.println("PreviewDialogIT on DISPLAY " + display.display()
				+ (display.isPrivate() ? " (private Xvfb)" : ""));
			exit = display.runJava(PreviewGuiDriver.class.getName(), List.of(out.toString(), tiff.toString()),
				out.resolve("driver.log"), 240);
		}
		final Properties r = new Properties();
		try (InputStream in = Files.newInputStream(out.resolve("result.properties"))) {
			r.load(in);
		}
		assertNull(r.getProperty("error"), () -> "driver failed; the end of " + out.resolve("driver.log") + ":\n"
			+ tail(out.resolve("driver.log"), 25));
		assertEquals(0, exit);
		for (final String plane : List.of("plane1", "plane3", "plane3_mm80")) {
			assertEquals(r.getProperty(plane + ".expected"), r.getProperty(plane + ".accepted"), plane);
			assertTrue(Integer.parseInt(r.getProperty(plane + ".expected")) > 100, plane);
		}
		assertTrue(Integer.parseInt(r.getProperty("plane3_mm80.rejected")) > 0, "minmass 80 rejects some");
		assertEquals("3", r.getProperty("plots"), "one plot window, mass, size and bias as its slices");
		assertEquals("true", r.getProperty("plots.besideImage"), "the plots are beside the image, not over it");
		assertEquals("3", r.getProperty("runPlots"), "after the run: the plots of all frames");
		assertEquals("All frames: mass", r.getProperty("runPlots.label"));
		assertEquals("true", r.getProperty("runPlots.besideImage"));
		assertEquals("8", r.getProperty("tableLink.slice"), "a table row shows its plane (frame 7)");
		assertEquals("f0007-#3", r.getProperty("tableLink.roi"));
		assertEquals(Double.parseDouble(r.getProperty("tableLink.x")), Double.parseDouble(r.getProperty("tableLink.centreX")), 1e-9);
		assertEquals("true", r.getProperty("dialogClosed"));
		assertEquals("true", r.getProperty("overlayRestored"), "cancel restores the image's own overlay");
		assertEquals("true", r.getProperty("plotsClosed"));

		assertEquals(r.getProperty("ok.expected"), r.getProperty("ok.overlay"), "OK: the run's overlay, all planes");
		assertEquals("0", r.getProperty("ok.previewLeft"), "OK: no preview circles left");
		assertEquals("50", r.getProperty("annotated.planes"));
		assertEquals("true", r.getProperty("annotated.rgb"));

		checkRecording(r, tiff);

		final BufferedImage shot = ImageIO.read(out.resolve("preview-image.png").toFile());
		assertTrue(variance(shot) > 10, "the screenshot is not blank (a uniform capture has 0; variance " + variance(shot) + ")");
		final int cyan = count(shot, PreviewOverlay.ACCEPTED), magenta = count(shot, PreviewOverlay.REJECTED);
		System.out.println("PreviewDialogIT: cyan " + cyan + " px, magenta " + magenta + " px");
		assertTrue(cyan > 2000, "accepted circles drawn in cyan: " + cyan + " pixels");
		assertTrue(magenta > 200, "rejected circles drawn in magenta: " + magenta + " pixels");
	}

	/**
	 * The macro recorder with Preview off records every value (the
	 * listener's final read), threads not at all (unchanged from ImageJ's
	 * setting), a default-on box that was unticked as {@code key=false}; and
	 * the recorded line, replayed in ImageJ's {@code -batch} mode, writes the
	 * same CSV byte for byte. The dialog has a Help button and shows diameter,
	 * minmass and invert before the "Advanced" heading.
	 */
	private void checkRecording(final Properties r, final Path tiff) throws Exception {
		assertEquals("false", r.getProperty("record.preview"), "recorded with Preview off");
		assertEquals("true", r.getProperty("dialog.help"), "a Help button");
		final String order = r.getProperty("dialog.order");
		final int advanced = order.indexOf("|Advanced|");
		assertTrue(advanced > 0, order);
		for (final String basic : List.of("diameter", "minmass", "invert"))
			assertTrue(order.indexOf(basic) >= 0 && order.indexOf(basic) < advanced, basic + " before Advanced: " + order);
		for (final String other : List.of("maxsize", "separation", "percentile", "preprocess", "characterize"))
			assertTrue(order.indexOf(other) > advanced, other + " after Advanced: " + order);

		final String recorded = r.getProperty("recorded");
		final java.util.regex.Matcher m = java.util.regex.Pattern
			.compile("run\\(\"Locate Features\\.\\.\\.\", \"([^\"]*)\"\\);").matcher(recorded);
		assertTrue(m.find(), "a run(\"Locate Features...\", options) line: " + recorded);
		final String options = m.group(1);
		for (final String kv : List.of("diameter=11", "minmass=60", "invert", "maxsize=[]", "separation=[]",
			"noise_size=1", "smoothing_size=[]", "threshold=[]", "percentile=64", "topn=[]", "preprocess",
			"max_iterations=10", "characterize", "overlay=false", "csv="))
			assertTrue((" " + options + " ").contains(" " + kv), "'" + kv + "' recorded in: " + options);
		assertTrue(!options.contains("threads"), "threads unchanged: not recorded: " + options);

		final Path guiCsv = Path.of(r.getProperty("recorded.csv"));
		final Path dir = Files.createTempDirectory(Path.of("target"), "replay");
		final Path replayCsv = dir.resolve("replayed.csv").toAbsolutePath();
		final String replay = m.group(0).replace(guiCsv.toString(), replayCsv.toString());
		assertTrue(replay.contains(replayCsv.toString()), replay);
		final String log = io.github.parallellocate.ij.IjBatch.run(dir, "open(\"" + tiff.toAbsolutePath() + "\");\n" + replay + "\n");
		System.out.println("replayed in -batch: " + replay + "\n" + log);
		assertEquals(Files.readString(guiCsv), Files.readString(replayCsv), "the replayed line writes the same CSV");
		assertTrue(Files.readAllLines(guiCsv).size() > 1000);
	}

	/**
	 * Pixels of the hue of {@code c} (cyan or magenta): the two strong
	 * channels of {@code c} exceed the weak one by 60 grey levels. The image
	 * is grey, so only the overlay has such pixels; anti-aliased circle edges
	 * (colour blended with grey) count too.
	 */
	private static int count(final BufferedImage img, final Color c) {
		int n = 0;
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++) {
				final int rgb = img.getRGB(x, y);
				final int[] v = { (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255 };
				final int[] want = { c.getRed(), c.getGreen(), c.getBlue() };
				int strongMin = 255, weakMax = 0;
				for (int k = 0; k < 3; k++)
					if (want[k] > 127)
						strongMin = Math.min(strongMin, v[k]);
					else
						weakMax = Math.max(weakMax, v[k]);
				if (strongMin - weakMax > 60)
					n++;
			}
		return n;
	}

	/** The last {@code n} lines of a log that are not stack frames. */
	private static String tail(final Path log, final int n) {
		try {
			final List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.strip().startsWith("at ")).toList();
			return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
		}
		catch (final IOException e) {
			return "(unreadable: " + e + ")";
		}
	}

	/** Variance of the grey level (mean of R, G, B). */
	private static double variance(final BufferedImage img) {
		double sum = 0, sum2 = 0;
		final int n = img.getWidth() * img.getHeight();
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++) {
				final int rgb = img.getRGB(x, y);
				final double g = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3.0;
				sum += g;
				sum2 += g * g;
			}
		final double mean = sum / n;
		return sum2 / n - mean * mean;
	}
}
