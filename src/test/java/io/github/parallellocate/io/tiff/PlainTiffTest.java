package io.github.parallellocate.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.StackConverter;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.FileFrameSourceTest;
import io.github.parallellocate.io.FileInput;
import io.github.parallellocate.testutil.SharedData;
import io.github.parallellocate.testutil.StreamingTiffWriter;

/**
 * The fast path is proven equivalent: {@link PlainTiff} reads exactly what
 * TwelveMonkeys' decoder ({@link DecodedTiff}, each page from its own
 * directory) reads from the files it accepts, and leaves every other file
 * to the decoder.
 */
class PlainTiffTest {

	@TempDir
	Path tmp;

	@Test
	void plainFilesReadAsImageJReadsThem() throws Exception {
		final ImagePlus imp = new ImagePlus("sub", FileFrameSourceTest.substack(IJ.openImage(SharedData.bulkWaterTiff().toString()).getStack(), 5));
		assertSameAsImageJ(SharedData.bulkWaterTiff()); // one directory per page
		assertSameAsImageJ(save(imp, "8bit.tif")); // ImageJ stack: images=5
		final ImagePlus i16 = imp.duplicate();
		new StackConverter(i16).convertToGray16();
		i16.getStack().getProcessor(3).multiply(200);
		assertSameAsImageJ(save(i16, "16bit.tif"));
		final ImagePlus f32 = imp.duplicate();
		new StackConverter(f32).convertToGray32();
		f32.getStack().getProcessor(2).multiply(-0.37);
		assertSameAsImageJ(save(f32, "float.tif"));
		final ImagePlus one = new ImagePlus("one", imp.getStack().getProcessor(2));
		assertSameAsImageJ(save(one, "single.tif"));
		final Path streamed = tmp.resolve("streamed16.tif"); // little-endian, written page by page
		try (StreamingTiffWriter w = new StreamingTiffWriter(streamed, 7, 5, 16, StreamingTiffWriter.UNSIGNED)) {
			for (int p = 0; p < 3; p++) {
				final byte[] page = new byte[7 * 5 * 2];
				for (int i = 0; i < page.length; i++)
					page[i] = (byte) (i * 37 + p * 11);
				w.writePage(page, p == 2);
			}
		}
		assertSameAsImageJ(streamed);
	}

	@Test
	void everythingElseIsLeftToTheDecoder() throws Exception {
		final ImagePlus imp = new ImagePlus("sub", FileFrameSourceTest.substack(IJ.openImage(SharedData.bulkWaterTiff().toString()).getStack(), 4));
		final ImagePlus rgb = imp.duplicate();
		new StackConverter(rgb).convertToRGB();
		assertNull(plain(save(rgb, "rgb.tif")), "RGB");
		final ImagePlus hyper = imp.duplicate();
		hyper.setDimensions(2, 2, 1);
		hyper.setOpenAsHyperStack(true);
		assertNull(plain(save(hyper, "hyper.tif")), "two channels");
		final Path signed = tmp.resolve("signed.tif");
		try (StreamingTiffWriter w = new StreamingTiffWriter(signed, 4, 4, 16, StreamingTiffWriter.SIGNED)) {
			w.writePage(new byte[32], true);
		}
		assertNull(plain(signed), "signed 16-bit");
		final Path cut = tmp.resolve("cut.tif");
		final byte[] all = Files.readAllBytes(SharedData.bulkWaterTiff());
		Files.write(cut, Arrays.copyOf(all, all.length / 2 + 1000));
		assertNull(plain(cut), "truncated: the decoder explains it");
		final Path cutStack = tmp.resolve("cutstack.tif");
		final byte[] stack = Files.readAllBytes(save(imp, "stack.tif"));
		Files.write(cutStack, Arrays.copyOf(stack, stack.length / 2)); // into the pixels
		assertNull(plain(cutStack), "truncated ImageJ stack");
		final Path lzw = tmp.resolve("lzw.tif");
		Files.write(lzw, withCompression(Files.readAllBytes(save(new ImagePlus("one", imp.getProcessor()), "plain1.tif")), 5));
		assertNull(plain(lzw), "compressed");
		final Path text = tmp.resolve("text.tif");
		Files.writeString(text, "not a TIFF at all");
		assertNull(plain(text));
	}

