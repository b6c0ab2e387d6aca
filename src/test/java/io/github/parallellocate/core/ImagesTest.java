package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** ImgLib2 images as planes and volumes: zero copy where the layout allows, correct copies elsewhere. */
class ImagesTest {

	private static byte[] ramp(final int n) {
		final byte[] b = new byte[n];
		for (int i = 0; i < n; i++)
			b[i] = (byte) (i * 7 + 3);
		return b;
	}

	@Test
	void arrayImgsAreWrappedWithoutCopying() {
		final byte[] px = ramp(5 * 4 * 3);
		final Image vol = Images.of(ArrayImgs.unsignedBytes(px, 5, 4, 3));
		final Volume v = assertInstanceOf(Volume.class, vol);
		assertEquals(List.of(3, 4, 5), List.of(v.shape()[0], v.shape()[1], v.shape()[2]));
		for (int z = 0; z < 3; z++) {
			assertSame(px, v.sliceArray(z));
			assertEquals(z * 20, v.sliceOffset(z));
		}
		assertEquals(px[(2 * 4 + 1) * 5 + 3] & 0xff, v.get(3, 1, 2));
		final byte[] p2 = ramp(20);
		assertSame(p2, ((Plane) Images.of(ArrayImgs.unsignedBytes(p2, 5, 4))).pixels());
	}

	@Test
	void planarImgsAreWrappedWithoutCopying() {
		final PlanarImg<FloatType, ?> img = PlanarImgs.floats(6, 5, 4, 2); // x, y, z, t
		final Volume v = (Volume) Images.frame(img, 3, 1);
		for (int z = 0; z < 4; z++)
			assertSame(img.getPlane(4 + z).getCurrentStorageArray(), v.sliceArray(z));
		final Plane p = (Plane) Images.frame(img, 2, 5); // plane 5 of 8
		assertSame(img.getPlane(5).getCurrentStorageArray(), p.pixels());
		assertEquals(8, Images.frameCount(img, 2));
		assertEquals(2, Images.frameCount(img, 3));
	}

	@Test
	void viewsAndPlanesOfLargerArraysAreCopiedCorrectly() {
		final byte[] px = ramp(6 * 5 * 4);
		final ArrayImg<UnsignedByteType, ?> img = ArrayImgs.unsignedBytes(px, 6, 5, 4);
		// plane z = 2 of a 3D ArrayImg (a plane cannot start inside an array: a copy)
		final Plane p = (Plane) Images.frame(img, 2, 2);
		assertNotSame(px, p.pixels());
		for (int y = 0; y < 5; y++)
			for (int x = 0; x < 6; x++)
				assertEquals(px[(2 * 5 + y) * 6 + x] & 0xff, p.get(x, y));
		// an offset view
		final RandomAccessibleInterval<UnsignedByteType> view = Views.interval(img, new long[] { 1, 1, 1 }, new long[] { 4, 3, 3 });
		final Volume v = (Volume) Images.of(view);
		assertEquals(4, v.width());
		assertEquals(3, v.height());
		assertEquals(3, v.depth());
		assertEquals(px[(3 * 5 + 2) * 6 + 4] & 0xff, v.get(3, 1, 2));
		// hyperSlice frames equal the copies
		final RandomAccessibleInterval<UnsignedByteType> slice = Images.frameView(img, 2, 3);
		assertEquals(px[(3 * 5 + 4) * 6 + 5] & 0xff, slice.getAt(5, 4).get());
	}

	@Test
	void otherTypesAndDimensionsAreRefusedInOneLine() {
		final IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
			() -> Images.of(ArrayImgs.shorts(4, 4)));
		assertTrue(t.getMessage().contains("unsupported pixel type ShortType"), t.getMessage());
		final IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
			() -> Images.of(ArrayImgs.unsignedBytes(4, 4, 4, 2)));
		assertTrue(d.getMessage().contains("must be 2D or 3D, got 4 dimensions"), d.getMessage());
		assertThrows(IndexOutOfBoundsException.class, () -> Images.frame(ArrayImgs.unsignedBytes(4, 4, 3), 2, 3));
		assertEquals(ShortType.class, ArrayImgs.shorts(1, 1).firstElement().getClass());
	}

	@Test
	void theLocatorTakesImgLib2ImagesAsTheirPrimitiveForm() {
		final Plane plane = io.github.parallellocate.testutil.SyntheticImages.spots(new java.util.Random(3), PixelType.UINT8, 48, 40, 6,
			0.02);
		final FeatureLocator loc = new FeatureLocator(LocateParameters.of(7));
		assertEquals(loc.locate(plane), loc.locate(ArrayImgs.unsignedBytes((byte[]) plane.pixels(), 48, 40)));
		assertEquals(loc.locate(plane), loc.locate(Views.zeroMin(Views.translate(ArrayImgs.unsignedBytes((byte[]) plane.pixels(), 48, 40), 5, 5))));
	}
}
