package io.github.parallellocate.ij.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.imagej.FeatureOverlay;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.SharedData;

/**
 * Table to image: a row of the Features table shows its plane and outlines
 * its feature with the ROI Manager's name for it; also after the table was
 * sorted, and for volumes (the slice nearest z, with the cross-section).
 */
class TableLinkTest {

	@Test
	void rowShowsItsPlaneAndOutlinesTheFeature() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final List<FeatureRow> rows = Locator.run(imp, "diameter=11 minmass=20 invert").rows();
		final ResultsTable rt = FeatureTables.toTable(rows, true, imp.getCalibration());
		int row = -1;
		for (int r = 0; r < rows.size(); r++)
			if (rows.get(r).frame() == 12) {
				row = r + 34;
				break;
			}
		final FeatureRow f = rows.get(row);
		assertEquals(12, f.frame());
		final Roi roi = TableLink.select(imp, rt, row, PerAxis.of(11));
		assertEquals(13, imp.getCurrentSlice());
		assertEquals("f0012-#34", roi.getName());
		assertEquals(f.x() + 0.5, roi.getFloatBounds().getCenterX(), 1e-9);
		assertEquals(f.y() + 0.5, roi.getFloatBounds().getCenterY(), 1e-9);
		assertEquals(11, roi.getFloatWidth(), 1e-9);
		assertEquals(roi, imp.getRoi());

		// the overlay's outline of the same feature has the same name
		final Roi outline = FeatureOverlay.create(imp, rows, 11).get(row);
		assertEquals("f0012-#34", outline.getName());

		// sorted by mass: the row still points at its own feature
		rt.sort("mass");
		final int top = rt.size() - 1;
		final Roi brightest = TableLink.select(imp, rt, top, PerAxis.of(11));
		assertEquals((int) rt.getValue("frame", top) + 1, imp.getCurrentSlice());
		assertEquals(rt.getValue("x", top) + 0.5, brightest.getFloatBounds().getCenterX(), 1e-9);
	}

	@Test
	void volumeRowShowsTheNearestSlice() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/iso8.tif").toString());
		final List<FeatureRow> rows = Locator.run(imp, "diameter=7 minmass=1000 3d").rows();
		final ResultsTable rt = FeatureTables.toTable(rows, true, imp.getCalibration());
		final int row = rows.size() - 1;
		final Roi roi = TableLink.select(imp, rt, row, PerAxis.of(7));
		final FeatureRow f = rows.get(row);
		assertEquals(Math.round(f.feature().z()) + 1, imp.getZ());
		assertEquals(f.frame() + 1, imp.getT());
		assertTrue(roi.getFloatWidth() > 6 && roi.getFloatWidth() <= 7, "cross-section near the centre: " + roi.getFloatWidth());
	}
}
