package io.github.parallellocate.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The hyperstack axes ImageJ writes into a TIFF's first image description
 * ({@code ImageJ=...\nimages=160\nchannels=1\nslices=40\nframes=4\n...}):
 * pages are ordered channel fastest, then Z slice, then time point
 * (ImageJ's XYCZT order). A file without such a description is one Z slice
 * per page. Only the first directory's description is read, with every
 * offset and length checked against the file's size (a damaged file gives
 * {@link #NONE}; reading its pixels reports the damage).
 */
public record HyperstackShape(int channels, int slices, int frames) {

	/** No hyperstack description: every page a plane. */
	public static final HyperstackShape NONE = new HyperstackShape(1, 1, 1);

	private static final int IMAGE_DESCRIPTION = 270;
	private static final int MAX_ENTRIES = 4096;
	private static final int MAX_DESCRIPTION = 1 << 20;

	/** True if the file declares more than one Z slice. */
	public boolean hasZ() {
		return slices > 1;
	}

	/**
	 * Reads the shape from a (classic) TIFF's first image description.
	 *
	 * @return {@link #NONE} if the file is not a TIFF, has no ImageJ description or cannot be read
	 */
	public static HyperstackShape read(final Path file) {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			final String d = description(raf);
			return d == null ? NONE : parse(d);
		}
		catch (final IOException | RuntimeException e) {
			return NONE;
		}
	}

	/** The shape in an ImageJ description ({@link #NONE} if it is not ImageJ's). */
	public static HyperstackShape parse(final String description) {
		if (description == null || !description.startsWith("ImageJ"))
			return NONE;
		int c = 1, z = 1, t = 1;
		for (final String line : description.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq < 0)
				continue;
			final String key = line.substring(0, eq).trim();
			final int n;
			try {
				n = Integer.parseInt(line.substring(eq + 1).trim());
			}
			catch (final NumberFormatException e) {
				continue;
			}
			if (n < 1)
				continue;
			switch (key) {
				case "channels": c = n; break;
				case "slices": z = n; break;
				case "frames": t = n; break;
				default: break;
			}
		}
		return new HyperstackShape(c, z, t);
	}

	private static String description(final RandomAccessFile raf) throws IOException {
		final long length = raf.length();
		if (length < 8)
			return null;
		final byte[] header = new byte[8];
		raf.readFully(header);
		final ByteOrder order;
		if (header[0] == 'I' && header[1] == 'I')
			order = ByteOrder.LITTLE_ENDIAN;
		else if (header[0] == 'M' && header[1] == 'M')
			order = ByteOrder.BIG_ENDIAN;
		else
			return null;
		final ByteBuffer h = ByteBuffer.wrap(header).order(order);
		if (h.getShort(2) != 42)
			return null; // BigTIFF (43) or not a TIFF: no ImageJ hyperstack description here
		final long ifd = h.getInt(4) & 0xffffffffL;
		if (ifd < 8 || ifd + 2 > length)
			return null;
		raf.seek(ifd);
		final byte[] countBytes = new byte[2];
		raf.readFully(countBytes);
		final int entries = ByteBuffer.wrap(countBytes).order(order).getShort() & 0xffff;
		if (entries > MAX_ENTRIES || ifd + 2 + 12L * entries > length)
			return null;
		final byte[] table = new byte[12 * entries];
		raf.readFully(table);
		final ByteBuffer t = ByteBuffer.wrap(table).order(order);
		for (int i = 0; i < entries; i++) {
			final int tag = t.getShort(12 * i) & 0xffff;
			final int type = t.getShort(12 * i + 2) & 0xffff;
			if (tag != IMAGE_DESCRIPTION || type != 2)
				continue;
			final long count = t.getInt(12 * i + 4) & 0xffffffffL;
			if (count > MAX_DESCRIPTION)
				return null;
			final byte[] text = new byte[(int) count];
			if (count <= 4)
				t.position(12 * i + 8).get(text);
			else {
				final long offset = t.getInt(12 * i + 8) & 0xffffffffL;
				if (offset + count > length)
					return null;
				raf.seek(offset);
				raf.readFully(text);
			}
			int end = text.length;
			while (end > 0 && text[end - 1] == 0)
				end--;
			return new String(text, 0, end, StandardCharsets.ISO_8859_1);
		}
		return null;
	}
}
