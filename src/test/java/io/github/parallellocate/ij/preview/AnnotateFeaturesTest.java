package io.github.parallellocate.ij.preview;

import io.github.parallellocate.testutil.PreviewTesting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.ij.Annotate_Features;
import io.github.parallellocate.ij.Locate_Features;
import io.github.parallellocate.imagej.Annotator;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.PlanePosition;
import io.github.parallellocate.testutil.PluginRunner;

/**
 * Annotate Features... headless, after a real Locate Features run: each
 * plane of the annotated copy is, pixel for pixel, what {@link Annotator}
 * draws for the core's features of that plane.
 */
class AnnotateFeaturesTest {

	private static final LocateParameters PARAMS = LocateParameters.builder(11).invert(true).minmass(20.).build();

	@TempDir
	Path dir;
	private ImagePlus imp;

	@BeforeEach
	void locate() throws InterruptedException {
		imp = PreviewTesting.bulkWater(3);
		assertNull(PluginRunner.run(imp, Locate_Features.class, "diameter=11 minmass=20 invert threads=2"));
	}

	private List<Feature> core(final int stackIndex) {
		return PreviewTesting.core(PreviewTesting.plane(imp, stackIndex), PARAMS);
	}

	private void assertPlanesAre(final ImagePlus out, final Annotator expected) {
		assertEquals(3, out.getStackSize());
		assertEquals(ImagePlus.COLOR_RGB, out.getType());
		for (int i = 1; i <= 3; i++) {
			final ColorProcessor want = expected.render(imp.getStack().getProcessor(i), core(i));
			assertArrayEquals((int[]) want.getPixels(), (int[]) out.getStack().getPixels(i), "plane " + i);
		}
	}

	@Test
	void savesTheOverlaysFeaturesAsTiff() throws Exception {
		final Path tif = dir.resolve("annotated.tif");
		assertNull(PluginRunner.run(imp, Annotate_Features.class, "color=yellow save=[" + tif + "]"));
		final ImagePlus out = IJ.openImage(tif.toString());
		assertPlanesAre(out, new Annotator(11).color(Color.YELLOW));
		assertTrue(countColour(out, Color.YELLOW) > 1000);
	}

	@Test
	void tableFeaturesColouredByMass() {
		final List<FeatureRow> rows = new ArrayList<>();
		for (int i = 1; i <= 3; i++)
			for (final Feature f : core(i))
				rows.add(new FeatureRow(new PlanePosition(i, i - 1, 1, 1), f));
		final ResultsTable rt = FeatureTables.toTable(rows, true, imp.getCalibration());
		final AnnotationSource source = AnnotationSource.fromTable(imp, rt, FeatureTables.TITLE);
		assertTrue(source.hasMass());
		assertEquals(rows.size(), source.size());
		final ImagePlus out = Annotate_Features.annotate(imp, source, new Annotator(11).colorByMass(true));
		assertPlanesAre(out, new Annotator(11).colorByMass(true));
	}

	/** A 2-channel, 2-frame hyperstack: the overlay and the table map back to the right planes. */
	@Test
	void hyperstackPlanesFromOverlayAndTable() throws Exception {
		final ImagePlus water = PreviewTesting.bulkWater(4);
		final ImagePlus hyper = new ImagePlus("hyper", water.getStack());
		hyper.setDimensions(2, 1, 2);
		hyper.setOpenAsHyperStack(true);
		assertNull(PluginRunner.run(hyper, Locate_Features.class, "diameter=11 minmass=20 invert channel=all"));
		final Annotator annotator = new Annotator(11);
		final ImagePlus fromOverlay = Annotate_Features.annotate(hyper, AnnotationSource.fromOverlay(hyper), annotator);
		final List<FeatureRow> rows = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			final int[] czt = hyper.convertIndexToPosition(i);
			for (final Feature f : PreviewTesting.core(PreviewTesting.plane(hyper, i), PARAMS))
				rows.add(new FeatureRow(new PlanePosition(i, czt[2] - 1, czt[1], czt[0]), f));
		}
		final ImagePlus fromTable = Annotate_Features.annotate(hyper,
			AnnotationSource.fromTable(hyper, FeatureTables.toTable(rows, true, null), "Features"), annotator);
		assertEquals(2, fromOverlay.getNChannels());
		assertEquals(2, fromOverlay.getNFrames());
		for (int i = 1; i <= 4; i++) {
			final int[] want = (int[]) annotator.render(hyper.getStack().getProcessor(i),
				PreviewTesting.core(PreviewTesting.plane(hyper, i), PARAMS)).getPixels();
			assertArrayEquals(want, (int[]) fromOverlay.getStack().getPixels(i), "overlay, plane " + i);
			assertArrayEquals(want, (int[]) fromTable.getStack().getPixels(i), "table, plane " + i);
		}
	}

	@Test
	void refusesWithOneLineMessages() throws Exception {
		final Path tif = dir.resolve("exists.tif");
		Files.writeString(tif, "keep me");
		assertEquals("color must be an ImageJ colour name (e.g. red, yellow, cyan) or #rrggbb, got 'plaid'",
			PluginRunner.run(imp, Annotate_Features.class, "color=plaid save=[" + dir.resolve("a.tif") + "]"));
		final String exists = PluginRunner.run(imp, Annotate_Features.class, "save=[" + tif + "]");
		assertTrue(exists != null && exists.startsWith("cannot write " + tif), exists);
		assertEquals("keep me", Files.readString(tif), "an existing file is not replaced without overwrite");
		// an image that was never located (a copy: its own ID, no table of its own)
		final ImagePlus copy = new ImagePlus(imp.getTitle(), imp.getStack());
		copy.setOverlay(new Overlay(new Roi(1, 1, 5, 5)));
		assertEquals("no features: no 'Features' table and no circles on the overlay of 'bulk_water_3' "
			+ "(run Locate Features... first)", PluginRunner.run(copy, Annotate_Features.class, "save=[" + dir.resolve("b.tif") + "]"));
		assertFalse(Files.exists(dir.resolve("a.tif")) || Files.exists(dir.resolve("b.tif")), "nothing written");
	}

	private static int countColour(final ImagePlus img, final Color c) {
		int n = 0;
		for (int i = 1; i <= img.getStackSize(); i++)
			for (final int p : (int[]) img.getStack().getPixels(i))
				if ((p & 0xffffff) == (c.getRGB() & 0xffffff))
					n++;
		return n;
	}
}
