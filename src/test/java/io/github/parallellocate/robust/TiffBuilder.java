package io.github.parallellocate.robust;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.Deflater;

/**
 * Writes TIFFs byte by byte, in any layout a valid file may have and a few
 * it may not: classic or BigTIFF, either byte order, strips of any height
 * or tiles, data stored in shuffled order with gaps, uncompressed, LZW,
 * deflate or PackBits, horizontal (2) or floating-point (3) predictor,
 * chunky or planar samples, any photometric interpretation and sample
 * format. Pages are given as samples in pixel-interleaved order, in the
 * builder's byte order. Test helper: files are made at test time, never
 * checked in.
 */
public final class TiffBuilder {

	public static final int NONE = 1, LZW = 5, DEFLATE = 8, PACKBITS = 32773;

	public ByteOrder order = ByteOrder.LITTLE_ENDIAN;
	public boolean big;
	public int width, height;
	public int bits = 8;
	public int sampleFormat = 1;
	public int samplesPerPixel = 1;
	public int photometric = 1;
	public int compression = NONE;
	public int predictor = 1;
	/** Rows per strip (0: the whole page in one strip). */
	public int rowsPerStrip;
	/** Tile size (0: strips). */
	public int tileWidth, tileLength;
	public boolean planar;
	/** Extra samples (alpha) count. */
	public int extraSamples;
	/** Stores the strips/tiles of each page in a shuffled order with gaps between them. */
	public Random shuffle;
	public String description;
	/** Palette for photometric 3 (3 * 2^bits values). */
	public int[] colorMap;
	/** Bytes stored right after the first page's data (ImageJ's one-directory stacks: the other pages). */
	public byte[] afterFirstPage;
	/** Extra IFD entries: tag to {type, count, value} (value inline). */
	public final TreeMap<Integer, long[]> extra = new TreeMap<>();

	private final List<byte[]> pages = new ArrayList<>();

	public TiffBuilder(final int width, final int height) {
		this.width = width;
		this.height = height;
	}

	public TiffBuilder page(final byte[] samples) {
		pages.add(samples);
		return this;
	}

	public int bytesPerSample() {
		return bits / 8;
	}

	public byte[] build() {
		final Out out = new Out(order, big);
		out.bytes(order == ByteOrder.LITTLE_ENDIAN ? new byte[] { 'I', 'I' } : new byte[] { 'M', 'M' });
		if (big) {
			out.u16(43);
			out.u16(8);
			out.u16(0);
		}
		else
			out.u16(42);
		final int firstLink = out.size();
		out.offset(0);
		int link = firstLink;
		for (final byte[] page : pages) {
			final List<byte[]> segments = segments(page);
			final long[] offsets = new long[segments.size()], counts = new long[segments.size()];
			final List<Integer> order = new ArrayList<>();
			for (int i = 0; i < segments.size(); i++)
				order.add(i);
			if (shuffle != null)
				Collections.shuffle(order, shuffle);
			for (final int i : order) {
				if (shuffle != null)
					out.bytes(new byte[1 + shuffle.nextInt(7)]); // a gap
				offsets[i] = out.size();
				counts[i] = segments.get(i).length;
				out.bytes(segments.get(i));
			}
			if (afterFirstPage != null && link == firstLink)
				out.bytes(afterFirstPage);
			out.align();
			final int ifd = out.size();
			out.patchOffset(link, ifd);
			link = writeIfd(out, offsets, counts);
		}
		return out.toByteArray();
	}

