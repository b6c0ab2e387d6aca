package io.github.parallellocate.ij.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.imagej.PlanePosition;

/** Which plane the preview locates: the displayed one, in the options' channel. */
class PreviewTargetTest {

	/** A 2-channel, 1-slice, 3-frame hyperstack whose plane i is filled with the value i. */
	private static ImagePlus hyperstack() {
		final ImageStack s = new ImageStack(16, 16);
		for (int i = 1; i <= 6; i++) {
			final ByteProcessor bp = new ByteProcessor(16, 16);
			bp.setValue(i);
			bp.fill();
			s.addSlice(bp);
		}
		final ImagePlus imp = new ImagePlus("hyper", s);
		imp.setDimensions(2, 1, 3);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static int firstPixel(final Plane p) {
		return ((byte[]) p.pixels())[0] & 0xff;
	}

	@Test
	void displayedPlaneOrTheChosenChannelOfIt() {
		final ImagePlus imp = hyperstack();
		imp.setPosition(1, 1, 2); // channel 1, frame 2: stack index 3
		PreviewTarget t = PreviewTarget.current(imp, 0);
		assertEquals(new PlanePosition(3, 1, 1, 1), t.position());
		assertEquals(3, firstPixel(t.read().asPlane()));
		t = PreviewTarget.current(imp, 2); // channel 2 of the displayed frame
		assertEquals(new PlanePosition(4, 1, 1, 2), t.position());
		assertEquals(4, firstPixel(t.read().asPlane()));
		assertThrows(IllegalArgumentException.class, () -> PreviewTarget.current(imp, 3));
	}

	@Test
	void rgbPlanesAreTheChosenColour() {
		final ColorProcessor cp = new ColorProcessor(16, 16);
		cp.setColor(new java.awt.Color(10, 20, 30));
		cp.fill();
		final ImagePlus imp = new ImagePlus("rgb", cp);
		assertEquals(20, firstPixel(PreviewTarget.current(imp, 2).read().asPlane()));
		assertEquals("RGB image: choose a channel (channel=red, green or blue)",
			assertThrows(IllegalArgumentException.class, () -> PreviewTarget.current(imp, 0)).getMessage());
		assertArrayEquals(new Object[] { imp.getID(), 3, 1, "null" }, ((java.util.List<?>) PreviewTarget.current(imp, 3).key()).toArray());
	}
}
