package io.github.parallellocate.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The format of an image file, from its first bytes (its signature), never
 * from its name: a multi-page TIFF named {@code .png} is read as a TIFF.
 */
public enum ImageFormat {
	TIFF, PNG, GIF, JPEG, BMP,
	/** No known signature. */
	UNKNOWN;

	/** Reads the signature. */
	public static ImageFormat detect(final RandomAccessInput in) throws IOException {
		final byte[] m = new byte[(int) Math.min(8, in.length())];
		in.readFully(0, m, 0, m.length);
		return of(m);
	}

	/** The format of the given first bytes (up to 8). */
	static ImageFormat of(final byte[] m) {
		if (m.length >= 4 && (m[0] == 'I' && m[1] == 'I' && (m[2] == 42 || m[2] == 43) && m[3] == 0
			|| m[0] == 'M' && m[1] == 'M' && m[2] == 0 && (m[3] == 42 || m[3] == 43)))
			return TIFF;
		if (m.length >= 8 && (m[0] & 0xff) == 0x89 && m[1] == 'P' && m[2] == 'N' && m[3] == 'G' && m[4] == 13 && m[5] == 10)
			return PNG;
		if (m.length >= 6 && new String(m, 0, 4, StandardCharsets.ISO_8859_1).equals("GIF8"))
			return GIF;
		if (m.length >= 3 && (m[0] & 0xff) == 0xff && (m[1] & 0xff) == 0xd8 && (m[2] & 0xff) == 0xff)
			return JPEG;
		if (m.length >= 2 && m[0] == 'B' && m[1] == 'M')
			return BMP;
		return UNKNOWN;
	}

	/**
	 * The number of animation frames an animated PNG declares (its
	 * {@code acTL} chunk before the image data), or 1.
	 */
	static long pngFrames(final RandomAccessInput in) throws IOException {
		final long length = in.length();
		long at = 8;
		final byte[] head = new byte[12];
		for (int chunks = 0; at + 8 <= length && chunks < 10_000; chunks++) {
			in.readFully(at, head, 0, (int) Math.min(12, length - at));
			final long size = ((head[0] & 0xffL) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
			final String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
			if (type.equals("IDAT") || type.equals("IEND"))
				return 1;
			if (type.equals("acTL") && at + 12 <= length)
				return ((head[8] & 0xffL) << 24) | ((head[9] & 0xff) << 16) | ((head[10] & 0xff) << 8) | (head[11] & 0xff);
			at += 12 + size;
		}
		return 1;
	}
}
