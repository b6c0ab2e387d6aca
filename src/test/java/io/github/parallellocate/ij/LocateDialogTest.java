package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Warmup;

/**
 * The dialog's pieces that need no display: the hints are the first sentence
 * of the specification's help, the Help button's page is the project's user
 * guide (the pom's URL), the z diameter suggested from the voxel size, and
 * what the background warm-up warms (the image's pixel type, the fields'
 * parameters).
 */
class LocateDialogTest {

	@Test
	void hintsComeFromTheSpecification() {
		for (final LocateParameter p : LocateParameter.values()) {
			final String hint = LocateDialog.hint(p);
			assertTrue(p.help().startsWith(hint) && hint.endsWith("."), p + ": " + hint);
		}
		assertEquals("Features are dark on a bright background (bright-field).", LocateDialog.hint(LocateParameter.INVERT));
	}

	@Test
	void helpOpensTheUserGuideOfTheProject() throws Exception {
		final String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
		final String url = pom.substring(pom.indexOf("<url>") + 5, pom.indexOf("</url>"));
		assertEquals(url + "/blob/main/docs/user-guide.md", LocateDialog.HELP_URL);
		assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of("docs/user-guide.md")));
	}

	@Test
	void theWarmupWarmsWhatTheDialogWouldRun() {
		// before the dialog is built: the values it opens with, the image's pixel type, planes
		final Warmup.Job j8 = new LocateDialog(new ImagePlus("u8", new ByteProcessor(64, 48))).warmupJob();
		assertEquals(PixelType.UINT8, j8.type());
		assertEquals(2, j8.ndim());
		assertEquals(PerAxis.of(Integer.parseInt(LocateDialog.initial("diameter", LocateDialog.FIRST_DIAMETER))), j8.parameters().diameter());
		assertEquals(PixelType.UINT16, new LocateDialog(new ImagePlus("u16", new ShortProcessor(64, 48))).warmupJob().type());
		assertEquals(PixelType.FLOAT32, new LocateDialog(new ImagePlus("f", new FloatProcessor(64, 48))).warmupJob().type());
		assertEquals(PixelType.UINT8, new LocateDialog(new ImagePlus("rgb", new ColorProcessor(64, 48))).warmupJob().type());
	}

	@Test
	void zDiameterFromTheVoxelSize() {
		final Calibration cal = new Calibration();
		cal.pixelWidth = cal.pixelHeight = 0.25;
		cal.pixelDepth = 0.5; // voxels twice as deep as wide: half as many slices
		assertEquals("5,11,11", LocateDialog.suggestedDiameter(11, cal));
		cal.pixelDepth = 0.25;
		assertEquals("11", LocateDialog.suggestedDiameter(11, cal));
		cal.pixelDepth = 1.0;
		assertEquals("3,11,11", LocateDialog.suggestedDiameter(11, cal));
		cal.pixelDepth = 10.0;
		assertEquals("1,11,11", LocateDialog.suggestedDiameter(11, cal));
	}

	/**
	 * What the recorder does not write by itself: {@code threads} only when
	 * it differs from ImageJ's thread count, default-on boxes as
	 * {@code key=false}, {@code plots} when ticked.
	 */
	@Test
	void recordedExtras() {
		final boolean was = ij.plugin.frame.Recorder.record;
		try {
			ij.plugin.frame.Recorder.record = true;
			ij.plugin.frame.Recorder.resetCommandOptions();
			final java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
			v.put("preprocess", "false");
			v.put("characterize", "true");
			v.put("overlay", "false");
			v.put("threads", Integer.toString(io.github.parallellocate.imagej.LocateOptions.defaultThreads()));
			LocateDialog.recordExtras(v);
			assertEquals("preprocess=false overlay=false", ij.plugin.frame.Recorder.getCommandOptions());
			ij.plugin.frame.Recorder.resetCommandOptions();
			v.put("threads", Integer.toString(io.github.parallellocate.imagej.LocateOptions.defaultThreads() + 1));
			v.put("plots", "true");
			LocateDialog.recordExtras(v);
			assertEquals("preprocess=false overlay=false plots threads="
				+ (io.github.parallellocate.imagej.LocateOptions.defaultThreads() + 1), ij.plugin.frame.Recorder.getCommandOptions());
		}
		finally {
			ij.plugin.frame.Recorder.resetCommandOptions();
			ij.plugin.frame.Recorder.record = was;
		}
	}
}
