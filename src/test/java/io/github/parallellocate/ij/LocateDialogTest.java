package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.measure.Calibration;
import io.github.parallellocate.core.LocateParameter;

/**
 * The dialog's pieces that need no display: the hints are the first sentence
 * of the specification's help, the Help button's page is the project's user
 * guide (the pom's URL), and the z diameter suggested from the voxel size.
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
}
