package io.github.parallellocate.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.io.FileInput;
import io.github.parallellocate.robust.TiffCorpus;

/** ImageJ's hyperstack dimensions and calibration come through the reader, as ImageJ wrote them. */
class TiffLayoutTest {

	@TempDir
	Path tmp;

	@Test
	void imageJHyperstackDimensionsAndCalibration() throws Exception {
		final int c = 2, z = 3, t = 2;
		final ImageStack stack = new ImageStack(16, 12);
		for (int i = 0; i < c * z * t; i++) {
			final ByteProcessor bp = new ByteProcessor(16, 12);
			bp.set(i + 1);
			bp.set(3, 4, 200 + i);
			stack.addSlice(bp);
		}
		final ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(c, z, t);
		imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.5;
		cal.pixelDepth = 2.5;
		cal.setUnit("micron");
		cal.frameInterval = 0.75;
		final Path file = tmp.resolve("hyper.tif");
		assertTrue(IJ.saveAsTiff(imp, file.toString()));
		try (FileInput in = FileInput.open(file)) {
			final TiffPages pages = TiffPages.open(in);
			final TiffLayout l = pages.layout();
			assertEquals(c, l.channels());
			assertEquals(z, l.slices());
			assertEquals(t, l.frames());
			assertEquals(c * z * t, pages.pages());
			assertEquals(0.25, l.pixelWidth(), 1e-12);
			assertEquals(0.5, l.pixelHeight(), 1e-12);
			assertEquals(2.5, l.voxelDepth(), 1e-12);
			assertEquals("\u00b5m", l.unit());
			assertEquals(0.75, l.frameInterval(), 1e-12);
			assertTrue(l.fromImageJ());
			// czt order: page of channel 2, slice 3, frame 2 is ImageJ's stack index
			final int page = l.page(1, 2, 1);
			assertEquals(imp.getStackIndex(2, 3, 2) - 1, page);
			assertArrayEquals((byte[]) stack.getPixels(page + 1), (byte[]) pages.read(in, page, 0).pixels());
		}
	}

	@Test
	void filesWithoutImageJMetadataAreOneStackOfSlices() throws Exception {
		final Path file = Files.write(tmp.resolve("plain.tif"), TiffCorpus.plain(TiffCorpus.planes(PixelType.UINT8, 1)));
		final TiffLayout l; try (FileInput in = FileInput.open(file)) { l = TiffPages.open(in).layout(); }
		assertEquals(new TiffLayout(1, 3, 1, 1, 1, 1, "pixel", 0, false), l);
		// numbers that do not multiply to the page count are ignored
		final TiffLayout odd = TiffLayout.of(7, "ImageJ=1.54p\nimages=7\nchannels=1\nslices=3\nframes=2\n", Double.NaN, Double.NaN, 1);
		assertEquals(7, odd.slices());
		assertFalse(odd.fromImageJ());
	}
}
