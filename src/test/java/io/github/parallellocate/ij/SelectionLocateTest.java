package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.gui.Line;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;

/**
 * A selection on the image, as ImageJ filters and TrackMate use it: a
 * rectangle is located exactly as trackpy locates {@code image[y:y+h, x:x+w]}
 * (reference: {@code scripts/reference/make_crop_reference.py}, trackpy on
 * the crops, positions in the whole image), other shapes keep the features
 * of their bounding rectangle that lie inside them.
 */
class SelectionLocateTest {

	@TempDir
	Path tmp;

	private static FeatureTable reference(final String name) throws Exception {
		return FeatureTable.readCsv(Path.of(SelectionLocateTest.class.getResource("/reference/crop/" + name).toURI()));
	}

	@Test
	void rectangleIsTrackpyOnTheCrop() throws Exception {
		for (final int[] r : new int[][] { { 100, 60, 300, 200 }, { 333, 211, 151, 97 } }) {
			final ImagePlus imp = IjTesting.bulkWater(5);
			imp.setRoi(new Roi(r[0], r[1], r[2], r[3]));
			final Path csv = tmp.resolve("crop" + r[0] + ".csv");
			assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + csv + "]"));
			final FeatureTable ref = reference(String.format("bulk_water_crop_%d_%d_%d_%d_d11_mm20.csv", r[0], r[1], r[2], r[3]));
			final Parity p = Parity.compare(ref, FeatureTable.readCsv(csv));
			System.out.println("crop " + r[0] + "," + r[1] + " " + r[2] + "x" + r[3] + ": " + p.summary());
			p.assertParity();
			assertTrue(ref.size() > 100);
			// not the full frame's features: the crop's borders change the bandpass
			final Parity full = Parity.compare(ref, IjTesting.reference("bulk_water_d11_mm20.csv", 5));
			assertTrue(full.extraCandidate > 0, "the whole frames have more features");
		}
	}

	@Test
	void ovalKeepsTheFeaturesInsideItsBoundingRectangle() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(2);
		imp.setRoi(new Roi(100, 60, 300, 200));
		final List<FeatureRow> rect = Locator.run(imp, "diameter=11 minmass=20 invert").rows();
		final OvalRoi oval = new OvalRoi(100, 60, 300, 200);
		imp.setRoi(oval);
		final List<FeatureRow> inOval = Locator.run(imp, "diameter=11 minmass=20 invert").rows();
		final List<FeatureRow> expected = rect.stream().filter(f -> oval.containsPoint(f.x() + 0.5, f.y() + 0.5))
			.collect(Collectors.toList());
		assertTrue(expected.size() < rect.size() && expected.size() > 50, expected.size() + " of " + rect.size());
		assertEquals(expected, inOval);
	}

	@Test
	void lineSelectionsAreIgnored() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(1);
		final int all = Locator.run(imp, "diameter=11 minmass=20 invert").rows().size();
		imp.setRoi(new Line(10, 10, 200, 200));
		assertEquals(all, Locator.run(imp, "diameter=11 minmass=20 invert").rows().size());
	}

	@Test
	void selectionPartlyOutsideIsClipped() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(1);
		imp.setRoi(new Roi(333, 211, 151, 97));
		final List<FeatureRow> inside = Locator.run(imp, "diameter=11 minmass=20 invert").rows();
		imp.setRoi(new Roi(-20, -30, 120, 90));
		final LocateResult corner = Locator.run(imp, "diameter=11 minmass=20 invert");
		for (final FeatureRow f : corner.rows())
			assertTrue(f.x() < 100 && f.y() < 60, f.toString());
		assertTrue(!inside.isEmpty() && !corner.rows().isEmpty());
	}

	@Test
	void tooSmallSelectionIsOneLine() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(1);
		imp.setRoi(new Roi(10, 10, 8, 8));
		assertEquals("frame 0 (bulk_water_1, stack slice 1 of 1): diameter 11 is larger than the image (8x8)",
			IjTesting.runPlugin(imp, "diameter=11"));
	}

	/** A feature's outline left by a click in the Features table is not a region to locate in. */
	@Test
	void featureOutlineIsNotARegion() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(1);
		final Path all = tmp.resolve("all.csv"), again = tmp.resolve("again.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + all + "]"));
		final Roi outline = new OvalRoi(100, 100, 11, 11);
		outline.setName("f0000-#3");
		imp.setRoi(outline);
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + again + "]"));
		assertEquals(java.nio.file.Files.readString(all), java.nio.file.Files.readString(again));
	}
}