	/** Writes a directory; returns where its link to the next one is. */
	private int writeIfd(final Out out, final long[] offsets, final long[] counts) {
		final TreeMap<Integer, Object[]> e = new TreeMap<>(); // tag -> {type, values (long[] or byte[])}
		final boolean tiled = tileWidth > 0;
		e.put(256, new Object[] { 4, new long[] { width } });
		e.put(257, new Object[] { 4, new long[] { height } });
		e.put(258, new Object[] { 3, repeat(bits, samplesPerPixel) });
		e.put(259, new Object[] { 3, new long[] { compression } });
		e.put(262, new Object[] { 3, new long[] { photometric } });
		if (description != null)
			e.put(270, new Object[] { 2, (description + "\0").getBytes(StandardCharsets.ISO_8859_1) });
		e.put(tiled ? 324 : 273, new Object[] { big ? 16 : 4, offsets });
		e.put(277, new Object[] { 3, new long[] { samplesPerPixel } });
		if (!tiled)
			e.put(278, new Object[] { 4, new long[] { rows() } });
		e.put(tiled ? 325 : 279, new Object[] { big ? 16 : 4, counts });
		e.put(284, new Object[] { 3, new long[] { planar ? 2 : 1 } });
		if (colorMap != null)
			e.put(320, new Object[] { 3, toLongs(colorMap) });
		if (predictor != 1)
			e.put(317, new Object[] { 3, new long[] { predictor } });
		if (tiled) {
			e.put(322, new Object[] { 3, new long[] { tileWidth } });
			e.put(323, new Object[] { 3, new long[] { tileLength } });
		}
		if (extraSamples > 0)
			e.put(338, new Object[] { 3, repeat(2, extraSamples) });
		e.put(339, new Object[] { 3, repeat(sampleFormat, samplesPerPixel) });
		for (final var x : extra.entrySet())
			e.put(x.getKey(), new Object[] { (int) x.getValue()[0], x.getValue()[1] == 1 ? new long[] { x.getValue()[2] } : repeat(x.getValue()[2], (int) x.getValue()[1]) });
		final int entryBytes = big ? 20 : 12;
		final int start = out.size();
		final int valuesAt = start + (big ? 8 : 2) + e.size() * entryBytes + (big ? 8 : 4);
		final Out values = new Out(order, big);
		final Out dir = new Out(order, big);
		if (big)
			dir.u64(e.size());
		else
			dir.u16(e.size());
		for (final var x : e.entrySet()) {
			final int type = (Integer) x.getValue()[0];
			final Object v = x.getValue()[1];
			final Out data = new Out(order, big);
			final long count;
			if (v instanceof byte[]) {
				data.bytes((byte[]) v);
				count = ((byte[]) v).length;
			}
			else {
				final long[] l = (long[]) v;
				count = l.length;
				for (final long n : l) {
					if (type == 3)
						data.u16((int) n);
					else if (type == 16)
						data.u64(n);
					else
						data.u32(n);
				}
			}
			dir.u16(x.getKey());
			dir.u16(type);
			if (big)
				dir.u64(count);
			else
				dir.u32(count);
			final byte[] d = data.toByteArray();
			final int inline = big ? 8 : 4;
			if (d.length <= inline) {
				dir.bytes(d);
				dir.bytes(new byte[inline - d.length]);
			}
			else {
				values.align();
				dir.offset(valuesAt + values.size());
				values.bytes(d);
			}
		}
		final int link = start + dir.size();
		dir.offset(0);
		out.bytes(dir.toByteArray());
		out.bytes(values.toByteArray());
		out.align();
		return link;
	}

	private int rows() {
		return rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
	}

	private static long[] repeat(final long v, final int n) {
		final long[] l = new long[n];
		java.util.Arrays.fill(l, v);
		return l;
	}

	private static long[] toLongs(final int[] v) {
		final long[] l = new long[v.length];
		for (int i = 0; i < v.length; i++)
			l[i] = v[i];
		return l;
	}

	/** The page's strips or tiles, each predicted and compressed. */
	private List<byte[]> segments(final byte[] page) {
		final int bps = bytesPerSample();
		final List<byte[]> out = new ArrayList<>();
		final int planes = planar ? samplesPerPixel : 1;
		final int spp = planar ? 1 : samplesPerPixel;
		for (int p = 0; p < planes; p++) {
			final byte[] plane = planar ? samplePlane(page, p) : page;
			if (tileWidth > 0) {
				for (int ty = 0; ty < height; ty += tileLength)
					for (int tx = 0; tx < width; tx += tileWidth) {
						final byte[] tile = new byte[tileWidth * tileLength * spp * bps];
						for (int y = 0; y < tileLength && ty + y < height; y++) {
							final int n = Math.min(tileWidth, width - tx) * spp * bps;
							System.arraycopy(plane, ((ty + y) * width + tx) * spp * bps, tile, y * tileWidth * spp * bps, n);
						}
						out.add(encode(tile, tileWidth, spp));
					}
			}
			else {
				final int rows = rows();
				final int rowBytes = width * spp * bps;
				for (int y = 0; y < height; y += rows) {
					final int n = Math.min(rows, height - y) * rowBytes;
					final byte[] strip = new byte[n];
					System.arraycopy(plane, y * rowBytes, strip, 0, n);
					out.add(encode(strip, width, spp));
				}
			}
		}
		return out;
	}

	private byte[] samplePlane(final byte[] page, final int s) {
		final int bps = bytesPerSample();
		final byte[] out = new byte[width * height * bps];
		for (int i = 0; i < width * height; i++)
			System.arraycopy(page, (i * samplesPerPixel + s) * bps, out, i * bps, bps);
		return out;
	}

	private byte[] encode(final byte[] raw, final int rowPixels, final int spp) {
		byte[] data = raw.clone();
		if (predictor == 2)
			horizontal(data, rowPixels, spp);
		else if (predictor == 3)
			data = floatingPoint(data, rowPixels, spp);
		switch (compression) {
			case LZW:
				return lzw(data);
			case DEFLATE:
			case 32946:
				return deflate(data);
			case PACKBITS:
				return packBits(data);
			default:
				return data;
		}
	}

	/** Horizontal differencing of integer samples, per row. */
	private void horizontal(final byte[] d, final int rowPixels, final int spp) {
		final int bps = bytesPerSample();
		final ByteBuffer b = ByteBuffer.wrap(d).order(order);
		final int rowSamples = rowPixels * spp;
		for (int row = 0; row * rowSamples * bps < d.length; row++)
			for (int i = rowSamples - 1; i >= spp; i--) {
				final int at = (row * rowSamples + i) * bps, prev = at - spp * bps;
				if (bps == 1)
					d[at] = (byte) (d[at] - d[prev]);
				else if (bps == 2)
					b.putShort(at, (short) (b.getShort(at) - b.getShort(prev)));
				else
					b.putInt(at, b.getInt(at) - b.getInt(prev));
			}
	}

