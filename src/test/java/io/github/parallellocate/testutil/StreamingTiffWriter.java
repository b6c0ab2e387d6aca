package io.github.parallellocate.testutil;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an uncompressed greyscale multi-page TIFF one page at a time (one IFD
 * per page, as tifffile or a microscope would write it, not ImageJ's single
 * IFD), so tests can make files far larger than their heap. Pages are given
 * as little-endian bytes; any sample size and format can be written, also
 * those the reader must refuse.
 */
public final class StreamingTiffWriter implements Closeable {

	/** TIFF SampleFormat values. */
	public static final int UNSIGNED = 1, SIGNED = 2, FLOAT = 3;
	private static final int ENTRIES = 10;
	private static final int IFD_BYTES = 2 + ENTRIES * 12 + 4;

	private final OutputStream out;
	private final int width;
	private final int height;
	private final int bits;
	private final int sampleFormat;
	private long position;

	/** An 8-bit unsigned TIFF. */
	public StreamingTiffWriter(final Path file, final int width, final int height) throws IOException {
		this(file, width, height, 8, UNSIGNED);
	}

	/** Starts the file: the header, pointing at the first page's IFD. */
	public StreamingTiffWriter(final Path file, final int width, final int height, final int bits, final int sampleFormat)
			throws IOException {
		this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
		this.width = width;
		this.height = height;
		this.bits = bits;
		this.sampleFormat = sampleFormat;
		final ByteBuffer header = le(8).put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		write(header);
	}

	/**
	 * Appends one page: its IFD (whose next-IFD pointer is the following
	 * page's, or 0 for the last), then its pixels.
	 */
	public void writePage(final byte[] pixels, final boolean last) throws IOException {
		final long bytes = ((long) width * bits + 7) / 8 * height;
		if (pixels.length != bytes)
			throw new IllegalArgumentException("page has " + pixels.length + " bytes, expected " + bytes);
		final long data = position + IFD_BYTES;
		final long next = last ? 0 : data + pixels.length;
		final ByteBuffer ifd = le(IFD_BYTES).putShort((short) ENTRIES);
		entry(ifd, 256, 3, width); // ImageWidth
		entry(ifd, 257, 3, height); // ImageLength
		entry(ifd, 258, 3, bits); // BitsPerSample
		entry(ifd, 259, 3, 1); // Compression: none
		entry(ifd, 262, 3, 1); // PhotometricInterpretation: BlackIsZero
		entry(ifd, 273, 4, data); // StripOffsets
		entry(ifd, 277, 3, 1); // SamplesPerPixel
		entry(ifd, 278, 3, height); // RowsPerStrip
		entry(ifd, 279, 4, pixels.length); // StripByteCounts
		entry(ifd, 339, 3, sampleFormat); // SampleFormat
		ifd.putInt((int) next);
		write(ifd);
		out.write(pixels);
		position += pixels.length;
		if (position > 0xffff_ffffL)
			throw new IOException("more than 4 GB: not a classic TIFF");
	}

	@Override
	public void close() throws IOException {
		out.close();
	}

	private static ByteBuffer le(final int bytes) {
		return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
	}

	/** One IFD entry with a single SHORT (type 3) or LONG (type 4) value. */
	private static void entry(final ByteBuffer b, final int tag, final int type, final long value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3)
			b.putShort((short) value).putShort((short) 0);
		else
			b.putInt((int) value);
	}

	private void write(final ByteBuffer b) throws IOException {
		out.write(b.array(), 0, b.position());
		position += b.position();
	}
}
