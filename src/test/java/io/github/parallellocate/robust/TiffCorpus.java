package io.github.parallellocate.robust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriter;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.testutil.SyntheticImages;

/**
 * A corpus of TIFFs generated at test time: valid files in every layout the
 * reader must read exactly (each with the planes it must give), and hostile
 * or damaged ones it must refuse with one clear line. Nothing is checked in.
 */
public final class TiffCorpus {

	public static final int W = 48, H = 40, PAGES = 3;

	private TiffCorpus() {}

	/** A valid file: its bytes, the name to save it under, the channel to read and the planes expected. */
	public record Valid(String name, byte[] bytes, Channel channel, List<Plane> planes) {
		@Override
		public String toString() {
			return name;
		}
	}

	/** A file to refuse: its name and bytes, and a word the message must contain (or null). */
	public record Hostile(String name, byte[] bytes, String expect) {
		@Override
		public String toString() {
			return name;
		}
	}

	/** Synthetic spot planes of a type. */
	public static List<Plane> planes(final PixelType type, final long seed) {
		final Random rnd = new Random(seed);
		final List<Plane> l = new ArrayList<>();
		for (int i = 0; i < PAGES; i++) {
			final Plane p = SyntheticImages.spots(rnd, type, W, H, 5, 0.03);
			if (type == PixelType.FLOAT32) // far outside [0, 1], negative too: no decoder may clamp them
				for (int k = 0; k < W * H; k++)
					((float[]) p.pixels())[k] = ((float[]) p.pixels())[k] * 1000 - 300;
			l.add(p);
		}
		return l;
	}

	/** The samples of a plane in a byte order. */
	public static byte[] bytes(final Plane p, final ByteOrder order) {
		switch (p.type()) {
			case UINT8:
				return ((byte[]) p.pixels()).clone();
			case UINT16: {
				final ByteBuffer b = ByteBuffer.allocate(2 * p.width() * p.height()).order(order);
				b.asShortBuffer().put((short[]) p.pixels());
				return b.array();
			}
			default: {
				final ByteBuffer b = ByteBuffer.allocate(4 * p.width() * p.height()).order(order);
				b.asFloatBuffer().put((float[]) p.pixels());
				return b.array();
			}
		}
	}

	/** Pixel-interleaved samples of several planes of one type. */
	static byte[] interleave(final List<Plane> channels, final ByteOrder order) {
		final int bps = bytesPerSample(channels.get(0).type());
		final int n = channels.get(0).width() * channels.get(0).height();
		final byte[] out = new byte[n * channels.size() * bps];
		for (int c = 0; c < channels.size(); c++) {
			final byte[] b = bytes(channels.get(c), order);
			for (int i = 0; i < n; i++)
				System.arraycopy(b, i * bps, out, (i * channels.size() + c) * bps, bps);
		}
		return out;
	}

	static int bytesPerSample(final PixelType t) {
		return t == PixelType.UINT8 ? 1 : t == PixelType.UINT16 ? 2 : 4;
	}

	/** A builder for grey pages of a type. */
	public static TiffBuilder grey(final PixelType type, final List<Plane> planes, final Consumer<TiffBuilder> setup) {
		final TiffBuilder b = new TiffBuilder(W, H);
		b.bits = 8 * bytesPerSample(type);
		b.sampleFormat = type == PixelType.FLOAT32 ? 3 : 1;
		setup.accept(b);
		for (final Plane p : planes)
			b.page(bytes(p, b.order));
		return b;
	}

	/** The plain file of the same planes: little-endian, uncompressed, one strip per page. */
	public static byte[] plain(final List<Plane> planes) {
		return grey(planes.get(0).type(), planes, b -> {}).build();
	}

