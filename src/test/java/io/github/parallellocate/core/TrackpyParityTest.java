package io.github.parallellocate.core;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * The core against trackpy's own output on the 50 bulk water frames
 * (../shared/reference), one locator for all frames as a worker would use it.
 */
class TrackpyParityTest {

	private static ImageStack stack;

	@BeforeAll
	static void load() {
		final Path tif = SharedData.bulkWaterTiff();
		final ImagePlus imp = IJ.openImage(tif.toString());
		stack = imp.getStack();
	}

	private static FeatureTable locateAll(final LocateParameters p) {
		final FeatureLocator locator = new FeatureLocator(p);
		final FeatureTable t = new FeatureTable();
		for (int i = 1; i <= stack.getSize(); i++)
			t.addAll(i - 1, locator.locate(Plane.of(stack.getPixels(i), stack.getWidth(), stack.getHeight())));
		return t;
	}

	@Test
	void diameter11Minmass20() throws Exception {
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final FeatureTable got = locateAll(LocateParameters.builder(11).invert(true).minmass(20.).build());
		final Parity p = Parity.compare(ref, got);
		System.out.println("d11 mm20: " + p.summary());
		p.assertParity();
	}

	@Test
	void diameter13() throws Exception {
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv"));
		final FeatureTable got = locateAll(LocateParameters.builder(13).invert(true).build());
		final Parity p = Parity.compare(ref, got);
		System.out.println("d13: " + p.summary());
		p.assertParity();
	}
}
