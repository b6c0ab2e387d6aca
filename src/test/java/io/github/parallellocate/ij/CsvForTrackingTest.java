package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * The CSV hand-off to tracking (docs/tracking.md): what {@code trackpy.link}
 * needs ({@code frame} as 0-based integers, {@code y} and {@code x} in
 * pixels, trackpy's names, no index column) and what TrackMate's CSV importer
 * needs (a position per axis and a frame or time column, in the image's
 * calibrated units: {@code x_um}, {@code y_um}, {@code t_s} with
 * {@code calibrated}), with the calibrated values exactly
 * {@code x * pixelWidth} and {@code frame * frameInterval}.
 */
class CsvForTrackingTest {

	@TempDir
	Path tmp;

	@Test
	void csvCarriesWhatTrackpyLinkAndTrackMateNeed() throws Exception {
		final ImagePlus imp = IjTesting.bulkWater(5);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 1 / 2.85; // bulk water: 2.85 px per micron
		cal.setUnit("micron");
		cal.frameInterval = 1 / 24.0; // 24 fps
		cal.setTimeUnit("sec");
		final Path csv = tmp.resolve("for-tracking.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert calibrated csv=[" + csv + "]"));
		final List<String> lines = Files.readAllLines(csv);
		assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep,frame,y_um,x_um,t_s", lines.get(0));
		final List<String> head = List.of(lines.get(0).split(","));
		final int frame = head.indexOf("frame"), y = head.indexOf("y"), x = head.indexOf("x");
		int last = 0;
		final boolean[] seen = new boolean[5];
		for (final String line : lines.subList(1, lines.size())) {
			final String[] v = line.split(",");
			assertEquals(head.size(), v.length, line);
			assertTrue(v[frame].matches("\\d+"), "frame is an integer: " + v[frame]);
			final int f = Integer.parseInt(v[frame]);
			assertTrue(f >= last, "rows in frame order");
			last = f;
			seen[f] = true;
			final double px = Double.parseDouble(v[x]), py = Double.parseDouble(v[y]);
			assertTrue(px >= 0 && px < 640 && py >= 0 && py < 424);
			assertEquals(py * cal.pixelHeight, Double.parseDouble(v[head.indexOf("y_um")]), 0);
			assertEquals(px * cal.pixelWidth, Double.parseDouble(v[head.indexOf("x_um")]), 0);
			assertEquals(f * cal.frameInterval, Double.parseDouble(v[head.indexOf("t_s")]), 0);
		}
		for (int f = 0; f < 5; f++)
			assertTrue(seen[f], "frame " + f + " present (0-based, as trackpy counts)");
		// the pixel columns are trackpy's, exactly as without calibrated
		final Path plain = tmp.resolve("plain.csv");
		assertNull(IjTesting.runPlugin(imp, "diameter=11 minmass=20 invert csv=[" + plain + "]"));
		final List<String> p = Files.readAllLines(plain);
		assertEquals(lines.size(), p.size());
		for (int i = 0; i < p.size(); i++)
			assertTrue(lines.get(i).startsWith(p.get(i) + ","), "row " + i);
	}

	@Test
	void calibratedNeedsACalibration() throws Exception {
		assertEquals("calibrated: 'bulk_water_1' has no spatial calibration (set it in Image > Properties...)",
			IjTesting.runPlugin(IjTesting.bulkWater(1), "diameter=11 calibrated csv=[" + tmp.resolve("x.csv") + "]"));
	}
}
