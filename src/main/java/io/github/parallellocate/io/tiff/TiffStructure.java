package io.github.parallellocate.io.tiff;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;


/**
 * The header and the chain of directories of a classic or Big TIFF, walked
 * defensively: every directory must lie inside the file, and a chain that
 * comes back to a directory already seen is a loop (found with Brent's
 * algorithm, in constant memory, before the walk has gone twice round it).
 * The number of directories is bounded by what the file can hold.
 */
final class TiffStructure {

	final String name;
	final long length;
	final ByteOrder order;
	final boolean big;
	final long firstIfd;

	private TiffStructure(final String name, final long length, final ByteOrder order, final boolean big, final long firstIfd) {
		this.name = name;
		this.length = length;
		this.order = order;
		this.big = big;
		this.firstIfd = firstIfd;
	}

	/**
	 * Reads the header.
	 *
	 * @throws IOException "not a readable TIFF" naming the file
	 */
	static TiffStructure header(final ByteSource in) throws IOException {
		final String name = in.name();
		final long length = in.length();
		if (length == 0)
			throw new IOException(name + " is not a readable TIFF (the file is empty)");
		if (length < 8)
			throw new IOException(name + " is not a readable TIFF (the header is incomplete)");
		final byte[] h = new byte[(int) Math.min(16, length)];
		in.readFully(0, h, 0, h.length);
		final ByteOrder order = h[0] == 'I' && h[1] == 'I' ? ByteOrder.LITTLE_ENDIAN : h[0] == 'M' && h[1] == 'M' ? ByteOrder.BIG_ENDIAN : null;
		if (order == null)
			throw new IOException(name + " is not a readable TIFF (no image found)");
		final ByteBuffer b = ByteBuffer.wrap(h).order(order);
		final int version = b.getShort(2);
		if (version == 42)
			return new TiffStructure(name, length, order, false, b.getInt(4) & 0xffffffffL);
		if (version == 43) {
			if (h.length < 16 || b.getShort(4) != 8 || b.getShort(6) != 0)
				throw new IOException(name + " is not a readable TIFF (a BigTIFF header that is incomplete or corrupt)");
			return new TiffStructure(name, length, order, true, b.getLong(8));
		}
		throw new IOException(name + " is not a readable TIFF (no image found)");
	}

	int headerBytes() {
		return big ? 16 : 8;
	}

	/** Smallest possible directory: one entry, the count and the link. */
	private long minIfdBytes() {
		return big ? 8 + 20 + 8 : 2 + 12 + 4;
	}

	/**
	 * The offsets of the directories, in chain order.
	 *
	 * @throws IOException naming the file if a directory lies outside the
	 *           file or the chain loops
	 */
	long[] walk(final ByteSource in) throws IOException {
		if (firstIfd == 0)
			throw new IOException(name + " is not a readable TIFF (no image found)");
		final long most = Math.max(1, Math.min(Integer.MAX_VALUE - 8, length / minIfdBytes()));
		long[] offsets = new long[(int) Math.min(most, 1024)];
		int n = 0;
		long at = firstIfd;
		long saved = -1; // Brent: the offset seen at the last power of two
		while (at != 0) {
			if (at == saved)
				throw corrupt("its page directories form a loop (page " + (n + 1) + " is an earlier page again)");
			if (n >= most)
				throw corrupt("it declares more page directories than the file can hold");
			if ((n & (n - 1)) == 0)
				saved = at;
			if (n == offsets.length)
				offsets = Arrays.copyOf(offsets, (int) Math.min(most, 2L * n));
			offsets[n] = at;
			at = TiffDirectory.read(in, this, at, n, false).next;
			n++;
		}
		return Arrays.copyOf(offsets, n);
	}

	/** Reads {@code n} bytes at {@code position}. */
	ByteBuffer read(final ByteSource in, final long position, final int n) throws IOException {
		if (position < 0 || n < 0 || position > length - n)
			throw corrupt(n + " bytes at byte " + position + " are past the end of the file (" + length + " bytes)");
		final byte[] b = new byte[n];
		try {
			in.readFully(position, b, 0, n);
		}
		catch (final EOFException e) {
			throw new IOException(name + " is truncated (it ends before byte " + (position + n) + ")", e);
		}
		return ByteBuffer.wrap(b).order(order);
	}

	IOException corrupt(final String what) {
		return new IOException(name + " is corrupt: " + what);
	}
}
