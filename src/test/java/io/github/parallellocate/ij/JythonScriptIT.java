package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.python.core.PyException;
import org.python.util.PythonInterpreter;

import ij.IJ;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * scripts/Locate_Features_Folder.py in a real Jython interpreter against
 * ImageJ 1.x and the plugin, its {@code #@} parameters injected as variables
 * (as SciJava's script service does in Fiji).
 */
class JythonScriptIT {

	@TempDir
	Path tmp;

	private void runScript(final Path in, final Path out, final String options) throws Exception {
		try (PythonInterpreter py = new PythonInterpreter()) {
			py.set("input", new File(in.toString()));
			py.set("output", new File(out.toString()));
			py.set("options", options);
			py.execfile(Paths.get("scripts/Locate_Features_Folder.py").toString());
		}
	}

	@Test
	void folderScriptWritesOneCsvPerImageMatchingTrackpy() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		Files.copy(SharedData.bulkWaterTiff(), in.resolve("bulk_water_red_50.tif"));
		IJ.saveAsTiff(IjTesting.bulkWater(3), in.resolve("three.tif").toString());
		Files.writeString(in.resolve("readme.txt"), "not an image");

		runScript(in, out, "diameter=13 invert threads=2");

		Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv")),
			FeatureTable.readCsv(out.resolve("bulk_water_red_50.csv"))).assertParity();
		Parity.compare(IjTesting.reference("bulk_water_d13.csv", 3), FeatureTable.readCsv(out.resolve("three.csv")))
			.assertParity();
		final List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
		assertEquals(3, summary.size());
		assertEquals("image,planes,features,planes_per_second", summary.get(0));
		assertTrue(summary.get(1).startsWith("bulk_water_red_50.tif,50,22177,"), summary.get(1));
		assertTrue(summary.get(2).startsWith("three.tif,3," + IjTesting.reference("bulk_water_d13.csv", 3).size() + ","),
			summary.get(2));
	}

	@Test
	void badOptionsRaiseTheOneLineMessage() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		IJ.saveAsTiff(IjTesting.bulkWater(2), in.resolve("two.tif").toString());
		final PyException e = assertThrows(PyException.class, () -> runScript(in, out, "diameter=12"));
		assertTrue(e.toString().contains("diameter must be a positive odd integer (round up), got 12"), e.toString());
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(0, s.count());
		}
	}
}
