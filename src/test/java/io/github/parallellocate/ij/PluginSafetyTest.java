package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;

/**
 * Issue 13 through the plugin: no dialog without options in batch or
 * headless mode (the command line's message instead), {@code csv=} never
 * replaces an existing file without {@code overwrite} and never the image's
 * own file, and a virtual stack whose file is cut short fails with one line
 * naming the plane instead of reading zeros.
 */
class PluginSafetyTest {

	@TempDir
	Path tmp;

	@Test
	void noOptionsWithoutAUserInterfaceIsTheCommandLinesMessage() throws Exception {
		assertEquals("diameter is required", IjTesting.runPlugin(IjTesting.bulkWater(1), null));
		assertEquals("diameter is required", IjTesting.runPlugin(IjTesting.bulkWater(1), ""));
	}

	@Test
	void existingCsvIsKeptUnlessOverwrite() throws Exception {
		final Path csv = tmp.resolve("features.csv");
		Files.writeString(csv, "precious\n");
		final ImagePlus imp = IjTesting.bulkWater(2);
		assertEquals("csv=" + csv + " already exists: add the key overwrite to replace it",
			IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + csv + "]"));
		assertEquals("precious\n", Files.readString(csv));
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert overwrite csv=[" + csv + "]"));
		Parity.compare(IjTesting.reference("bulk_water_d11_mm20.csv", 2), FeatureTable.readCsv(csv)).assertParity();
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(List.of(csv), files.toList(), "no temporary file left");
		}
	}

	@Test
	void neverTheImagesOwnFile() throws Exception {
		final Path tif = tmp.resolve("movie.tif");
		IJ.saveAsTiff(IjTesting.bulkWater(2), tif.toString());
		final byte[] before = Files.readAllBytes(tif);
		for (final ImagePlus imp : new ImagePlus[] { IJ.openImage(tif.toString()), IJ.openVirtual(tif.toString()) }) {
			assertEquals("csv=" + tif + " is the image's own file: choose another name",
				IjTesting.runPlugin(imp, "diameter=11 overwrite csv=[" + tif + "]"));
			// also by another spelling of the same path
			final Path other = tmp.resolve(".").resolve("movie.tif");
			assertEquals("csv=" + other + " is the image's own file: choose another name",
				IjTesting.runPlugin(imp, "diameter=11 overwrite csv=[" + other + "]"));
		}
		assertArrayEquals(before, Files.readAllBytes(tif));
	}

	@Test
	void truncatedVirtualStackFailsAtThePlaneNotWithZeros() throws Exception {
		final Path tif = tmp.resolve("cut.tif");
		IJ.saveAsTiff(IjTesting.bulkWater(5), tif.toString());
		final ImagePlus imp = IJ.openVirtual(tif.toString());
		assertTrue(imp.getStack().isVirtual());
		final long plane = 640L * 424;
		try (RandomAccessFile f = new RandomAccessFile(tif.toFile(), "rw")) {
			f.setLength(f.length() - 2 * plane - 100); // planes 4 and 5 are gone, after opening
		}
		final Path csv = tmp.resolve("cut.csv");
		final String error = IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert threads=1 csv=[" + csv + "]");
		assertTrue(error != null && error.startsWith("frame 3 (cut.tif, stack slice 4 of 5): cut.tif is truncated: stack slice 4 needs "),
			error);
		assertTrue(!error.contains("\n"));
		assertTrue(Files.notExists(csv), "no CSV");
	}
}
