package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.LocateOptions;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;

/**
 * Hyperstacks (frame/slice/channel of each feature, overlay positions),
 * RGB channel choice and calibrated columns, checked against trackpy's
 * reference for the bulk water planes the images are built from.
 */
class HyperstackRgbCalibrationTest {

	@TempDir
	Path tmp;

	private static final LocateParameters D11 = LocateParameters.builder(11).minmass(20.).invert(true).build();

	@Test
	void hyperstackPlanesKnowTheirFrameSliceAndChannel() throws Exception {
		// 12 bulk water planes as 2 channels x 2 slices x 3 frames: stack index i holds trackpy frame i-1
		final ImagePlus imp = IjTesting.bulkWater(12);
		imp.setDimensions(2, 2, 3);
		imp.setOpenAsHyperStack(true);
		final FeatureTable ref = IjTesting.reference("bulk_water_d11_mm20.csv", 12);
		final Path csv = tmp.resolve("hyper.csv");
		assertEquals(null, IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert results csv=" + csv));

		final ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(ref.size(), rt.size());
		final FeatureTable byPlane = new FeatureTable();
		for (int r = 0; r < rt.size(); r++) {
			final int c = (int) rt.getValue("channel", r), z = (int) rt.getValue("slice", r), t = (int) rt.getValue("frame", r);
			assertTrue(t >= 0 && t < 3 && z >= 1 && z <= 2 && c >= 1 && c <= 2);
			final int stackIndex = imp.getStackIndex(c, z, t + 1);
			final double[] row = new double[FeatureTable.COLUMNS.length];
			for (int k = 0; k < row.length; k++)
				row[k] = rt.getValue(FeatureTable.COLUMNS[k], r);
			byPlane.add(stackIndex - 1, row);
		}
		Parity.compare(ref, byPlane).assertParity();

		final List<String> lines = Files.readAllLines(csv);
		assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep,frame,slice,channel", lines.get(0));
		assertEquals(ref.size() + 1, lines.size());

		final Overlay overlay = imp.getOverlay();
		assertEquals(ref.size(), overlay.size());
		for (int i = 0; i < overlay.size(); i += 97) {
			final Roi roi = overlay.get(i);
			assertEquals((int) rt.getValue("channel", i), roi.getCPosition());
			assertEquals((int) rt.getValue("slice", i), roi.getZPosition());
			assertEquals((int) rt.getValue("frame", i) + 1, roi.getTPosition());
		}
	}

	@Test
	void oneChannelOfAHyperstack() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(12);
		imp.setDimensions(2, 2, 3);
		imp.setOpenAsHyperStack(true);
		final LocateResult result = new Locator(new LocateOptions(D11, 2, 2, null, false, false, false)).run(imp);
		final FeatureTable ref = IjTesting.reference("bulk_water_d11_mm20.csv", 12);
		int expected = 0;
		for (int i = 2; i <= 12; i += 2)
			expected += ref.frame(i - 1).size();
		assertEquals(expected, result.rows().size());
		assertTrue(result.rows().stream().allMatch(r -> r.channel() == 2));
	}

	@Test
	void rgbChannelIsLocatedAs8Bit() throws Exception {
		// red = the bulk water planes, green = their inverse, blue = 0
		final ImageStack gray = IjTesting.bulkWater(3).getStack();
		final ImageStack rgb = new ImageStack(gray.getWidth(), gray.getHeight());
		for (int i = 1; i <= 3; i++) {
			final ImageProcessor ip = gray.getProcessor(i);
			final ColorProcessor cp = new ColorProcessor(ip.getWidth(), ip.getHeight());
			for (int p = 0; p < ip.getPixelCount(); p++) {
				final int v = ip.get(p);
				cp.set(p, v << 16 | (255 - v) << 8);
			}
			rgb.addSlice(cp);
		}
		final ImagePlus imp = new ImagePlus("rgb", rgb);
		final FeatureTable ref = IjTesting.reference("bulk_water_d11_mm20.csv", 3);

		final LocateResult red = Locator.run(imp, "diameter=11 minmass=20 invert channel=red");
		Parity.compare(ref, table(red)).assertParity();
		assertTrue(red.rows().stream().allMatch(r -> r.channel() == 1));
		// trackpy's invert of uint8 is 255 - v: the green channel without invert is the same
		final LocateResult green = Locator.run(imp, "diameter=11 minmass=20 channel=2");
		Parity.compare(ref, table(green)).assertParity();
		assertTrue(green.rows().stream().allMatch(r -> r.channel() == 2));
	}

	@Test
	void calibratedColumnsAreAddedAndPixelsKept() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(2);
		imp.getCalibration().pixelWidth = 0.35;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().setUnit("um");
		final LocateResult result = Locator.run(imp, "diameter=11 minmass=20 invert");
		final ResultsTable rt = FeatureTables.toTable(result.rows(), true, imp.getCalibration());
		assertEquals(result.rows().size(), rt.size());
		for (int r = 0; r < rt.size(); r += 31) {
			assertEquals(result.rows().get(r).x(), rt.getValue("x", r), 0);
			assertEquals((rt.getValue("x", r) + 0.5) * 0.35, rt.getValue("x_cal", r), 1e-12);
			assertEquals((rt.getValue("y", r) + 0.5) * 0.5, rt.getValue("y_cal", r), 1e-12);
		}
		final ResultsTable uncal = FeatureTables.toTable(result.rows(), true, new ij.measure.Calibration());
		assertTrue(!uncal.columnExists("x_cal"));
		assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep,frame,slice,channel".replace(',', '\t'),
			uncal.getColumnHeadings().trim());
	}

	@Test
	void javaApiForScripts() throws Exception {
		final List<FeatureRow> rows = Locator.locate(IjTesting.bulkWater(4), D11);
		Parity.compare(IjTesting.reference("bulk_water_d11_mm20.csv", 4), table(rows)).assertParity();
	}

	private static FeatureTable table(final LocateResult r) {
		return table(r.rows());
	}

	private static FeatureTable table(final List<FeatureRow> rows) {
		final FeatureTable t = new FeatureTable();
		for (final FeatureRow r : rows)
			t.add(r.frame(), FeatureTable.row(r.feature()));
		return t;
	}
}
