package io.github.parallellocate.io.tiff;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageReadParam;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;

import io.github.parallellocate.core.Plane;

/**
 * A TIFF read with TwelveMonkeys' validating decoder: strips in any order or
 * with gaps, tiles, BigTIFF, LZW/deflate/PackBits/JPEG, predictors 2 and 3,
 * colour models. The directory chain is walked once here
 * ({@link TiffStructure}: bounds, loops); each page is then shown to the
 * decoder as a file of its own ({@link InputImageStream#overlay}), after its
 * directory has been checked ({@link TiffDirectory}: counts against the
 * file's length, data inside the file, same size and type as page 1) and the
 * memory it needs compared with the heap. Every failure of the decoder,
 * whatever its type, becomes one {@link IOException} naming the file and page.
 * <p>
 * ImageJ's stacks written with fewer directories than the {@code images=N}
 * they announce (ImageJ writes one directory for stacks over 4 GB) are read
 * as ImageJ reads them: N uncompressed pages one after the other from the
 * first page's data, each checked to lie inside the file. When every page
 * has its directory, each page is read from its own.
 * </p>
 */
final class DecodedTiff implements TiffPages {

	private final String name;
	private final TiffStructure structure;
	private final long[] ifds;
	private final TiffDirectory first;
	private final PixelFormat format;
	private final TiffLayout layout;
	/** For ImageJ's one-directory stacks: where page 1's data starts and the bytes of a page; else -1. */
	private final long stackStart;
	private final long stackPageBytes;
	private final int pages;

	private DecodedTiff(final TiffStructure structure, final long[] ifds, final TiffDirectory first, final PixelFormat format,
			final long stackStart, final long stackPageBytes, final int pages) {
		this.name = structure.name;
		this.structure = structure;
		this.ifds = ifds;
		this.first = first;
		this.format = format;
		this.stackStart = stackStart;
		this.stackPageBytes = stackPageBytes;
		this.pages = pages;
		this.layout = TiffLayout.of(pages, first.description, first.xResolution, first.yResolution, first.resolutionUnit);
	}

	/**
	 * Indexes a TIFF: walks its directories and checks the first page.
	 *
	 * @throws IOException with a one-line message naming the file if it is
	 *           not a readable TIFF or its pixel type is not supported
	 */
	static DecodedTiff read(final ByteSource in) throws IOException {
		return read(in, true);
	}

	/**
	 * Indexes a TIFF; with {@code imageJStacks} false, an ImageJ stack's
	 * pages are read from their own directories by the decoder (tests compare
	 * the two ways).
	 */
	static DecodedTiff read(final ByteSource in, final boolean imageJStacks) throws IOException {
		final TiffStructure s = TiffStructure.header(in);
		final long[] ifds = s.walk(in);
		final TiffDirectory first = TiffDirectory.read(in, s, ifds[0], 0, true);
		final PixelFormat format = PixelFormat.of(s.name, first);
		checkGeometry(s, first, 0);
		final int images = imageJImages(first.description);
		if (imageJStacks && images > ifds.length && first.compression == 1 && (first.planar == 1 || first.samplesPerPixel == 1) && contiguous(first)) {
			final long pageBytes = format.pageBytes(first);
			final long start = first.dataOffsets[0];
			if (pageBytes <= 0 || pageBytes > s.length)
				throw new IOException(s.name + " is truncated: page 1 needs " + pageBytes + " bytes but the file has " + s.length);
			if (start > s.length || images > (s.length - start) / pageBytes)
				throw new IOException(s.name + " is truncated: its " + images + " pages need " + (start + (double) images * pageBytes > Long.MAX_VALUE
					? "more" : Long.toString(start + images * pageBytes)) + " bytes but the file has " + s.length);
			return new DecodedTiff(s, ifds, first, format, start, pageBytes, images);
		}
		if (images > ifds.length)
			throw new IOException(s.name + " is corrupt or incomplete: its ImageJ description announces " + images + " images but it has "
				+ ifds.length + (ifds.length == 1 ? " page" : " pages"));
		return new DecodedTiff(s, ifds, first, format, -1, -1, ifds.length);
	}