	/** Every valid layout, for 8-bit, 16-bit and float pages. */
	public static List<Valid> valid() throws IOException {
		final List<Valid> l = new ArrayList<>();
		for (final PixelType type : PixelType.values()) {
			final List<Plane> p = planes(type, type.ordinal() + 11);
			final String t = type.name().toLowerCase();
			l.add(grey(t + "-strips7", type, p, b -> b.rowsPerStrip = 7));
			l.add(grey(t + "-shuffled-strips-with-gaps", type, p, b -> {
				b.rowsPerStrip = 5;
				b.shuffle = new Random(3);
			}));
			l.add(grey(t + "-tiles16", type, p, b -> {
				b.tileWidth = 16;
				b.tileLength = 16;
			}));
			l.add(grey(t + "-shuffled-tiles-lzw", type, p, b -> {
				b.tileWidth = 32;
				b.tileLength = 16;
				b.shuffle = new Random(4);
				b.compression = TiffBuilder.LZW;
			}));
			l.add(grey(t + "-bigtiff", type, p, b -> b.big = true));
			l.add(grey(t + "-bigtiff-be-deflate-tiles", type, p, b -> {
				b.big = true;
				b.order = ByteOrder.BIG_ENDIAN;
				b.compression = TiffBuilder.DEFLATE;
				b.tileWidth = 16;
				b.tileLength = 32;
			}));
			l.add(grey(t + "-big-endian", type, p, b -> b.order = ByteOrder.BIG_ENDIAN));
			l.add(grey(t + "-lzw", type, p, b -> {
				b.compression = TiffBuilder.LZW;
				b.rowsPerStrip = 9;
			}));
			l.add(grey(t + "-deflate", type, p, b -> b.compression = TiffBuilder.DEFLATE));
			l.add(grey(t + "-packbits", type, p, b -> {
				b.compression = TiffBuilder.PACKBITS;
				b.rowsPerStrip = 4;
			}));
			final int predictor = type == PixelType.FLOAT32 ? 3 : 2;
			l.add(grey(t + "-predictor" + predictor + "-lzw", type, p, b -> {
				b.compression = TiffBuilder.LZW;
				b.predictor = predictor;
				b.rowsPerStrip = 8;
			}));
			l.add(grey(t + "-predictor" + predictor + "-deflate-be", type, p, b -> {
				b.compression = TiffBuilder.DEFLATE;
				b.predictor = predictor;
				b.order = ByteOrder.BIG_ENDIAN;
			}));
			l.add(grey(t + "-predictor" + predictor + "-deflate-tiles", type, p, b -> {
				b.compression = TiffBuilder.DEFLATE;
				b.predictor = predictor;
				b.tileWidth = 16;
				b.tileLength = 16;
			}));
			l.add(new Valid(t + "-tiff-named.png", plain(p), Channel.NONE, p));
			l.add(new Valid(t + "-tiff-named.gif", grey(type, p, b -> b.compression = TiffBuilder.LZW).build(), Channel.NONE, p));
			// RGB: three channels, the chosen one read
			final List<Plane> r = planes(type, type.ordinal() + 21), g = planes(type, type.ordinal() + 31), bl = planes(type, type.ordinal() + 41);
			if (type != PixelType.FLOAT32) {
				l.add(rgb(t + "-rgb-chunky-green", type, r, g, bl, Channel.parse("green"), g, b -> b.rowsPerStrip = 6));
				l.add(rgb(t + "-rgb-planar-blue-lzw", type, r, g, bl, Channel.parse("blue"), bl, b -> {
					b.planar = true;
					b.compression = TiffBuilder.LZW;
				}));
				l.add(rgb(t + "-rgba-red-deflate-predictor2", type, r, g, bl, Channel.parse("red"), r, b -> {
					b.compression = TiffBuilder.DEFLATE;
					b.predictor = 2;
					b.extraSamples = 1;
				}));
				l.add(cmyk(t + "-cmyk-ink2", type, r, g, bl, Channel.of(2), g));
			}
			// ImageJ hyperstack, two channels interleaved (czt): channel 2
			final TiffBuilder hyper = new TiffBuilder(W, H);
			hyper.bits = 8 * bytesPerSample(type);
			hyper.sampleFormat = type == PixelType.FLOAT32 ? 3 : 1;
			hyper.compression = TiffBuilder.DEFLATE;
			hyper.description = "ImageJ=1.54p\nimages=" + 2 * PAGES + "\nchannels=2\nframes=" + PAGES + "\nhyperstack=true\n";
			for (int i = 0; i < PAGES; i++) {
				hyper.page(bytes(r.get(i), hyper.order));
				hyper.page(bytes(g.get(i), hyper.order));
			}
			l.add(new Valid(t + "-hyperstack-c2-deflate", hyper.build(), Channel.of(2), g));
		}
		final List<Plane> p8 = planes(PixelType.UINT8, 99);
		l.add(new Valid("uint8-palette", grey(PixelType.UINT8, p8, b -> {
			b.photometric = 3;
			b.colorMap = new int[3 * 256];
			for (int i = 0; i < 256; i++) {
				b.colorMap[i] = (255 - i) * 257;
				b.colorMap[256 + i] = i * 100 % 65536;
				b.colorMap[512 + i] = 7;
			}
		}).build(), Channel.NONE, p8));
		for (final PixelType type : PixelType.values()) { // ImageJ's stacks over 4 GB: one directory, images=N, pages one after the other
			final List<Plane> p = planes(type, type.ordinal() + 61);
			final TiffBuilder b = grey(type, p.subList(0, 1), x -> x.description = "ImageJ=1.54p\nimages=" + PAGES + "\nslices=" + PAGES + "\n");
			final ByteArrayOutputStream rest = new ByteArrayOutputStream();
			for (int i = 1; i < PAGES; i++)
				rest.writeBytes(bytes(p.get(i), b.order));
			b.afterFirstPage = rest.toByteArray();
			l.add(new Valid(type.name().toLowerCase() + "-imagej-one-directory-stack.tif", b.build(), Channel.NONE, p));
		}
		final List<Plane> r = planes(PixelType.UINT8, 71), g = planes(PixelType.UINT8, 72), bl = planes(PixelType.UINT8, 73);
		final TiffBuilder rgbStack = new TiffBuilder(W, H);
		rgbStack.photometric = 2;
		rgbStack.samplesPerPixel = 3;
		rgbStack.description = "ImageJ=1.54p\nimages=" + PAGES + "\nslices=" + PAGES + "\n";
		rgbStack.page(interleave(List.of(r.get(0), g.get(0), bl.get(0)), rgbStack.order));
		final ByteArrayOutputStream rest = new ByteArrayOutputStream();
		for (int i = 1; i < PAGES; i++)
			rest.writeBytes(interleave(List.of(r.get(i), g.get(i), bl.get(i)), rgbStack.order));
		rgbStack.afterFirstPage = rest.toByteArray();
		l.add(new Valid("rgb-imagej-one-directory-stack-green.tif", rgbStack.build(), Channel.parse("green"), g));
		l.add(new Valid("uint8-white-is-zero-lzw.tif", grey(PixelType.UINT8, p8, b -> {
			b.photometric = 0;
			b.compression = TiffBuilder.LZW;
		}).build(), Channel.NONE, p8));
		final List<Plane> p16 = planes(PixelType.UINT16, 98);
		l.add(new Valid("uint16-white-is-zero-tiles.tif", grey(PixelType.UINT16, p16, b -> {
			b.photometric = 0;
			b.tileWidth = 16;
			b.tileLength = 16;
		}).build(), Channel.NONE, p16));
		l.add(new Valid("uint8-twelvemonkeys-lzw.tif", twelveMonkeys(p8, "LZW"), Channel.NONE, p8));
		l.add(new Valid("uint8-twelvemonkeys-packbits.tif", twelveMonkeys(p8, "PackBits"), Channel.NONE, p8));
		l.add(new Valid("uint8-twelvemonkeys-deflate.tif", twelveMonkeys(p8, "Deflate"), Channel.NONE, p8));
		return l;
	}

