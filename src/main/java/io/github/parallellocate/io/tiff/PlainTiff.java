package io.github.parallellocate.io.tiff;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;

/**
 * A plain TIFF read without ImageJ: uncompressed, one sample per pixel,
 * black is zero, 8-bit or unsigned 16-bit or 32-bit float, every page the
 * same, each page's data in one contiguous run, only the usual tags.
 * Stacks written by ImageJ (an {@code ImageJ} description with
 * {@code images=N}) are read as ImageJ reads them: N pages one after the
 * other from the first page's data. {@link #read} returns null for anything
 * else, and for anything damaged (a page or directory outside the file):
 * ImageJ then reads it, or explains what is wrong, as before. The pixels are
 * those ImageJ's reader would give (same type, byte order, values).
 */
final class PlainTiff implements TiffPages {

	// tags that may appear (anything else: leave the file to ImageJ)
	private static final int NEW_SUBFILE_TYPE = 254;
	private static final int WIDTH = 256;
	private static final int HEIGHT = 257;
	private static final int BITS_PER_SAMPLE = 258;
	private static final int COMPRESSION = 259;
	private static final int PHOTOMETRIC = 262;
	private static final int DESCRIPTION = 270;
	private static final int STRIP_OFFSETS = 273;
	private static final int SAMPLES_PER_PIXEL = 277;
	private static final int ROWS_PER_STRIP = 278;
	private static final int STRIP_BYTE_COUNTS = 279;
	private static final int X_RESOLUTION = 282;
	private static final int Y_RESOLUTION = 283;
	private static final int PLANAR_CONFIGURATION = 284;
	private static final int RESOLUTION_UNIT = 296;
	private static final int SOFTWARE = 305;
	private static final int DATE_TIME = 306;
	private static final int SAMPLE_FORMAT = 339;
	private static final int IMAGEJ_META_DATA_COUNTS = 50838;
	private static final int IMAGEJ_META_DATA = 50839;

	private static final int TYPE_ASCII = 2;
	private static final int TYPE_SHORT = 3;
	private static final int TYPE_LONG = 4;

	private final String name;
	private final int width;
	private final int height;
	private final PixelType type;
	private final PixelFormat format;
	private final ByteOrder order;
	private final long length;
	/** File offset of each page's data, or null for an ImageJ stack (pages one after the other). */
	private final long[] offsets;
	private final int pages;
	private final long stackStart;
	private final long pageBytes;
	private final TiffLayout layout;

	private PlainTiff(final String name, final Ifd first, final ByteOrder order, final long length, final long[] offsets,
			final TiffDirectory firstDirectory) {
		this(name, first, order, length, offsets, offsets.length, -1, -1, firstDirectory);
	}

	private PlainTiff(final String name, final Ifd first, final ByteOrder order, final long length, final int pages, final long stackStart,
			final long pageBytes, final TiffDirectory firstDirectory) {
		this(name, first, order, length, null, pages, stackStart, pageBytes, firstDirectory);
	}

	private PlainTiff(final String name, final Ifd first, final ByteOrder order, final long length, final long[] offsets, final int pages,
			final long stackStart, final long pageBytes, final TiffDirectory firstDirectory) {
		this.name = name;
		this.width = first.width;
		this.height = first.height;
		this.type = first.type();
		this.format = new PixelFormat(PixelFormat.Colours.GREY, 1, 1, first.bits, first.sampleFormat, 1, null);
		this.order = order;
		this.length = length;
		this.offsets = offsets;
		this.pages = pages;
		this.stackStart = stackStart;
		this.pageBytes = pageBytes;
		this.layout = TiffLayout.of(pages, firstDirectory.description, firstDirectory.xResolution, firstDirectory.yResolution,
			firstDirectory.resolutionUnit);
	}

