package io.github.parallellocate.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.StackConverter;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.testutil.SharedData;

/** FileFrameSource against ImageJ's own reading of the same files. */
public class FileFrameSourceTest {

	@TempDir
	Path tmp;

	private static ImagePlus bulkWater() {
		return IJ.openImage(SharedData.bulkWaterTiff().toString());
	}

	private static List<Plane> readAll(final FileFrameSource source) throws IOException {
		final List<Plane> planes = new ArrayList<>();
		try (PlaneReader r = source.newReader()) {
			for (int i = 0; i < source.size(); i++)
				planes.add(r.read(i).asPlane());
		}
		return planes;
	}

	private static void assertSamePixels(final ImageStack stack, final List<Plane> planes) {
		assertEquals(stack.getSize(), planes.size(), "number of frames");
		for (int i = 0; i < planes.size(); i++) {
			final Object expected = stack.getPixels(i + 1);
			final Object got = planes.get(i).pixels();
			assertEquals(stack.getWidth(), planes.get(i).width());
			assertEquals(stack.getHeight(), planes.get(i).height());
			if (expected instanceof byte[])
				assertArrayEquals((byte[]) expected, (byte[]) got, "frame " + i);
			else if (expected instanceof short[])
				assertArrayEquals((short[]) expected, (short[]) got, "frame " + i);
			else
				assertArrayEquals((float[]) expected, (float[]) got, "frame " + i);
		}
	}

	@Test
	void tiffPagesEqualImageJStack() throws Exception {
		final FileFrameSource s = FileFrameSource.open(List.of(SharedData.bulkWaterTiff().toString()), Channel.NONE);
		assertEquals(50, s.size());
		assertEquals("bulk_water_red_50.tif, page 9", s.describe(8));
		assertEquals(new FrameRef(SharedData.bulkWaterTiff(), 8), s.frames().get(8));
		assertEquals(640, s.width());
		assertEquals(424, s.height());
		final List<Plane> planes = readAll(s);
		assertEquals(PixelType.UINT8, planes.get(0).type());
		assertSamePixels(bulkWater().getStack(), planes);
	}

	@Test
	void rgbaPngsWithRedChannelEqualTheTiff() throws Exception {
		final Path dir = SharedData.file("data/bulk_water");
		final FileFrameSource s = FileFrameSource.open(List.of(dir.toString()), Channel.parse("red"));
		assertEquals(50, s.size());
		assertEquals("bulk_water_010.png", s.describe(10));
		assertSamePixels(bulkWater().getStack(), readAll(s));
	}