	private static Valid grey(final String name, final PixelType type, final List<Plane> p, final Consumer<TiffBuilder> setup) {
		return new Valid(name + ".tif", grey(type, p, setup).build(), Channel.NONE, p);
	}

	private static Valid rgb(final String name, final PixelType type, final List<Plane> r, final List<Plane> g, final List<Plane> b,
			final Channel ch, final List<Plane> expected, final Consumer<TiffBuilder> setup) {
		final TiffBuilder t = new TiffBuilder(W, H);
		t.bits = 8 * bytesPerSample(type);
		t.photometric = 2;
		t.samplesPerPixel = 3;
		setup.accept(t);
		t.samplesPerPixel += t.extraSamples;
		for (int i = 0; i < PAGES; i++) {
			final List<Plane> px = new ArrayList<>(List.of(r.get(i), g.get(i), b.get(i)));
			for (int e = 0; e < t.extraSamples; e++)
				px.add(b.get(i));
			t.page(interleave(px, t.order));
		}
		return new Valid(name + ".tif", t.build(), ch, expected);
	}

	private static Valid cmyk(final String name, final PixelType type, final List<Plane> c, final List<Plane> m, final List<Plane> y,
			final Channel ch, final List<Plane> expected) {
		final TiffBuilder t = new TiffBuilder(W, H);
		t.bits = 8 * bytesPerSample(type);
		t.photometric = 5;
		t.samplesPerPixel = 4;
		for (int i = 0; i < PAGES; i++)
			t.page(interleave(List.of(c.get(i), m.get(i), y.get(i), c.get(i)), t.order));
		return new Valid(name + ".tif", t.build(), ch, expected);
	}

