package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

/**
 * Every bad input gives one clear line through {@code IJ.error} (as a macro
 * sees it, headless: no HeadlessException), and nothing is published: no CSV
 * (not even a partial or temporary file), no overlay, the Results table
 * untouched.
 */
class LocateFeaturesErrorsTest {

	@TempDir
	Path tmp;

	@BeforeEach
	void markResults() {
		final ResultsTable rt = ResultsTable.getResultsTable();
		rt.reset();
		rt.incrementCounter();
		rt.addValue("marker", 42);
	}

	private void assertError(final ImagePlus imp, final String options, final String message) throws Exception {
		final Path csv = tmp.resolve("out.csv");
		final String error = IjTesting.runPlugin(imp, options + " csv=[" + csv + "] results");
		assertEquals(message, error);
		assertTrue(!message.contains("\n"));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(0, files.count(), "no CSV, no temporary file");
		}
		assertNull(imp.getOverlay());
		final ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(1, rt.size());
		assertEquals(42, rt.getValue("marker", 0));
	}

	private static ImagePlus gray8(final int n) {
		final ImageStack s = new ImageStack(32, 32);
		for (int i = 0; i < n; i++)
			s.addSlice(new ByteProcessor(32, 32));
		return new ImagePlus("gray", s);
	}

	@Test
	void evenDiameter() throws Exception {
		assertError(gray8(2), "diameter=10", "diameter must be a positive odd integer (round up), got 10");
	}

	@Test
	void missingDiameter() throws Exception {
		assertError(gray8(2), "invert", "diameter is required");
	}

	@Test
	void fractionalDiameter() throws Exception {
		assertError(gray8(2), "diameter=11.5", "diameter must be a positive odd integer (round up), got 11.5");
	}

	@Test
	void notANumber() throws Exception {
		assertError(gray8(2), "diameter=11 minmass=lots", "minmass must be a number, got 'lots'");
	}

	@Test
	void unknownKey() throws Exception {
		final String err = IjTesting.runPlugin(gray8(1), "diameter=11 minmas=20");
		assertTrue(err.startsWith("unknown option 'minmas' (known: diameter, minmass, "), err);
	}

	@Test
	void noiseSizeNotBelowSmoothingSize() throws Exception {
		assertError(gray8(2), "diameter=5 noise_size=5", "noise_size (5) must be smaller than smoothing_size (5)");
	}

	@Test
	void rgbWithoutChannel() throws Exception {
		assertError(new ImagePlus("rgb", new ColorProcessor(32, 32)), "diameter=11",
			"RGB image: choose a channel (channel=red, green or blue)");
	}

	@Test
	void rgbChannelOutOfRange() throws Exception {
		assertError(new ImagePlus("rgb", new ColorProcessor(32, 32)), "diameter=11 channel=4",
			"channel must be red, green or blue (1 to 3) for an RGB image, got 4");
	}

	@Test
	void channelOutOfRange() throws Exception {
		assertError(gray8(3), "diameter=11 channel=2", "channel 2 is out of range: the image has 1 channel");
	}

	@Test
	void badChannelName() throws Exception {
		assertError(gray8(3), "diameter=11 channel=purple",
			"channel must be all, red, green, blue (r, g, b) or a channel number from 1, got purple");
	}

	@Test
	void emptyStack() throws Exception {
		final ImagePlus imp = gray8(1);
		imp.getStack().deleteLastSlice();
		assertError(imp, "diameter=11", "the image has no planes (empty stack)");
	}

	@Test
	void indexedColor() throws Exception {
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) { // a palette, not a smooth pseudo-colour ramp
			r[i] = (byte) (i * 37);
			g[i] = (byte) (i * 101);
			b[i] = (byte) (i * 13);
		}
		final ByteProcessor bp = new ByteProcessor(32, 32);
		bp.setColorModel(new IndexColorModel(8, 256, r, g, b));
		final ImagePlus imp = new ImagePlus("lut", bp);
		imp.setTypeToColor256(); // what ImageJ's opener does for a file with a colour palette
		assertEquals(ImagePlus.COLOR_256, imp.getType());
		assertError(imp, "diameter=11", "8-bit color (indexed) images are not supported: convert to RGB or 8-bit first");
	}

	@Test
	void signed16Bit() throws Exception {
		final ImagePlus imp = new ImagePlus("signed", new ShortProcessor(32, 32));
		imp.getCalibration().setSigned16BitCalibration();
		assertError(imp, "diameter=11", "signed 16-bit images are not supported: convert to 32-bit first");
	}

	@Test
	void csvDirectoryMissing() throws Exception {
		final Path csv = tmp.resolve("no/such/dir/out.csv");
		final String error = IjTesting.runPlugin(gray8(2), "diameter=11 csv=[" + csv + "]");
		assertEquals("cannot write " + csv + ": directory " + csv.getParent() + " does not exist", error);
		assertTrue(!Files.exists(tmp.resolve("no")));
	}

	@Test
	void noImage() throws IOException, InterruptedException {
		assertEquals("no image is open", IjTesting.runPlugin(null, "diameter=11"));
	}
}
