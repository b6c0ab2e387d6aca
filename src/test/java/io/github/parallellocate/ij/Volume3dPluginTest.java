package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.SharedData;

/**
 * Issue 12 through the ImageJ plugin: a TZYX hyperstack located as volumes
 * ({@code diameter=5,9,9} or {@code diameter=7 3d}) at parity with the
 * shared trackpy references, the table with {@code z} and calibrated
 * {@code z_cal}, the overlay on every slice a feature spans, and one-line
 * errors for 3D on planes.
 */
class Volume3dPluginTest {

	@TempDir
	Path tmp;

	private static ImagePlus open(final String name) {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/" + name).toString());
		assertEquals(40 * 4, name.startsWith("iso8") ? imp.getStackSize() : 40 * 4);
		return imp;
	}

	@Test
	void isotropicVolumesAtParityWithTrackpy() throws Exception {
		final ImagePlus imp = open("iso8.tif");
		assertTrue(imp.getNSlices() == 40 && imp.getNFrames() == 4, imp.getNSlices() + " slices, " + imp.getNFrames() + " frames");
		final Path csv = tmp.resolve("iso8.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=7 minmass=1000 3d csv=[" + csv + "]"));
		assertEquals("z,y,x,mass,size,ecc,signal,raw_mass,ep,frame", Files.readAllLines(csv).get(0));
		final NdParity p = NdParity.compare(NdTable.readCsv(SharedData.file("reference3d/iso8_d7.csv")), NdTable.readCsv(csv));
		System.out.println("iso8 d7 through the plugin: " + p.summary());
		p.assertParity();
		// the same with the per-axis spelling
		final Path csv2 = tmp.resolve("iso8b.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=7,7,7 minmass=1000 csv=[" + csv2 + "]"));
		assertEquals(Files.readString(csv), Files.readString(csv2));

		final Overlay o = imp.getOverlay();
		assertTrue(o.size() > 184 * 3, "each feature on the slices it spans: " + o.size());
		final ResultsTable rt = FeatureTables.toTable(Locator.run(imp, "diameter=7 minmass=1000 3d").rows(), true,
			imp.getCalibration());
		assertTrue(rt.columnExists("z") && rt.columnExists("z_cal") && !rt.columnExists("slice"));
		assertEquals(184, rt.size());
		assertEquals(rt.getValue("z", 0) * imp.getCalibration().pixelDepth, rt.getValue("z_cal", 0), 1e-12);
	}

	@Test
	void anisotropicVolumesAtParityWithTrackpy() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/aniso16.tif").toString());
		final Path csv = tmp.resolve("aniso.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=5,9,9 minmass=5000 calibrated csv=[" + csv + "]"));
		final List<String> lines = Files.readAllLines(csv);
		assertTrue(lines.get(0).startsWith("z,y,x,mass,size_z,size_y,size_x,ecc,signal,raw_mass,ep_z,ep_y,ep_x,frame,z_"),
			lines.get(0));
		// the calibrated columns: pixels times the voxel size (0.5 um deep, 0.25 um wide)
		final String[] head = lines.get(0).split(",");
		final int frame = List.of(head).indexOf("frame");
		assertEquals(List.of("z_um", "y_um", "x_um"), List.of(head).subList(frame + 1, head.length));
		for (final String line : lines.subList(1, lines.size())) {
			final String[] v = line.split(",");
			assertEquals(Double.parseDouble(v[0]) * 0.5, Double.parseDouble(v[frame + 1]), 1e-12);
			assertEquals(Double.parseDouble(v[2]) * 0.25, Double.parseDouble(v[frame + 3]), 1e-12);
		}
		final Path pixels = tmp.resolve("aniso-pixels.csv");
		Files.write(pixels, lines.stream().map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, frame + 1))).toList());
		final NdParity p = NdParity.compare(NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv")),
			NdTable.readCsv(pixels));
		System.out.println("aniso16 d5,9,9 through the plugin: " + p.summary());
		p.assertParity();
	}

	@Test
	void overlayFollowsTheCrossSection() throws Exception {
		final ImagePlus imp = open("iso8.tif");
		final LocateResult r = Locator.run(imp, "diameter=7 minmass=1000 3d");
		final Overlay o = io.github.parallellocate.imagej.FeatureOverlay.create(imp, r.rows().subList(0, 1),
			io.github.parallellocate.core.PerAxis.of(7));
		final double z = r.rows().get(0).feature().z();
		for (final Roi roi : o.toArray()) {
			final int s = roi.getZPosition() - 1;
			assertTrue(Math.abs(s - z) < 3.5, s + " vs " + z);
			final double expected = 7 * Math.sqrt(1 - Math.pow((s - z) / 3.5, 2));
			assertEquals(expected, roi.getFloatWidth(), 1e-9);
			assertEquals(r.rows().get(0).frame() + 1, roi.getTPosition());
		}
		assertTrue(o.size() >= 6 && o.size() <= 7, "slices within 3.5 of z: " + o.size());
	}

	@Test
	void threeDOnPlanesIsOneLine() throws Exception {
		final ImagePlus planes = new ImagePlus("planes", new ByteProcessor(32, 32));
		assertEquals("3d needs Z slices: 'planes' has 1 slice per time point (set them in Image > Properties...)",
			IjTesting.runPlugin(planes, "diameter=5,9,9"));
		assertEquals("3d needs Z slices: 'planes' has 1 slice per time point (set them in Image > Properties...)",
			IjTesting.runPlugin(planes, "diameter=5 3d"));
		assertEquals("3d: diameter 9,11 has two values (y,x); give one or three (z,y,x)",
			IjTesting.runPlugin(open("iso8.tif"), "diameter=9,11 3d"));
	}

	/** Annotate Features on volumes: each feature on the slice nearest its z, of its time point. */
	@Test
	void annotationOfVolumesIsOnTheNearestSlice() throws Exception {
		final ImagePlus imp = open("iso8.tif");
		final LocateResult r = Locator.run(imp, "diameter=7 minmass=1000 3d");
		final io.github.parallellocate.ij.preview.AnnotationSource s = io.github.parallellocate.ij.preview.AnnotationSource
			.fromTable(imp, FeatureTables.toTable(r.rows(), true, imp.getCalibration()), "Features");
		assertEquals(r.rows().size(), s.size());
		for (final io.github.parallellocate.imagej.FeatureRow f : r.rows()) {
			final int index = imp.getStackIndex(1, (int) Math.round(f.feature().z()) + 1, f.frame() + 1);
			assertTrue(s.plane(index).stream().anyMatch(g -> g.x() == f.x() && g.y() == f.y()), f.toString());
		}
	}
}