	/** 8-bit pages written by TwelveMonkeys' own TIFF writer with a compression. */
	public static byte[] twelveMonkeys(final List<Plane> planes, final String compression) throws IOException {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final TIFFImageWriter w = (TIFFImageWriter) new TIFFImageWriterSpi().createWriterInstance(null);
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			w.setOutput(out);
			final ImageWriteParam param = w.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionType(compression);
			w.prepareWriteSequence(null);
			for (final Plane p : planes) {
				final java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(p.width(), p.height(),
					java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
				img.getRaster().setDataElements(0, 0, p.width(), p.height(), p.pixels());
				w.writeToSequence(new IIOImage(img, null, null), param);
			}
			w.endWriteSequence();
		}
		finally {
			w.dispose();
		}
		return bytes.toByteArray();
	}

	/** Copies with a change. */
	static byte[] with(final byte[] b, final Consumer<ByteBuffer> change) {
		final byte[] c = b.clone();
		change.accept(ByteBuffer.wrap(c).order(c[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN));
		return c;
	}

	/** Where the entry of a tag is in the first directory of a classic TIFF (-1 if absent). */
	static int entry(final byte[] tiff, final int tag) {
		return entry(tiff, tag, 0);
	}

	/** Where the entry of a tag is in directory {@code page} of a classic TIFF (-1 if absent). */
	static int entry(final byte[] tiff, final int tag, final int page) {
		final ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = b.getInt(4);
		for (int p = 0; p < page; p++)
			ifd = b.getInt(ifd + 2 + 12 * (b.getShort(ifd) & 0xffff));
		final int n = b.getShort(ifd) & 0xffff;
		for (int i = 0; i < n; i++)
			if ((b.getShort(ifd + 2 + 12 * i) & 0xffff) == tag)
				return ifd + 2 + 12 * i;
		return -1;
	}

	/** Where the link to the next directory of directory {@code page} is. */
	static int link(final byte[] tiff, final int page) {
		final ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		int ifd = b.getInt(4);
		for (int p = 0; p < page; p++)
			ifd = b.getInt(ifd + 2 + 12 * (b.getShort(ifd) & 0xffff));
		return ifd + 2 + 12 * (b.getShort(ifd) & 0xffff);
	}

	/** Offset of the first strip of directory {@code page} (single-value StripOffsets or the first of an array). */
	static int firstStrip(final byte[] tiff, final int page) {
		final ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		final int e = entry(tiff, 273, page);
		final int count = b.getInt(e + 4);
		return count == 1 ? b.getInt(e + 8) : b.getInt(b.getInt(e + 8));
	}

	/** Damaged and hostile files, each of a class seen in the wild. */
	public static List<Hostile> hostile() throws IOException {
		final List<Hostile> l = new ArrayList<>();
		final List<Plane> p8 = planes(PixelType.UINT8, 5);
		final List<Plane> pf = planes(PixelType.FLOAT32, 6);
		final byte[] plain = plain(p8);
		final byte[] lzw = grey(PixelType.UINT8, p8, b -> b.compression = TiffBuilder.LZW).build();
		final byte[] deflate = grey(PixelType.UINT8, p8, b -> b.compression = TiffBuilder.DEFLATE).build();
		final byte[] packbits = grey(PixelType.UINT8, p8, b -> b.compression = TiffBuilder.PACKBITS).build();
		final byte[] deflateFloat = grey(PixelType.FLOAT32, pf, b -> {
			b.compression = TiffBuilder.DEFLATE;
			b.predictor = 3;
		}).build();
		// loops
		l.add(new Hostile("ifd-loop-self.tif", with(plain, b -> b.putInt(link(plain, 0), b.getInt(4))), "loop"));
		l.add(new Hostile("ifd-loop-back.tif", with(plain, b -> b.putInt(link(plain, 2), b.getInt(link(plain, 0)))), "loop"));
		l.add(new Hostile("ifd-loop-lzw.tif", with(lzw, b -> b.putInt(link(lzw, 1), b.getInt(4))), "loop"));
		// counts far beyond the file
		l.add(new Hostile("huge-entry-count.tif", with(lzw, b -> b.putShort(b.getInt(4), (short) 0xffff)), null));
		l.add(new Hostile("huge-strip-count.tif", with(lzw, b -> b.putInt(entry(lzw, 273) + 4, Integer.MAX_VALUE)), null));
		l.add(new Hostile("huge-bytecount-count.tif", with(lzw, b -> b.putInt(entry(lzw, 279) + 4, 0x7fff_fff0)), null));
		l.add(new Hostile("huge-description.tif", withDescription(lzw, Integer.MAX_VALUE), null));
		l.add(new Hostile("imagej-2e31-images.tif", grey(PixelType.UINT8, p8.subList(0, 1), b -> b.description = "ImageJ=1.54p\nimages=2147483647\nslices=2147483647\n").build(), "truncated"));
		l.add(new Hostile("imagej-2e31-images-lzw.tif", grey(PixelType.UINT8, p8.subList(0, 1), b -> {
			b.description = "ImageJ=1.54p\nimages=2147483647\n";
			b.compression = TiffBuilder.LZW;
		}).build(), null));
		l.add(new Hostile("huge-width.tif", with(lzw, b -> b.putInt(entry(lzw, 256) + 8, 1 << 30)), null));
		l.add(new Hostile("huge-width-height.tif", with(lzw, b -> {
			b.putInt(entry(lzw, 256) + 8, 100_000);
			b.putInt(entry(lzw, 257) + 8, 100_000);
		}), null));
		// data outside the file or missing
		l.add(new Hostile("strip-past-end.tif", with(plain, b -> b.putInt(entry(plain, 273) + 8, plain.length - 10)), null));
		l.add(new Hostile("missing-strip-offsets.tif", with(lzw, b -> b.putShort(entry(lzw, 273), (short) 60000)), "StripOffsets"));
		l.add(new Hostile("missing-strip-offsets-plain.tif", with(plain, b -> b.putShort(entry(plain, 273), (short) 60000)), "StripOffsets"));
		l.add(new Hostile("missing-bytecounts.tif", with(lzw, b -> b.putShort(entry(lzw, 279), (short) 60001)), "StripByteCounts"));
		l.add(new Hostile("ifd-past-end.tif", with(plain, b -> b.putInt(4, plain.length + 100)), null));
		l.add(new Hostile("second-ifd-past-end.tif", with(plain, b -> b.putInt(link(plain, 0), plain.length - 4)), null));
		l.add(new Hostile("cut-in-header.tif", Arrays.copyOf(plain, 6), null));
		l.add(new Hostile("cut-in-first-ifd.tif", Arrays.copyOf(plain, link(plain, 0) - 20), null));
		// corrupt compressed data
		l.add(new Hostile("garbage-lzw.tif", garbleFirstStrip(lzw, 7), null));
		l.add(new Hostile("garbage-deflate.tif", garbleFirstStrip(deflate, 8), null));
		l.add(new Hostile("garbage-packbits.tif", withCount(packbits, 0, 10), null));
		l.add(new Hostile("truncated-deflate-strip.tif", withCount(deflate, 0, 30), null));
		l.add(new Hostile("truncated-deflate-float.tif", withCount(deflateFloat, 0, 100), null));
		l.add(new Hostile("truncated-lzw-strip.tif", withCount(lzw, 0, 40), null));
		l.add(new Hostile("raw-labelled-deflate.tif", with(plain, b -> b.putShort(entry(plain, 259) + 8, (short) 8)), null));
		l.add(new Hostile("raw-labelled-lzw.tif", with(plain, b -> b.putShort(entry(plain, 259) + 8, (short) 5)), null));
		l.add(new Hostile("unknown-compression.tif", with(plain, b -> b.putShort(entry(plain, 259) + 8, (short) 50000)), null));
		// types refused by name
		l.add(new Hostile("signed8.tif", grey(PixelType.UINT8, p8, b -> b.sampleFormat = 2).build(), "signed 8-bit"));
		l.add(new Hostile("signed16-lzw.tif", grey(PixelType.UINT16, planes(PixelType.UINT16, 1), b -> {
			b.sampleFormat = 2;
			b.compression = TiffBuilder.LZW;
		}).build(), "signed 16-bit"));
		l.add(new Hostile("unsigned32.tif", grey(PixelType.FLOAT32, pf, b -> b.sampleFormat = 1).build(), "unsigned 32-bit integer"));
		l.add(new Hostile("signed32.tif", grey(PixelType.FLOAT32, pf, b -> b.sampleFormat = 2).build(), "signed 32-bit integer"));
		// not TIFFs at all
		final byte[] noise = new byte[3000];
		new Random(7).nextBytes(noise);
		l.add(new Hostile("noise.tif", noise, "not a readable TIFF"));
		l.add(new Hostile("empty.tif", new byte[0], "empty"));
		l.add(new Hostile("header-only.tif", new byte[] { 'I', 'I', 42, 0, 0, 0, 0, 0 }, null));
		l.add(new Hostile("bigtiff-bad-header.tif", new byte[] { 'I', 'I', 43, 0, 8, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
			(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f }, null));
		return l;
	}

	/** The file with its first directory's description count set (and its offset pointing inside the file). */
	private static byte[] withDescription(final byte[] tiff, final int count) {
		// turn the Software-free slot: reuse the PlanarConfiguration entry as an ASCII description
		return with(tiff, b -> {
			final int e = entry(tiff, 284);
			b.putShort(e, (short) 270);
			b.putShort(e + 2, (short) 2);
			b.putInt(e + 4, count);
			b.putInt(e + 8, 8);
		});
	}

	/** Random bytes over the start of the first strip. */
	private static byte[] garbleFirstStrip(final byte[] tiff, final long seed) {
		final byte[] c = tiff.clone();
		final int at = firstStrip(tiff, 0);
		final byte[] r = new byte[40];
		new Random(seed).nextBytes(r);
		System.arraycopy(r, 0, c, at, r.length);
		return c;
	}

	/** The first strip's byte count (single strip) set to n: the compressed data cut short. */
	private static byte[] withCount(final byte[] tiff, final int page, final int n) {
		return with(tiff, b -> b.putInt(entry(tiff, 279, page) + 8, n));
	}
}
