package io.github.parallellocate.io.tiff;

import java.io.IOException;
import java.util.Locale;

/**
 * The memory a frame needs, compared with the heap before it is allocated:
 * a frame that cannot fit gets a message with the size and a heap setting
 * that would do ("page 1 of big.tif needs 1.6 GB of memory; run with
 * -Xmx4g") instead of a bare "Java heap space".
 */
public final class MemoryCheck {

	private MemoryCheck() {}

	/** Bytes needed: the decoder's image ({@code decodedBytesPerPixel}) plus the plane. */
	static long needed(final int width, final int height, final int decodedBytesPerPixel, final int planeBytesPerPixel) {
		return (long) width * height * ((long) decodedBytesPerPixel + planeBytesPerPixel);
	}

	/**
	 * Refuses a frame that cannot fit in the heap at all.
	 *
	 * @throws IOException with the memory needed and a heap setting
	 */
	public static void check(final String name, final int page, final int width, final int height, final int decodedBytesPerPixel,
			final int planeBytesPerPixel) throws IOException {
		final long need = needed(width, height, decodedBytesPerPixel, planeBytesPerPixel);
		final Runtime rt = Runtime.getRuntime();
		final long used = rt.totalMemory() - rt.freeMemory();
		final long samples = (long) width * height * Math.max(1, decodedBytesPerPixel / (2 * Math.max(1, planeBytesPerPixel)));
		if (samples > Integer.MAX_VALUE - 16)
			throw new IOException("page " + (page + 1) + " of " + name + " is " + width + "x" + height
				+ " pixels: too large for one Java array (at most 2^31 samples per frame)");
		if (need > rt.maxMemory() - Math.min(used, rt.maxMemory() / 4))
			throw tooBig(name, page, need);
	}

	/** The message for a frame whose decoding ran out of memory. */
	static IOException outOfMemory(final String name, final int page, final int width, final int height, final int decodedBytesPerPixel,
			final int planeBytesPerPixel) {
		return tooBig(name, page, needed(width, height, decodedBytesPerPixel, planeBytesPerPixel));
	}

	/** "page 1 of big.tif needs 1.6 GB of memory; run with -Xmx4g" (page 0-based, shown 1-based). */
	public static IOException tooBig(final String name, final int page, final long need) {
		final long max = Runtime.getRuntime().maxMemory();
		long gb = 1;
		while (gb << 30 < 2 * need + (256L << 20) || gb << 30 <= max)
			gb *= 2;
		return new IOException("page " + (page + 1) + " of " + name + " needs " + size(need) + " of memory but the heap is " + size(max)
			+ "; run with -Xmx" + gb + "g");
	}

	static String size(final long bytes) {
		if (bytes >= 1L << 30)
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
		return String.format(Locale.ROOT, "%d MB", Math.max(1, (bytes + (1 << 20) - 1) >> 20));
	}
}