	@Test
	void imageJDescriptions() {
		assertEquals(1, PlainTiff.imageJImages(null));
		assertEquals(300, PlainTiff.imageJImages("ImageJ=1.54p\nimages=300\nslices=300\nloop=false\n"));
		assertEquals(1, PlainTiff.imageJImages("ImageJ=1.54p\nunit=micron\n"));
		assertEquals(-1, PlainTiff.imageJImages("ImageJ=1.54p\nimages=8\nchannels=2\nslices=4\n"));
		assertEquals(-1, PlainTiff.imageJImages("OME-XML or anything else"));
		assertEquals(-1, PlainTiff.imageJImages("ImageJ=1.54p\nimages=x\n"));
	}

	private static PlainTiff plain(final Path file) throws IOException {
		try (FileInput in = FileInput.open(file)) {
			return PlainTiff.read(in);
		}
	}

	private static void assertSameAsImageJ(final Path file) throws Exception {
		try (FileInput in = FileInput.open(file)) {
			final PlainTiff plain = PlainTiff.read(in);
			assertNotNull(plain, file + " is plain");
			final DecodedTiff decoded = DecodedTiff.read(in, false);
			final DecodedTiff imageJ = DecodedTiff.read(in, true);
			assertEquals(decoded.pages(), plain.pages(), "pages");
			assertEquals(imageJ.pages(), plain.pages(), "pages");
			assertEquals(decoded.width(), plain.width());
			assertEquals(decoded.height(), plain.height());
			assertEquals(decoded.format().type(), plain.format().type());
			assertEquals(decoded.layout(), plain.layout());
			assertEquals(decoded.format().samples(), plain.format().samples());
			for (int p = 0; p < plain.pages(); p++) {
				final Plane expected = decoded.read(in, p, 0);
				assertSame(expected, plain.read(in, p, 0), file + " page " + p);
				assertSame(expected, imageJ.read(in, p, 0), file + " page " + p + " (ImageJ stack)");
			}
			// a page past the end: the same one-line error from both
			final int n = plain.pages();
			final String missing = file.getFileName() + " has only " + n + (n == 1 ? " page" : " pages") + ", page " + (n + 1) + " requested";
			assertEquals(missing, assertThrows(IOException.class, () -> plain.read(in, n, 0)).getMessage());
			assertEquals(missing, assertThrows(IOException.class, () -> decoded.read(in, n, 0)).getMessage());
		}
	}

	private static void assertSame(final Plane expected, final Plane got, final String what) {
		assertEquals(expected.type(), got.type(), what);
		final Object e = expected.pixels(), g = got.pixels();
		if (e instanceof byte[])
			assertArrayEquals((byte[]) e, (byte[]) g, what);
		else if (e instanceof short[])
			assertArrayEquals((short[]) e, (short[]) g, what);
		else
			assertArrayEquals((float[]) e, (float[]) g, what);
	}

	private Path save(final ImagePlus imp, final String name) {
		final Path file = tmp.resolve(name);
		if (!new FileSaver(imp).saveAsTiff(file.toString()))
			throw new AssertionError("cannot save " + file);
		return file;
	}

	/** The file with its first directory's Compression entry set to the given value. */
	private static byte[] withCompression(final byte[] tiff, final int compression) {
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
		final int ifd = b.getInt(4);
		final int entries = b.getShort(ifd) & 0xffff;
		for (int i = 0; i < entries; i++)
			if ((b.getShort(ifd + 2 + 12 * i) & 0xffff) == 259)
				b.putShort(ifd + 2 + 12 * i + 8, (short) compression);
		return tiff;
	}
}
