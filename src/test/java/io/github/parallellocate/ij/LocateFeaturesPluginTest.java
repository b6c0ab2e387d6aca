package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;

/**
 * The ImageJ 1.x plugin driven by macro options in a headless JVM, as
 * {@code run("Locate Features...", options)} drives it: key parsing, the
 * Results table, the CSV and the overlay, against trackpy's references.
 */
class LocateFeaturesPluginTest {

	@TempDir
	Path tmp;

	@BeforeAll
	static void headless() {
		assertTrue(GraphicsEnvironment.isHeadless(), "these tests must run headless (-Djava.awt.headless=true)");
	}

	@Test
	void allFramesMatchTrackpyInResultsAndCsv() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater();
		final Path csv = tmp.resolve("features d11.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + csv + "] results threads=2"));

		final FeatureTable ref = IjTesting.reference("bulk_water_d11_mm20.csv", 50);
		final Parity fromCsv = Parity.compare(ref, FeatureTable.readCsv(csv));
		System.out.println("plugin CSV d11 mm20: " + fromCsv.summary());
		fromCsv.assertParity();
		assertEquals(FeatureCsv.HEADER, Files.readAllLines(csv).get(0));

		final ResultsTable results = ResultsTable.getResultsTable();
		assertEquals(29325, results.size());
		Parity.compare(ref, IjTesting.fromResults(results)).assertParity();
		assertEquals(49, (int) results.getValue("frame", results.size() - 1));
		assertEquals(1, (int) results.getValue("slice", 0));
		assertEquals(1, (int) results.getValue("channel", 0));

		final Overlay overlay = imp.getOverlay();
		assertNotNull(overlay);
		assertEquals(29325, overlay.size());
		final Roi last = overlay.get(overlay.size() - 1);
		assertEquals(50, last.getPosition());
		final double x = results.getValue("x", results.size() - 1);
		final double y = results.getValue("y", results.size() - 1);
		final java.awt.geom.Rectangle2D.Double b = last.getFloatBounds();
		assertEquals(x + 0.5, b.x + b.width / 2, 1e-9);
		assertEquals(y + 0.5, b.y + b.height / 2, 1e-9);
		assertEquals(11, b.width, 1e-9);
		assertEquals(11, b.height, 1e-9);
	}

	@Test
	void defaultsAreTrackpysAndNoneIsEmpty() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(5);
		final Path csv = tmp.resolve("d13.csv");
		// minmass=[] and topn=0 are None; preprocess and characterize default on
		assertNull(IjTesting.runPlugin(imp, "diameter=13 invert minmass=[] topn=0 separation=None csv=" + csv));
		Parity.compare(IjTesting.reference("bulk_water_d13.csv", 5), FeatureTable.readCsv(csv)).assertParity();
	}

	@Test
	void booleanKeysCanBeSwitchedOff() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(2);
		final Path csv = tmp.resolve("noc.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert characterize=false overlay=false csv=" + csv));
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(FeatureCsv.HEADER_NO_CHARACTERIZE, lines.get(0));
		final FeatureTable ref = IjTesting.reference("bulk_water_d11_mm20.csv", 2);
		assertEquals(ref.size(), lines.size() - 1);
		assertNull(imp.getOverlay());
	}

	@Test
	void virtualStackGivesTheSameFeatures() throws Exception {
		final ImagePlus imp = ij.IJ.openVirtual(io.github.parallellocate.testutil.SharedData.bulkWaterTiff().toString());
		assertTrue(imp.getStack().isVirtual());
		final Path csv = tmp.resolve("virtual.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=13 invert csv=" + csv));
		Parity.compare(IjTesting.reference("bulk_water_d13.csv", 50), FeatureTable.readCsv(csv)).assertParity();
	}
}