	/** The {@code images=} count of an ImageJ description, or 1. */
	static int imageJImages(final String description) {
		final Map<String, String> p = TiffLayout.imageJProperties(description);
		try {
			return p.containsKey("images") ? Math.max(1, Integer.parseInt(p.get("images"))) : 1;
		}
		catch (final NumberFormatException e) {
			return 1;
		}
	}

	/** Whether the strips of an uncompressed page hold its bytes in one run. */
	private static boolean contiguous(final TiffDirectory d) {
		if (d.tiled || d.dataOffsets == null || d.dataCounts == null || d.dataOffsets.length != d.dataCounts.length)
			return false;
		long end = d.dataOffsets[0];
		for (int i = 0; i < d.dataOffsets.length; i++) {
			if (d.dataOffsets[i] != end)
				return false;
			end += d.dataCounts[i];
		}
		return true;
	}

	/**
	 * Checks that a directory describes a readable page: image data present,
	 * as many strips or tiles as the size needs, all inside the file.
	 */
	private static void checkGeometry(final TiffStructure s, final TiffDirectory d, final int page) throws IOException {
		final String where = s.name + ", page " + (page + 1);
		if (d.width <= 0 || d.height <= 0)
			throw new IOException(where + " has no " + (d.width <= 0 ? "ImageWidth" : "ImageLength") + ": not a readable TIFF page");
		if (d.dataOffsets == null)
			throw new IOException(where + " has no image data (no StripOffsets or TileOffsets)");
		if (d.dataCounts == null)
			throw new IOException(where + " has no " + (d.tiled ? "TileByteCounts" : "StripByteCounts"));
		final long planes = d.planar == 2 ? d.samplesPerPixel : 1;
		final long expected;
		if (d.tiled) {
			if (d.tileWidth <= 0 || d.tileLength <= 0)
				throw new IOException(where + " is tiled without TileWidth and TileLength");
			expected = ceilDiv(d.width, d.tileWidth) * ceilDiv(d.height, d.tileLength) * planes;
		}
		else {
			final long rows = d.rowsPerStrip <= 0 || d.rowsPerStrip > d.height ? d.height : d.rowsPerStrip;
			expected = ceilDiv(d.height, rows) * planes;
		}
		if (d.dataOffsets.length != d.dataCounts.length || d.dataOffsets.length < expected)
			throw new IOException(where + " is corrupt: it has " + d.dataOffsets.length + " " + (d.tiled ? "tile" : "strip") + " offsets and "
				+ d.dataCounts.length + " byte counts where its size needs " + expected);
		long end = 0;
		for (int i = 0; i < expected; i++)
			end = Math.max(end, d.dataOffsets[i] > Long.MAX_VALUE - d.dataCounts[i] ? Long.MAX_VALUE : d.dataOffsets[i] + d.dataCounts[i]);
		if (end > s.length)
			throw new IOException(s.name + " is truncated: page " + (page + 1) + " needs " + end + " bytes but the file has " + s.length);
		for (int i = 0; i < expected; i++)
			if (d.dataOffsets[i] < s.headerBytes() && d.dataCounts[i] > 0)
				throw new IOException(where + " is corrupt: its image data would start inside the file header");
	}

