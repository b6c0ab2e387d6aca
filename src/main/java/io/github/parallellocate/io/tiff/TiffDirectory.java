package io.github.parallellocate.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;


/**
 * One image file directory (IFD) of a classic or Big TIFF, read defensively:
 * every count is checked against what the file can hold before anything is
 * allocated, every value array must lie inside the file, and only the tags
 * that say how to find and interpret the pixels are kept. Malformed
 * directories give an {@link IOException} with a one-line message naming the
 * file and page.
 */
final class TiffDirectory {

	static final int NEW_SUBFILE_TYPE = 254, WIDTH = 256, HEIGHT = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259, PHOTOMETRIC = 262,
		DESCRIPTION = 270, STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279, X_RESOLUTION = 282,
		Y_RESOLUTION = 283, PLANAR_CONFIGURATION = 284, RESOLUTION_UNIT = 296, PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323,
		TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325, EXTRA_SAMPLES = 338, SAMPLE_FORMAT = 339;

	/** Bytes of one value of each TIFF field type (index = type; 0 = unknown). */
	private static final int[] TYPE_SIZE = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8 };
	/** Longest description kept (ImageJ's are a few hundred bytes; OME-XML can be long). */
	private static final int MAX_DESCRIPTION = 1 << 20;

	final long offset;
	int width, height;
	int bitsPerSample = 1;
	/** Whether the samples of a pixel differ in bit depth or sample format (refused). */
	boolean mixedBits;
	int samplesPerPixel = 1;
	int sampleFormat = 1;
	int compression = 1;
	int photometric = -1;
	int planar = 1;
	int predictor = 1;
	long rowsPerStrip = -1;
	int tileWidth, tileLength;
	int extraSamples;
	long[] dataOffsets;
	long[] dataCounts;
	boolean tiled;
	String description;
	double xResolution = Double.NaN, yResolution = Double.NaN;
	int resolutionUnit = 2;
	/** The link to the next directory (0 = none) and where it is stored. */
	long next;
	long nextPointerAt;

	private TiffDirectory(final long offset) {
		this.offset = offset;
	}

	/**
	 * Reads the directory at {@code offset}.
	 *
	 * @param page 0-based page, for messages
	 * @param full whether to read the value arrays (false: only the entry
	 *          count and the link to the next directory are checked)
	 */
	static TiffDirectory read(final ByteSource in, final TiffStructure s, final long offset, final int page, final boolean full)
			throws IOException {
		final long length = s.length;
		final int countBytes = s.big ? 8 : 2, entryBytes = s.big ? 20 : 12, linkBytes = s.big ? 8 : 4;
		if (offset < s.headerBytes())
			throw s.corrupt("the directory of page " + (page + 1) + " would be at byte " + offset + ", inside the file header");
		if (offset > length - countBytes)
			throw pastTheEnd(s, page, offset);
		final ByteBuffer head = s.read(in, offset, countBytes);
		final long entries = s.big ? head.getLong(0) : head.getShort(0) & 0xffff;
		if (entries == 0)
			throw s.corrupt("the directory of page " + (page + 1) + " (at byte " + offset + ") is empty");
		if (entries < 0 || entries > 65535)
			throw s.corrupt("the directory of page " + (page + 1) + " (at byte " + offset + ") declares " + Long.toUnsignedString(entries)
				+ " entries");
		if (entries * entryBytes + linkBytes > length - offset - countBytes)
			throw pastTheEnd(s, page, offset);
		final TiffDirectory d = new TiffDirectory(offset);
		d.nextPointerAt = offset + countBytes + entries * entryBytes;
		final ByteBuffer b = s.read(in, offset + countBytes, (int) (entries * entryBytes + linkBytes));
		d.next = s.big ? b.getLong((int) entries * entryBytes) : b.getInt((int) entries * entryBytes) & 0xffffffffL;
		if (d.next < 0)
			throw s.corrupt("the directory of page " + (page + 1) + " links to byte " + Long.toUnsignedString(d.next));
		if (!full)
			return d;
		for (int i = 0; i < entries; i++)
			d.entry(in, s, b, i * entryBytes, page);
		return d;
	}

	private static IOException pastTheEnd(final TiffStructure s, final int page, final long offset) {
		return new IOException(s.name + " is truncated or corrupt: the directory of page " + (page + 1) + " (at byte " + Long.toUnsignedString(offset)
			+ ") extends past the end of the file (" + s.length + " bytes)");
	}

	private void entry(final ByteSource in, final TiffStructure s, final ByteBuffer b, final int at, final int page) throws IOException {
		final int tag = b.getShort(at) & 0xffff;
		final int type = b.getShort(at + 2) & 0xffff;
		final long count = s.big ? b.getLong(at + 4) : b.getInt(at + 4) & 0xffffffffL;
		switch (tag) {
			case WIDTH:
				width = positiveInt(s, page, "ImageWidth", single(in, s, b, at, type, count, page));
				break;
			case HEIGHT:
				height = positiveInt(s, page, "ImageLength", single(in, s, b, at, type, count, page));
				break;
			case BITS_PER_SAMPLE: {
				final long[] v = values(in, s, b, at, type, count, page, "BitsPerSample", 1 << 16);
				if (v.length > 0) {
					bitsPerSample = (int) Math.min(v[0], 1 << 16);
					for (final long x : v)
						mixedBits |= x != v[0];
				}
				break;
			}
			case SAMPLE_FORMAT: {
				final long[] v = values(in, s, b, at, type, count, page, "SampleFormat", 1 << 16);
				if (v.length > 0) {
					sampleFormat = (int) Math.min(v[0], 1 << 16);
					for (final long x : v)
						mixedBits |= x != v[0];
				}
				break;
			}
			case SAMPLES_PER_PIXEL:
				samplesPerPixel = positiveInt(s, page, "SamplesPerPixel", single(in, s, b, at, type, count, page));
				break;
			case COMPRESSION:
				compression = (int) Math.min(single(in, s, b, at, type, count, page), 1 << 20);
				break;
			case PHOTOMETRIC:
				photometric = (int) Math.min(single(in, s, b, at, type, count, page), 1 << 20);
				break;
			case PLANAR_CONFIGURATION:
				planar = (int) Math.min(single(in, s, b, at, type, count, page), 1 << 20);
				break;
			case PREDICTOR:
				predictor = (int) Math.min(single(in, s, b, at, type, count, page), 1 << 20);
				break;
			case ROWS_PER_STRIP:
				rowsPerStrip = single(in, s, b, at, type, count, page);
				break;
			case TILE_WIDTH:
				tileWidth = positiveInt(s, page, "TileWidth", single(in, s, b, at, type, count, page));
				break;
			case TILE_LENGTH:
				tileLength = positiveInt(s, page, "TileLength", single(in, s, b, at, type, count, page));
				break;
			case EXTRA_SAMPLES:
				extraSamples = (int) Math.min(count, 1 << 16);
				break;
			case STRIP_OFFSETS:
			case TILE_OFFSETS:
				dataOffsets = values(in, s, b, at, type, count, page, tag == STRIP_OFFSETS ? "StripOffsets" : "TileOffsets", Integer.MAX_VALUE);
				tiled |= tag == TILE_OFFSETS;
				break;
			case STRIP_BYTE_COUNTS:
			case TILE_BYTE_COUNTS:
				dataCounts = values(in, s, b, at, type, count, page, tag == STRIP_BYTE_COUNTS ? "StripByteCounts" : "TileByteCounts",
					Integer.MAX_VALUE);
				break;
			case DESCRIPTION:
				if (description == null && type == 2)
					description = text(in, s, b, at, count, page);
				break;
			case X_RESOLUTION:
				xResolution = rational(in, s, b, at, type, count, page);
				break;
			case Y_RESOLUTION:
				yResolution = rational(in, s, b, at, type, count, page);
				break;
			case RESOLUTION_UNIT:
				resolutionUnit = (int) Math.min(single(in, s, b, at, type, count, page), 1 << 20);
				break;
			default:
				// anything else does not change how the pixels are found
		}
	}

	private static int positiveInt(final TiffStructure s, final int page, final String field, final long v) throws IOException {
		if (v <= 0 || v > Integer.MAX_VALUE)
			throw s.corrupt("page " + (page + 1) + " has " + field + " " + v);
		return (int) v;
	}

	/** The first value of an integer field. */
	private static long single(final ByteSource in, final TiffStructure s, final ByteBuffer b, final int at, final int type,
			final long count, final int page) throws IOException {
		if (count < 1)
			throw s.corrupt("page " + (page + 1) + ": tag " + (b.getShort(at) & 0xffff) + " has no value");
		return values(in, s, b, at, type, 1, page, "tag " + (b.getShort(at) & 0xffff), 1)[0];
	}

	/**
	 * The values of an integer field (BYTE, SHORT, LONG, LONG8 or IFD types),
	 * at most {@code max} of them, after checking that they lie in the file.
	 */
	private static long[] values(final ByteSource in, final TiffStructure s, final ByteBuffer b, final int at, final int type,
			final long count, final int page, final String field, final int max) throws IOException {
		final int size = type < TYPE_SIZE.length ? TYPE_SIZE[type] : 0;
		if (size == 0 || type == 2 || type == 5 || type == 10 || type == 11 || type == 12)
			throw s.corrupt("page " + (page + 1) + ": " + field + " has field type " + type + ", not an integer type");
		if (count > max)
			throw s.corrupt("page " + (page + 1) + ": " + field + " declares " + count + " values");
		final long bytes = count * size;
		final int inline = s.big ? 8 : 4;
		final ByteBuffer v;
		if (bytes <= inline)
			v = b.duplicate().order(b.order()).position(at + (s.big ? 12 : 8)).slice().order(b.order());
		else {
			final long where = s.big ? b.getLong(at + 12) : b.getInt(at + 8) & 0xffffffffL;
			if (where < 0 || bytes > s.length || where > s.length - bytes)
				throw s.corrupt("page " + (page + 1) + ": " + field + " declares " + count + " values at byte " + Long.toUnsignedString(where)
					+ ", past the end of the file (" + s.length + " bytes)");
			v = s.read(in, where, (int) bytes);
		}
		final long[] out = new long[(int) count];
		for (int i = 0; i < out.length; i++) {
			switch (size) {
				case 1:
					out[i] = v.get(i) & 0xff;
					break;
				case 2:
					out[i] = v.getShort(2 * i) & 0xffff;
					break;
				case 4:
					out[i] = v.getInt(4 * i) & 0xffffffffL;
					break;
				default:
					out[i] = v.getLong(8 * i);
					if (out[i] < 0)
						throw s.corrupt("page " + (page + 1) + ": " + field + " has value " + Long.toUnsignedString(out[i]));
			}
		}
		return out;
	}

	private static double rational(final ByteSource in, final TiffStructure s, final ByteBuffer b, final int at, final int type,
			final long count, final int page) throws IOException {
		if (type != 5 || count < 1)
			return Double.NaN;
		final ByteBuffer v;
		if (s.big)
			v = b.duplicate().order(b.order()).position(at + 12).slice().order(b.order());
		else {
			final long where = b.getInt(at + 8) & 0xffffffffL;
			if (where > s.length - 8)
				throw s.corrupt("page " + (page + 1) + ": a resolution value lies past the end of the file");
			v = s.read(in, where, 8);
		}
		final long num = v.getInt(0) & 0xffffffffL, den = v.getInt(4) & 0xffffffffL;
		return den == 0 ? Double.NaN : (double) num / den;
	}

	private static String text(final ByteSource in, final TiffStructure s, final ByteBuffer b, final int at, final long count, final int page)
			throws IOException {
		final int inline = s.big ? 8 : 4;
		if (count <= inline) {
			final byte[] chars = new byte[(int) count];
			b.duplicate().position(at + (s.big ? 12 : 8)).get(chars);
			return new String(chars, StandardCharsets.ISO_8859_1).replace("\0", "");
		}
		final long where = s.big ? b.getLong(at + 12) : b.getInt(at + 8) & 0xffffffffL;
		if (where < 0 || count > s.length || where > s.length - count)
			throw s.corrupt("page " + (page + 1) + ": its ImageDescription (" + count + " bytes at byte " + Long.toUnsignedString(where)
				+ ") lies past the end of the file (" + s.length + " bytes)");
		if (count > MAX_DESCRIPTION)
			return null; // not ImageJ's: ignored
		final byte[] chars = new byte[(int) count];
		s.read(in, where, (int) count).get(chars);
		int n = chars.length;
		while (n > 0 && chars[n - 1] == 0)
			n--;
		return new String(chars, 0, n, StandardCharsets.ISO_8859_1);
	}

	/** Bytes of one sample, or 0 if the bit depth is not a whole number of bytes. */
	int bytesPerSample() {
		return bitsPerSample % 8 == 0 ? bitsPerSample / 8 : 0;
	}
}