	@Test
	void rgbWithoutChannelIsRefused() {
		final Path dir = SharedData.file("data/bulk_water");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FileFrameSource.open(List.of(dir.toString()), Channel.NONE));
		assertEquals("bulk_water_000.png is RGB: choose a channel with --channel red|green|blue|N", e.getMessage());
	}

	@Test
	void channelOutOfRange() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FileFrameSource.open(List.of(SharedData.bulkWaterTiff().toString()), Channel.of(2)));
		assertEquals("channel 2 is out of range: bulk_water_red_50.tif has 1 channel", e.getMessage());
		final Path png = SharedData.file("data/bulk_water/bulk_water_000.png");
		final IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
			() -> FileFrameSource.open(List.of(png.toString()), Channel.of(4)));
		assertEquals("channel 4 is out of range: bulk_water_000.png has 3 channels", e4.getMessage());
	}

	/** ImageJ-written stacks: one IFD announcing images=N, pages gapBetweenImages apart; 8/16/32-bit and RGB. */
	@Test
	void imageJStacksOfEveryType() throws Exception {
		final ImagePlus imp = new ImagePlus("sub", substack(bulkWater().getStack(), 7));
		check(imp, "8bit.tif", Channel.NONE);
		final ImagePlus i16 = imp.duplicate();
		new StackConverter(i16).convertToGray16();
		i16.getStack().getProcessor(3).multiply(200); // values above 255
		check(i16, "16bit.tif", Channel.NONE);
		final ImagePlus f32 = imp.duplicate();
		new StackConverter(f32).convertToGray32();
		f32.getStack().getProcessor(2).multiply(0.37);
		check(f32, "float.tif", Channel.NONE);
		final ImagePlus rgb = imp.duplicate();
		new StackConverter(rgb).convertToRGB();
		final Path rgbFile = save(rgb, "rgb.tif");
		final FileFrameSource green = FileFrameSource.open(List.of(rgbFile.toString()), Channel.parse("g"));
		assertSamePixels(imp.getStack(), readAll(green));
		assertThrows(IllegalArgumentException.class, () -> FileFrameSource.open(List.of(rgbFile.toString()), Channel.NONE));
	}

	private void check(final ImagePlus imp, final String name, final Channel ch) throws Exception {
		final Path file = save(imp, name);
		assertEquals(imp.getStackSize(), new ij.io.TiffDecoder(tmp + "/", name).getTiffInfo()[0].nImages, "written as an ImageJ stack");
		final FileFrameSource s = FileFrameSource.open(List.of(file.toString()), ch);
		assertSamePixels(imp.getStack(), readAll(s));
	}

	private Path save(final ImagePlus imp, final String name) {
		final Path file = tmp.resolve(name);
		assertTrue(IJ.saveAsTiff(imp, file.toString()));
		return file;
	}

	/** The first n slices of a stack, copied. */
	public static ImageStack substack(final ImageStack stack, final int n) {
		final ImageStack out = new ImageStack(stack.getWidth(), stack.getHeight());
		for (int i = 1; i <= n; i++)
			out.addSlice(stack.getProcessor(i).duplicate());
		return out;
	}

	@Test
	void hyperstackChannelSelectsInterleavedPages() throws Exception {
		final ImageStack stack = substack(bulkWater().getStack(), 6);
		final ImagePlus hyper = new ImagePlus("hyper", stack);
		hyper.setDimensions(2, 1, 3);
		final Path file = save(hyper, "hyper.tif");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> FileFrameSource.open(List.of(file.toString()), Channel.NONE));
		assertEquals("hyper.tif has 2 channels: choose one with --channel N", e.getMessage());
		final FileFrameSource c2 = FileFrameSource.open(List.of(file.toString()), Channel.of(2));
		assertEquals(3, c2.size());
		assertEquals(List.of(1, 3, 5), c2.frames().stream().map(FrameRef::page).toList());
		final List<Plane> planes = readAll(c2);
		assertArrayEquals((byte[]) stack.getPixels(4), (byte[]) planes.get(1).pixels());
	}

	@Test
	void subsetReadsOnlyItsFramesAndFrameRefsSerialize() throws Exception {
		final FileFrameSource all = FileFrameSource.open(List.of(SharedData.bulkWaterTiff().toString()), Channel.NONE);
		final List<FrameRef> subset = List.of(all.frames().get(31), all.frames().get(7));
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new ArrayList<>(subset));
		}
		@SuppressWarnings("unchecked")
		final List<FrameRef> back = (List<FrameRef>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
		assertEquals(subset, back);
		final FileFrameSource part = FileFrameSource.of(back, Channel.NONE);
		assertEquals("bulk_water_red_50.tif, page 32", part.describe(0));
		final ImageStack stack = bulkWater().getStack();
		final List<Plane> planes = readAll(part);
		assertArrayEquals((byte[]) stack.getPixels(32), (byte[]) planes.get(0).pixels());
		assertArrayEquals((byte[]) stack.getPixels(8), (byte[]) planes.get(1).pixels());
	}

	@Test
	void framesOfADifferentSizeAreNamed() throws Exception {
		final ImagePlus imp = bulkWater();
		ImageIO.write(imp.getStack().getProcessor(1).getBufferedImage(), "png", tmp.resolve("a1.png").toFile());
		ImageIO.write(imp.getStack().getProcessor(2).resize(320, 212).getBufferedImage(), "png", tmp.resolve("a2.png").toFile());
		final FileFrameSource s = FileFrameSource.open(List.of(tmp.toString()), Channel.NONE);
		try (PlaneReader r = s.newReader()) {
			assertEquals(640, r.read(0).width());
			final IOException e = assertThrows(IOException.class, () -> r.read(1));
			assertEquals("a2.png is 320x212 but a1.png is 640x424: all frames must have the same size", e.getMessage());
		}
	}

	/** A TIFF cut short: the intact pages still read, the cut ones fail naming the file. */
	@Test
	void truncatedTiff() throws Exception {
		final Path cut = tmp.resolve("cut.tif");
		final byte[] all = Files.readAllBytes(SharedData.bulkWaterTiff());
		Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2 + 1000));
		IOException failure = null;
		try {
			final FileFrameSource s = FileFrameSource.open(List.of(cut.toString()), Channel.NONE);
			final ImageStack stack = bulkWater().getStack();
			try (PlaneReader r = s.newReader()) {
				for (int i = 0; i < s.size(); i++) {
					try {
						assertArrayEquals((byte[]) stack.getPixels(i + 1), (byte[]) r.read(i).asPlane().pixels(), "frame " + i);
					}
					catch (final IOException e) {
						failure = e;
						break;
					}
				}
			}
		}
		catch (final IOException e) {
			failure = e;
		}
		assertTrue(failure != null, "a truncated TIFF must not read silently");
		assertTrue(failure.getMessage().startsWith("cut.tif "), failure.getMessage());
		System.out.println("truncated: " + failure.getMessage());
	}

	@Test
	void unsupportedPixelTypes() throws Exception {
		final Path signed = tmp.resolve("signed.tif");
		Files.write(signed, tinyTiff(16, 2));
		assertEquals("signed.tif: unsupported pixel type (signed 16-bit): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB",
			assertThrows(IOException.class, () -> FileFrameSource.open(List.of(signed.toString()), Channel.NONE)).getMessage());
		final Path unsigned = tmp.resolve("unsigned.tif");
		Files.write(unsigned, tinyTiff(16, 1));
		final FileFrameSource s = FileFrameSource.open(List.of(unsigned.toString()), Channel.NONE);
		final Plane p = readAll(s).get(0);
		assertEquals(PixelType.UINT16, p.type());
		assertEquals(0x0102, p.get(0, 0));
		final Path png = tmp.resolve("not-a-tiff.tif");
		Files.write(png, new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0 });
		assertEquals("not-a-tiff.tif is not a readable TIFF (no image found)",
			assertThrows(IOException.class, () -> FileFrameSource.open(List.of(png.toString()), Channel.NONE)).getMessage());
	}

	/** A 2x2 uncompressed big-endian TIFF with the given bits per sample and SampleFormat (1 unsigned, 2 signed). */
	private static byte[] tinyTiff(final int bits, final int sampleFormat) {
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 16);
		b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
		final int dataOffset = 8 + 2 + 8 * 12 + 4;
		final int[][] entries = { { 256, 3, 1, 2 }, { 257, 3, 1, 2 }, { 258, 3, 1, bits }, { 259, 3, 1, 1 }, { 262, 3, 1, 1 },
			{ 273, 4, 1, dataOffset }, { 279, 4, 1, 4 * bits / 8 }, { 339, 3, 1, sampleFormat } };
		b.putShort((short) entries.length);
		for (final int[] e : entries) {
			b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
			if (e[1] == 3)
				b.putShort((short) e[3]).putShort((short) 0);
			else
				b.putInt(e[3]);
		}
		b.putInt(0);
		for (int i = 0; i < 4 * bits / 8; i++)
			b.put((byte) (i + 1));
		return java.util.Arrays.copyOf(b.array(), b.position());
	}

	/** 16-bit grey PNGs keep their values; 8-bit grey and indexed (palette) PNGs give their pixel values. */
	@Test
	void pngPixelTypes() throws Exception {
		final ij.process.ImageProcessor ip = bulkWater().getStack().getProcessor(1);
		final ij.process.ShortProcessor sp = (ij.process.ShortProcessor) ip.convertToShort(false);
		sp.multiply(200);
		final Path png16 = tmp.resolve("a16.png");
		ImageIO.write(sp.get16BitBufferedImage(), "png", png16.toFile());
		final Plane p16 = readAll(FileFrameSource.open(List.of(png16.toString()), Channel.NONE)).get(0);
		assertEquals(PixelType.UINT16, p16.type());
		assertArrayEquals((short[]) sp.getPixels(), (short[]) p16.pixels());

		final Path png8 = tmp.resolve("a8.png");
		ImageIO.write(ip.getBufferedImage(), "png", png8.toFile());
		final Plane p8 = readAll(FileFrameSource.open(List.of(png8.toString()), Channel.of(1))).get(0);
		assertArrayEquals((byte[]) ip.getPixels(), (byte[]) p8.pixels());

		final java.awt.image.BufferedImage indexed = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
		indexed.getRaster().setSamples(0, 0, 3, 2, 0, new int[] { 0, 5, 17, 200, 255, 9 });
		final Path gif = tmp.resolve("indexed.png");
		ImageIO.write(indexed, "png", gif.toFile());
		final Plane pg = readAll(FileFrameSource.open(List.of(gif.toString()), Channel.NONE)).get(0);
		assertEquals(PixelType.UINT8, pg.type());
		assertEquals(17, pg.get(2, 0));
		assertEquals(200, pg.get(0, 1));
	}
}
