package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/** ImgLib2 images in and out of the core. */
class PlanesTest {

	/** A 40x30 8-bit image with one Gaussian spot centred at (x=17.3, y=12.6). */
	private static byte[] spot() {
		final byte[] px = new byte[40 * 30];
		for (int y = 0; y < 30; y++)
			for (int x = 0; x < 40; x++)
				px[y * 40 + x] = (byte) (10 + Math.round(200 * Math.exp(-((x - 17.3) * (x - 17.3) + (y - 12.6) * (y - 12.6)) / 4.5)));
		return px;
	}

	@Test
	void arrayImgIsWrappedWithoutCopy() {
		final byte[] px = spot();
		final Plane p = Planes.of(ArrayImgs.unsignedBytes(px, 40, 30));
		assertSame(px, p.pixels());
		assertEquals(40, p.width());
		assertEquals(30, p.height());
	}

	@Test
	void viewsAreCopiedRowMajorAndLocateTheSameFeatures() {
		final byte[] px = spot();
		final ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(px, 40, 30);
		final LocateParameters params = LocateParameters.of(7);
		final List<Feature> direct = new FeatureLocator(params).locate(Plane.ofBytes(px, 40, 30));
		// an offset view of the same pixels is copied, not wrapped
		final Plane copied = Planes.of(Views.translate(img, 5, 7));
		assertEquals(direct, new FeatureLocator(params).locate(copied));
		assertEquals(1, direct.size());
		assertEquals(12.6, direct.get(0).y(), 0.1);
		assertEquals(17.3, direct.get(0).x(), 0.1);
	}

	@Test
	void roundTripThroughImg() {
		final float[] px = new float[12];
		px[5] = 0.5f;
		final Plane p = Plane.ofFloats(px, 4, 3);
		final Plane back = Planes.of(Planes.toImg(p));
		assertSame(px, back.pixels());
		assertEquals(PixelType.FLOAT32, back.type());
	}

	@Test
	void unsupportedTypesAreRefusedByName() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planes.of(ArrayImgs.doubles(4, 4)));
		assertEquals("unsupported pixel type DoubleType: supported are UnsignedByteType, UnsignedShortType and FloatType", e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> Planes.of(ArrayImgs.unsignedBytes(4, 4, 2)));
	}
}