	/** TIFF floating-point predictor: bytes of each row regrouped most significant first, then byte differences. */
	private byte[] floatingPoint(final byte[] d, final int rowPixels, final int spp) {
		final int bps = bytesPerSample();
		final int rowSamples = rowPixels * spp;
		final int rowBytes = rowSamples * bps;
		final byte[] out = new byte[d.length];
		for (int row = 0; row * rowBytes < d.length; row++) {
			final int base = row * rowBytes;
			for (int i = 0; i < rowSamples; i++)
				for (int k = 0; k < bps; k++) {
					// byte k of the big-endian value (k = 0 most significant)
					final int src = order == ByteOrder.BIG_ENDIAN ? k : bps - 1 - k;
					out[base + k * rowSamples + i] = d[base + i * bps + src];
				}
			for (int i = rowBytes - 1; i >= spp; i--)
				out[base + i] = (byte) (out[base + i] - out[base + i - spp]);
		}
		return out;
	}

	static byte[] deflate(final byte[] d) {
		final Deflater def = new Deflater();
		def.setInput(d);
		def.finish();
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		final byte[] buf = new byte[4096];
		while (!def.finished())
			o.write(buf, 0, def.deflate(buf));
		def.end();
		return o.toByteArray();
	}

	static byte[] packBits(final byte[] d) {
		final ByteArrayOutputStream o = new ByteArrayOutputStream();
		int i = 0;
		while (i < d.length) {
			int run = 1;
			while (i + run < d.length && run < 128 && d[i + run] == d[i])
				run++;
			if (run >= 2) {
				o.write(1 - run);
				o.write(d[i]);
				i += run;
				continue;
			}
			int lit = 1;
			while (i + lit < d.length && lit < 128 && !(i + lit + 1 < d.length && d[i + lit] == d[i + lit + 1]))
				lit++;
			o.write(lit - 1);
			o.write(d, i, lit);
			i += lit;
		}
		return o.toByteArray();
	}

	/** TIFF LZW (MSB first, code width growing one code early as libtiff writes it). */
	static byte[] lzw(final byte[] d) {
		final Bits out = new Bits();
		final java.util.HashMap<Integer, Integer> table = new java.util.HashMap<>();
		int width = 9, next = 258;
		out.put(256, width);
		if (d.length == 0) {
			out.put(257, width);
			return out.toByteArray();
		}
		int w = d[0] & 0xff;
		for (int i = 1; i < d.length; i++) {
			final int c = d[i] & 0xff;
			final Integer code = table.get(w << 8 | c);
			if (code != null) {
				w = code;
				continue;
			}
			out.put(w, width);
			table.put(w << 8 | c, next++);
			w = c;
			if (next == 4094) {
				out.put(256, width);
				table.clear();
				next = 258;
				width = 9;
			}
			else if (next > (1 << width) - 1)
				width++;
		}
		out.put(w, width);
		next++;
		if (next > (1 << width) - 1 && width < 12)
			width++;
		out.put(257, width);
		return out.toByteArray();
	}

	private static final class Bits {
		private final ByteArrayOutputStream o = new ByteArrayOutputStream();
		private long acc;
		private int n;

		void put(final int code, final int width) {
			acc = acc << width | code;
			n += width;
			while (n >= 8) {
				o.write((int) (acc >>> (n - 8)));
				n -= 8;
			}
		}

		byte[] toByteArray() {
			if (n > 0)
				o.write((int) (acc << (8 - n)));
			n = 0;
			return o.toByteArray();
		}
	}

	/** A growing byte array in a byte order. */
	private static final class Out {
		private final ByteArrayOutputStream o = new ByteArrayOutputStream();
		private final ByteOrder order;
		private final boolean big;
		private byte[] patched;

		Out(final ByteOrder order, final boolean big) {
			this.order = order;
			this.big = big;
		}

		int size() {
			return o.size();
		}

		void bytes(final byte[] b) {
			o.writeBytes(b);
		}

		void u16(final int v) {
			o.writeBytes(ByteBuffer.allocate(2).order(order).putShort((short) v).array());
		}

		void u32(final long v) {
			o.writeBytes(ByteBuffer.allocate(4).order(order).putInt((int) v).array());
		}

		void u64(final long v) {
			o.writeBytes(ByteBuffer.allocate(8).order(order).putLong(v).array());
		}

		void offset(final long v) {
			if (big)
				u64(v);
			else
				u32(v);
		}

		void align() {
			if (o.size() % 2 != 0)
				o.write(0);
		}

		void patchOffset(final int at, final long v) {
			final byte[] b = o.toByteArray();
			final ByteBuffer bb = ByteBuffer.wrap(b).order(order);
			if (big)
				bb.putLong(at, v);
			else
				bb.putInt(at, (int) v);
			o.reset();
			o.writeBytes(b);
		}

		byte[] toByteArray() {
			return patched != null ? patched : o.toByteArray();
		}
	}
}