	/** The file's pages if it is a plain TIFF, else null (also when it cannot be read: the decoder will say why). */
	static PlainTiff read(final ByteSource in) {
		try {
			final long length = in.length();
			if (length < 8)
				return null;
			final ByteBuffer head = read(in, 0, 8, ByteOrder.BIG_ENDIAN);
			final int mark = head.getShort(0);
			final ByteOrder order = mark == 0x4949 ? ByteOrder.LITTLE_ENDIAN : mark == 0x4d4d ? ByteOrder.BIG_ENDIAN : null;
			if (order == null || head.order(order).getShort(2) != 42)
				return null;
			return index(in, length, order, head.getInt(4) & 0xffffffffL);
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}

	/** Walks the directories (or trusts an ImageJ stack's image count, as ImageJ does); null if not plain. */
	private static PlainTiff index(final ByteSource raf, final long length, final ByteOrder order, final long firstIfd)
			throws IOException {
		final Ifd first = Ifd.read(raf, firstIfd, length, order);
		if (first == null || first.type() == null)
			return null;
		final TiffDirectory firstDirectory = TiffDirectory.read(raf, TiffStructure.header(raf), firstIfd, 0, true);
		final long pageBytes = first.pageBytes();
		if (pageBytes > Integer.MAX_VALUE - 8)
			return null;
		final int stack = imageJImages(first.description);
		if (stack < 0)
			return null;
		if (stack > 1) { // ImageJ reads the pages one after the other and ignores the other directories
			final long start = first.stripOffsets[0];
			return start + stack * pageBytes <= length ? new PlainTiff(raf.name(), first, order, length, stack, start, pageBytes, firstDirectory)
				: null;
		}
		final long maxPages = length / 18; // a directory takes at least 18 bytes: more means a loop
		long[] offsets = new long[16];
		int pages = 0;
		Ifd ifd = first;
		while (true) {
			if (pages >= maxPages || !ifd.sameAs(first) || !ifd.contiguous(pageBytes, length))
				return null;
			if (pages == offsets.length)
				offsets = Arrays.copyOf(offsets, 2 * pages);
			offsets[pages++] = ifd.stripOffsets[0];
			if (ifd.next == 0)
				return new PlainTiff(raf.name(), first, order, length, Arrays.copyOf(offsets, pages), firstDirectory);
			ifd = Ifd.read(raf, ifd.next, length, order);
			if (ifd == null) // a directory outside the file or not plain: ImageJ reads or explains it
				return null;
		}
	}

	/**
	 * The {@code images=} count of an ImageJ description (1 if none or no
	 * description), or -1 if the description is not ImageJ's or announces
	 * several channels: ImageJ reads those its own way.
	 */
	static int imageJImages(final String description) {
		if (description == null)
			return 1;
		if (!description.startsWith("ImageJ"))
			return -1;
		int images = 1;
		for (final String line : description.split("\n")) {
			final int eq = line.indexOf('=');
			final String key = eq < 0 ? line : line.substring(0, eq);
			if (key.equals("channels") || key.equals("images")) {
				final int n;
				try {
					n = Integer.parseInt(line.substring(eq + 1).trim());
				}
				catch (final NumberFormatException e) {
					return -1;
				}
				if (key.equals("channels") && n != 1 || n < 1)
					return -1;
				if (key.equals("images"))
					images = n;
			}
		}
		return images;
	}

	private static ByteBuffer read(final ByteSource raf, final long at, final int n, final ByteOrder order) throws IOException {
		final byte[] b = new byte[n];
		raf.readFully(at, b, 0, n);
		return ByteBuffer.wrap(b).order(order);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public TiffLayout layout() {
		return layout;
	}

	@Override
	public PixelFormat format() {
		return format;
	}

	@Override
	public int pages() {
		return pages;
	}

	@Override
	public int width() {
		return width;
	}

	@Override
	public int height() {
		return height;
	}

	@Override
	public Plane read(final ByteSource raf, final int page, final int sample) throws IOException {
		if (page < 0 || page >= pages)
			throw TiffPages.missingPage(name, pages, page);
		final long at = offsets != null ? offsets[page] : stackStart + page * pageBytes;
		if (sample != 0)
			throw new IllegalArgumentException(name + " has no channel " + (sample + 1));
		final int n = width * height;
		final int bytesPerSample = format.bytesPerSample();
		MemoryCheck.check(name, page, width, height, 0, bytesPerSample);
		final long end = at + (long) n * bytesPerSample;
		if (end > length)
			throw new IOException(name + " is truncated: page " + (page + 1) + " needs " + end + " bytes but the file has " + length);
		final byte[] bytes = new byte[n * bytesPerSample];
		try {
			raf.readFully(at, bytes, 0, bytes.length);
		}
		catch (final EOFException e) {
			throw new IOException(name + " is truncated: page " + (page + 1) + " ends past the end of the file", e);
		}
		if (type == PixelType.UINT8)
			return Plane.ofBytes(bytes, width, height);
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
		if (type == PixelType.UINT16) {
			final short[] s = new short[n];
			b.asShortBuffer().get(s);
			return Plane.ofShorts(s, width, height);
		}
		final float[] f = new float[n];
		b.asFloatBuffer().get(f);
		return Plane.ofFloats(f, width, height);
	}

	@Override
	public String toString() {
		return name + " (" + pages + " pages, plain)";
	}

	/** One image file directory, as far as a plain TIFF uses it. */
	private static final class Ifd {
		int width;
		int height;
		int bits;
		int sampleFormat = 1;
		long[] stripOffsets;
		long[] stripCounts;
		String description;
		long next;

		/** The directory at {@code at}, or null if it is outside the file or not plain. */
		static Ifd read(final ByteSource raf, final long at, final long length, final ByteOrder order) throws IOException {
			if (at < 8 || at + 2 > length)
				return null;
			final int entries = PlainTiff.read(raf, at, 2, order).getShort(0) & 0xffff;
			if (entries == 0 || at + 2 + 12L * entries + 4 > length)
				return null;
			final ByteBuffer b = PlainTiff.read(raf, at + 2, 12 * entries + 4, order);
			final Ifd ifd = new Ifd();
			for (int i = 0; i < entries; i++)
				if (!ifd.entry(raf, b, 12 * i, length, order))
					return null;
			ifd.next = b.getInt(12 * entries) & 0xffffffffL;
			return ifd.width > 0 && ifd.height > 0 && ifd.stripOffsets != null && ifd.stripCounts != null
				&& ifd.stripOffsets.length == ifd.stripCounts.length ? ifd : null;
		}

		/** Reads one entry; false if the tag or its value is not plain. */
		private boolean entry(final ByteSource raf, final ByteBuffer b, final int at, final long length, final ByteOrder order)
				throws IOException {
			final int tag = b.getShort(at) & 0xffff;
			final int type = b.getShort(at + 2) & 0xffff;
			final long count = b.getInt(at + 4) & 0xffffffffL;
			final long single = count != 1 ? -1 : type == TYPE_SHORT ? b.getShort(at + 8) & 0xffff : type == TYPE_LONG ? b.getInt(at + 8) & 0xffffffffL : -1;
			switch (tag) {
				case WIDTH:
					width = single > 0 && single < 1 << 30 ? (int) single : 0;
					return width > 0;
				case HEIGHT:
					height = single > 0 && single < 1 << 30 ? (int) single : 0;
					return height > 0;
				case BITS_PER_SAMPLE:
					bits = (int) single;
					return true;
				case SAMPLE_FORMAT:
					sampleFormat = (int) single;
					return true;
				case NEW_SUBFILE_TYPE:
					return single == 0;
				case COMPRESSION:
				case PHOTOMETRIC:
				case SAMPLES_PER_PIXEL:
				case PLANAR_CONFIGURATION:
					return single == 1;
				case STRIP_OFFSETS:
					stripOffsets = longs(raf, b, at, type, count, length, order);
					return stripOffsets != null;
				case STRIP_BYTE_COUNTS:
					stripCounts = longs(raf, b, at, type, count, length, order);
					return stripCounts != null;
				case DESCRIPTION:
					if (type != TYPE_ASCII || count > 1 << 20 || count > 4 && (b.getInt(at + 8) & 0xffffffffL) + count > length)
						return false;
					final ByteBuffer text = count <= 4 ? b.duplicate().position(at + 8) : PlainTiff.read(raf, b.getInt(at + 8) & 0xffffffffL, (int) count, order);
					final byte[] chars = new byte[(int) Math.max(0, count - 1)]; // without the closing NUL
					text.get(chars);
					description = new String(chars, StandardCharsets.ISO_8859_1);
					return true;
				case ROWS_PER_STRIP:
				case X_RESOLUTION:
				case Y_RESOLUTION:
				case RESOLUTION_UNIT:
				case SOFTWARE:
				case DATE_TIME:
				case IMAGEJ_META_DATA_COUNTS:
				case IMAGEJ_META_DATA:
					return true;
				default:
					return false;
			}
		}

		/** A SHORT or LONG value (count 1) or LONG array (elsewhere in the file), or null. */
		private static long[] longs(final ByteSource raf, final ByteBuffer b, final int at, final int type, final long count,
				final long length, final ByteOrder order) throws IOException {
			if (count == 1)
				return type == TYPE_SHORT ? new long[] { b.getShort(at + 8) & 0xffff }
					: type == TYPE_LONG ? new long[] { b.getInt(at + 8) & 0xffffffffL } : null;
			final long where = b.getInt(at + 8) & 0xffffffffL;
			if (type != TYPE_LONG || count < 2 || count > 1 << 20 || where + 4 * count > length)
				return null;
			final ByteBuffer v = PlainTiff.read(raf, where, (int) (4 * count), order);
			final long[] values = new long[(int) count];
			for (int i = 0; i < values.length; i++)
				values[i] = v.getInt(4 * i) & 0xffffffffL;
			return values;
		}

		/** The pixel type: 8-bit, unsigned 16-bit or 32-bit float, or null for anything else. */
		PixelType type() {
			if (bits == 8 && sampleFormat == 1)
				return PixelType.UINT8;
			if (bits == 16 && sampleFormat == 1)
				return PixelType.UINT16;
			if (bits == 32 && sampleFormat == 3)
				return PixelType.FLOAT32;
			return null;
		}

		long pageBytes() {
			return (long) width * height * (bits / 8);
		}

		boolean sameAs(final Ifd o) {
			return width == o.width && height == o.height && type() == o.type();
		}

		/** Whether the strips hold the page's bytes in one run inside the file. */
		boolean contiguous(final long pageBytes, final long length) {
			long end = stripOffsets[0];
			for (int i = 0; i < stripOffsets.length; i++) {
				if (stripOffsets[i] != end)
					return false;
				end += stripCounts[i];
			}
			return end - stripOffsets[0] >= pageBytes && stripOffsets[0] + pageBytes <= length && end <= length;
		}
	}
}
