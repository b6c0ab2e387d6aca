package io.github.parallellocate.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.tiff.TiffPages;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.robust.TiffBuilder;
import io.github.parallellocate.robust.TiffCorpus;

/**
 * Files by their signature, every frame of multi-frame files or a clear
 * refusal, special files refused without blocking, CMYK inks by number, and
 * TIFF pages read from any {@link RandomAccessInput}.
 */
class ImageFilesTest {

	@TempDir
	Path tmp;

	private static List<Plane> readAll(final FileFrameSource s) throws IOException {
		final List<Plane> l = new ArrayList<>();
		try (PlaneReader r = s.newReader()) {
			for (int i = 0; i < s.size(); i++)
				l.add(r.read(i).asPlane());
		}
		return l;
	}

	/** A GIF of three frames, named .gif and .tif: every frame is read, with its palette indices. */
	@Test
	void everyFrameOfAGifUnderAnyName() throws Exception {
		final List<byte[]> frames = new ArrayList<>();
		final Random rnd = new Random(1);
		final ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			w.setOutput(out);
			w.prepareWriteSequence(null);
			for (int f = 0; f < 3; f++) {
				final BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
				final byte[] px = new byte[200];
				for (int i = 0; i < px.length; i++)
					px[i] = (byte) (rnd.nextInt(8) * 32);
				img.getRaster().setDataElements(0, 0, 20, 10, px);
				w.writeToSequence(new IIOImage(img, null, null), null);
				frames.add(px);
			}
			w.endWriteSequence();
		}
		w.dispose();
		for (final String name : List.of("anim.gif", "anim.tif", "anim")) {
			final Path gif = Files.write(tmp.resolve(name), bytes.toByteArray());
			final FileFrameSource s = FileFrameSource.open(List.of(gif.toString()), Channel.NONE);
			assertEquals(3, s.size(), name);
			assertEquals(name + ", frame 2", s.describe(1));
			final List<Plane> planes = readAll(s);
			final BufferedImage first = ImageIO.read(gif.toFile());
			for (int f = 0; f < 3; f++) {
				assertEquals(PixelType.UINT8, planes.get(f).type());
				// the GIF stores palette indices: the same index pattern as the grey values written
				final byte[] got = (byte[]) planes.get(f).pixels();
				for (int i = 0; i < 200; i++)
					for (int k = 0; k < 200; k++)
						if (frames.get(f)[i] == frames.get(f)[k])
							assertEquals(got[i], got[k], name + " frame " + f);
			}
			assertTrue(first != null);
		}
	}

	/** A multi-page TIFF named .png is read as a TIFF: every page. */
	@Test
	void tiffNamedPng() throws Exception {
		final List<Plane> p = TiffCorpus.planes(PixelType.UINT16, 4);
		final Path png = Files.write(tmp.resolve("movie.png"), TiffCorpus.plain(p));
		final FileFrameSource s = FileFrameSource.open(List.of(png.toString()), Channel.NONE);
		assertEquals(3, s.size());
		assertEquals("movie.png, page 3", s.describe(2));
		assertArrayEquals((short[]) p.get(2).pixels(), (short[]) readAll(s).get(2).pixels());
	}

	/** An animated PNG would give only its first frame: refused, naming the file and the frames. */
	@Test
	void animatedPngIsRefused() throws Exception {
		final BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(img, "png", bytes);
		final byte[] png = bytes.toByteArray();
		// insert an acTL chunk (5 frames) after IHDR (8 + 25 bytes)
		final ByteArrayOutputStream apng = new ByteArrayOutputStream();
		apng.write(png, 0, 33);
		apng.write(new byte[] { 0, 0, 0, 8, 'a', 'c', 'T', 'L', 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0 });
		apng.write(png, 33, png.length - 33);
		final Path file = Files.write(tmp.resolve("anim.png"), apng.toByteArray());
		final IOException e = assertThrows(IOException.class, () -> FileFrameSource.open(List.of(file.toString()), Channel.NONE));
		assertTrue(e.getMessage().startsWith("anim.png is an animated PNG of 5 frames"), e.getMessage());
		final Path still = Files.write(tmp.resolve("still.png"), png);
		assertEquals(1, FileFrameSource.open(List.of(still.toString()), Channel.NONE).size());
	}

	/** FIFOs, devices and directories are refused from their attributes: nothing blocks. */
	@Test
	void specialFilesAreRefusedWithoutBlocking() throws Exception {
		final Path fifo = tmp.resolve("movie.tif");
		final Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
		assertEquals(0, mk.waitFor());
		final IOException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> assertThrows(IOException.class, () -> FileFrameSource.open(List.of(fifo.toString()), Channel.NONE)));
		assertEquals(fifo + " is a special file (FIFO, socket or device), not an image file", e.getMessage());
		final IOException dev = assertTimeoutPreemptively(Duration.ofSeconds(5),
			() -> assertThrows(IOException.class, () -> FileInput.open(Path.of("/dev/zero"))));
		assertEquals("/dev/zero is a special file (FIFO, socket or device), not an image file", dev.getMessage());
		final IOException dir = assertThrows(IOException.class, () -> FileInput.open(tmp));
		assertEquals(tmp + " is a directory, not an image file", dir.getMessage());
	}

	/** CMYK: inks by number (1 to 4), never by a colour name. */
	@Test
	void cmykInksByNumberOnly() throws Exception {
		final List<Plane> c = TiffCorpus.planes(PixelType.UINT8, 5), m = TiffCorpus.planes(PixelType.UINT8, 6);
		final TiffBuilder b = new TiffBuilder(TiffCorpus.W, TiffCorpus.H);
		b.photometric = 5;
		b.samplesPerPixel = 4;
		b.compression = TiffBuilder.LZW;
		for (int i = 0; i < c.size(); i++) {
			final byte[] px = new byte[4 * TiffCorpus.W * TiffCorpus.H];
			for (int k = 0; k < TiffCorpus.W * TiffCorpus.H; k++) {
				px[4 * k] = ((byte[]) c.get(i).pixels())[k];
				px[4 * k + 1] = ((byte[]) m.get(i).pixels())[k];
				px[4 * k + 3] = 9;
			}
			b.page(px);
		}
		final Path file = Files.write(tmp.resolve("cmyk.tif"), b.build());
		assertEquals("cmyk.tif is CMYK: choose an ink with --channel 1|2|3|4 (cyan, magenta, yellow, black), not red",
			assertThrows(IllegalArgumentException.class, () -> FileFrameSource.open(List.of(file.toString()), Channel.parse("red"))).getMessage());
		assertEquals("cmyk.tif is CMYK: choose an ink with --channel 1|2|3|4 (cyan, magenta, yellow, black)",
			assertThrows(IllegalArgumentException.class, () -> FileFrameSource.open(List.of(file.toString()), Channel.NONE)).getMessage());
		assertArrayEquals((byte[]) c.get(1).pixels(), (byte[]) readAll(FileFrameSource.open(List.of(file.toString()), Channel.of(1))).get(1).pixels());
		assertArrayEquals((byte[]) m.get(2).pixels(), (byte[]) readAll(FileFrameSource.open(List.of(file.toString()), Channel.of(2))).get(2).pixels());
		final Plane k = readAll(FileFrameSource.open(List.of(file.toString()), Channel.of(4))).get(0);
		assertEquals(9, k.get(3, 3));
	}

	/** Pages are read from any RandomAccessInput (here bytes in memory, as a Hadoop stream would give them). */
	@Test
	void pagesFromAnyRandomAccessInput() throws Exception {
		final List<Plane> p = TiffCorpus.planes(PixelType.FLOAT32, 8);
		for (final byte[] tiff : List.of(TiffCorpus.plain(p), TiffCorpus.grey(PixelType.FLOAT32, p, b -> {
			b.compression = TiffBuilder.DEFLATE;
			b.predictor = 3;
			b.big = true;
		}).build())) {
			final RandomAccessInput in = new Bytes("mem.tif", tiff);
			final TiffPages pages = TiffPages.open(in);
			assertEquals(3, pages.pages());
			for (int i = 0; i < 3; i++)
				assertArrayEquals((float[]) p.get(i).pixels(), (float[]) pages.read(in, i, 0).pixels());
			final IOException missing = assertThrows(IOException.class, () -> pages.read(in, 3, 0));
			assertEquals("mem.tif has only 3 pages, page 4 requested", missing.getMessage());
		}
	}

	/** A frame that cannot fit the heap: its size and a heap setting, before anything is allocated. */
	@Test
	void frameTooLargeForTheHeapSaysHowMuchItNeeds() throws Exception {
		final TiffBuilder b = new TiffBuilder(4, 4);
		b.bits = 32;
		b.sampleFormat = 3;
		b.compression = TiffBuilder.DEFLATE;
		b.page(new byte[64]);
		final byte[] tiff = b.build();
		// declare 30000x30000 pixels in one strip (the deflate stream is tiny)
		final java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(tiff).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		final int ifd = bb.getInt(4);
		for (int i = 0; i < (bb.getShort(ifd) & 0xffff); i++) {
			final int at = ifd + 2 + 12 * i, tag = bb.getShort(at) & 0xffff;
			if (tag == 256 || tag == 257 || tag == 278)
				bb.putInt(at + 8, 30_000);
		}
		final Path file = Files.write(tmp.resolve("big.tif"), tiff);
		final IOException e = assertThrows(IOException.class, () -> FileFrameSource.open(List.of(file.toString()), Channel.NONE));
		assertTrue(e.getMessage().matches("page 1 of big\\.tif needs [0-9.]+ GB of memory but the heap is .*; run with -Xmx[0-9]+g"), e.getMessage());
	}

	/** JPEG-compressed TIFF pages (lossy): the decoder's own pixels, every page. */
	@Test
	void jpegCompressedTiff() throws Exception {
		final List<Plane> p = TiffCorpus.planes(PixelType.UINT8, 12);
		final Path file = Files.write(tmp.resolve("jpeg.tif"), TiffCorpus.twelveMonkeys(p, "JPEG"));
		final List<Plane> planes = readAll(FileFrameSource.open(List.of(file.toString()), Channel.NONE));
		assertEquals(3, planes.size());
		try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			final javax.imageio.ImageReader r = ImageIO.getImageReaders(in).next();
			r.setInput(in);
			for (int i = 0; i < 3; i++) {
				final byte[] expected = (byte[]) r.readRaster(i, null).getDataElements(0, 0, TiffCorpus.W, TiffCorpus.H, null);
				assertArrayEquals(expected, (byte[]) planes.get(i).pixels(), "page " + i);
			}
			r.dispose();
		}
	}

	/** An in-memory RandomAccessInput. */
	private record Bytes(String name, byte[] data) implements RandomAccessInput {
		@Override
		public long length() {
			return data.length;
		}

		@Override
		public void readFully(final long position, final byte[] buffer, final int offset, final int length) throws IOException {
			if (position < 0 || position > data.length - length)
				throw new EOFException(name + ": past the end");
			System.arraycopy(data, (int) position, buffer, offset, length);
		}

		@Override
		public void close() {}
	}
}