	private static long ceilDiv(final long a, final long b) {
		return (a + b - 1) / b;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public int pages() {
		return pages;
	}

	@Override
	public TiffLayout layout() {
		return layout;
	}

	@Override
	public int width() {
		return first.width;
	}

	@Override
	public int height() {
		return first.height;
	}

	@Override
	public PixelFormat format() {
		return format;
	}

	@Override
	public Plane read(final ByteSource in, final int page, final int sample) throws IOException {
		if (page < 0 || page >= pages)
			throw TiffPages.missingPage(name, pages, page);
		if (sample < 0 || sample >= format.samples())
			throw new IllegalArgumentException(name + " has no channel " + (sample + 1));
		format.checkSupported(name);
		MemoryCheck.check(name, page, first.width, first.height, format.decodedBytesPerPixel(stackStart < 0), format.bytesPerSample());
		try {
			if (stackStart >= 0)
				return readStackPage(in, page, sample);
			return decode(in, page, sample);
		}
		catch (final OutOfMemoryError e) {
			throw MemoryCheck.outOfMemory(name, page, first.width, first.height, format.decodedBytesPerPixel(stackStart < 0), format.bytesPerSample());
		}
	}

	/** A page of an ImageJ one-directory stack: raw samples at a computed offset. */
	private Plane readStackPage(final ByteSource in, final int page, final int sample) throws IOException {
		final long at = stackStart + page * stackPageBytes;
		if (at + stackPageBytes > structure.length)
			throw new IOException(name + " is truncated: page " + (page + 1) + " needs " + (at + stackPageBytes) + " bytes but the file has "
				+ structure.length);
		return RawPages.decode(in, at, first.width, first.height, format, sample, first.planar == 2, structure.order);
	}

	private Plane decode(final ByteSource in, final int page, final int sample) throws IOException {
		final TiffDirectory d = page == 0 ? first : TiffDirectory.read(in, structure, ifds[page], page, true);
		if (page > 0) {
			if (d.width != first.width || d.height != first.height)
				throw new IOException(name + ": page " + (page + 1) + " is " + d.width + "x" + d.height + " but page 1 is " + first.width + "x"
					+ first.height + ": all pages must have the same size");
			final PixelFormat f = PixelFormat.of(name, d);
			if (!f.sameAs(format))
				throw new IOException(name + ": page " + (page + 1) + " is " + f + " but page 1 is " + format + ": all pages must have the same pixel type");
			checkGeometry(structure, d, page);
		}
		final TIFFImageReader reader = new TIFFImageReaderSpi().createReaderInstance(null);
		try (InputImageStream stream = asSinglePage(in, d)) {
			reader.setInput(stream, true, true);
			final ImageReadParam param = reader.getDefaultReadParam();
			// the raster as stored: read() would clamp floats to [0, 1] and invert WhiteIsZero;
			// only YCbCr needs the decoder's conversion (to RGB)
			final Raster raster = d.photometric == 6 ? reader.read(0, param).getRaster() : reader.readRaster(0, param);
			if (raster.getWidth() != d.width || raster.getHeight() != d.height)
				throw new IOException(name + ", page " + (page + 1) + " decoded to " + raster.getWidth() + "x" + raster.getHeight() + " instead of "
					+ d.width + "x" + d.height);
			return RasterPlanes.band(raster, format, sample, name, page);
		}
		catch (final IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(name + ", page"))
				throw e;
			throw cannotDecode(page, e);
		}
		catch (final RuntimeException | StackOverflowError e) {
			throw cannotDecode(page, e);
		}
		finally {
			reader.dispose();
		}
	}

	private IOException cannotDecode(final int page, final Throwable e) {
		return new IOException(name + ", page " + (page + 1) + " cannot be decoded (" + describe(e) + ")", e);
	}

	/** A decoder failure in one line: its message, or its type. */
	static String describe(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != t)
			t = t.getCause();
		final String m = t.getMessage();
		final String type = t.getClass().getSimpleName();
		if (t instanceof RuntimeException)
			return "corrupt directory or image data: the decoder failed with " + type;
		if (m == null || m.isBlank())
			return type.equals("EOFException") ? "the compressed data ends too early" : type;
		final String one = m.replace('\n', ' ').replace('\r', ' ').trim();
		return one.length() > 160 ? one.substring(0, 160) + "..." : one;
	}

	/** The input as a TIFF whose only directory is {@code d}: a header pointing at it, its link to the next one zero. */
	private InputImageStream asSinglePage(final ByteSource in, final TiffDirectory d) throws IOException {
		final InputImageStream stream = new InputImageStream(in);
		final ByteBuffer header = ByteBuffer.allocate(structure.headerBytes()).order(structure.order);
		header.put(structure.order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
		header.put(structure.order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
		if (structure.big)
			header.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(d.offset);
		else
			header.putShort((short) 42).putInt((int) d.offset);
		stream.overlay(0, header.array());
		stream.overlay(d.nextPointerAt, new byte[structure.big ? 8 : 4]);
		return stream;
	}

	@Override
	public String toString() {
		return name + " (" + pages + " pages, " + format + ", " + String.format(Locale.ROOT, "%dx%d", first.width, first.height) + ")";
	}
}
