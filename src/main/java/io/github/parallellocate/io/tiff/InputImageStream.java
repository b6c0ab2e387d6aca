package io.github.parallellocate.io.tiff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.stream.ImageInputStreamImpl;


/**
 * A {@link ByteSource} as an {@code ImageInputStream} for the
 * {@code javax.imageio} decoders: buffered positioned reads, never past the
 * input's length. A few byte ranges can be overlaid with other bytes
 * ({@link #overlay}): this is how one page of a multi-page TIFF is shown to
 * the decoder as a file of its own (a header pointing at the page's
 * directory, whose link to the next one reads as 0), so that the decoder
 * parses one directory per page, never the whole chain.
 */
public final class InputImageStream extends ImageInputStreamImpl {

	private static final int BUFFER = 1 << 16;

	private final ByteSource input;
	private final long length;
	private final List<long[]> overlayAt = new ArrayList<>();
	private final List<byte[]> overlayBytes = new ArrayList<>();
	private final byte[] buffer = new byte[BUFFER];
	private long bufferStart;
	private int bufferLength;

	public InputImageStream(final ByteSource input) throws IOException {
		this.input = input;
		this.length = input.length();
	}

	/** Reads {@code bytes} instead of the input's bytes at {@code position}. */
	InputImageStream overlay(final long position, final byte[] bytes) {
		overlayAt.add(new long[] { position });
		overlayBytes.add(bytes.clone());
		bufferLength = 0;
		return this;
	}

	@Override
	public long length() {
		return length;
	}

	@Override
	public int read() throws IOException {
		checkClosed();
		if (!fill())
			return -1;
		bitOffset = 0;
		return buffer[(int) (streamPos++ - bufferStart)] & 0xff;
	}

	@Override
	public int read(final byte[] b, final int off, final int len) throws IOException {
		checkClosed();
		if (off < 0 || len < 0 || off + len > b.length)
			throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
		if (len == 0)
			return 0;
		if (!fill())
			return -1;
		bitOffset = 0;
		final int at = (int) (streamPos - bufferStart);
		final int n = Math.min(len, bufferLength - at);
		System.arraycopy(buffer, at, b, off, n);
		streamPos += n;
		return n;
	}

	/** Makes the buffer hold the byte at streamPos; false at the end of the input. */
	private boolean fill() throws IOException {
		if (streamPos >= length || streamPos < 0)
			return false;
		if (streamPos >= bufferStart && streamPos < bufferStart + bufferLength)
			return true;
		bufferStart = streamPos;
		bufferLength = (int) Math.min(BUFFER, length - streamPos);
		input.readFully(bufferStart, buffer, 0, bufferLength);
		for (int i = 0; i < overlayAt.size(); i++) {
			final long at = overlayAt.get(i)[0];
			final byte[] bytes = overlayBytes.get(i);
			for (int k = 0; k < bytes.length; k++) {
				final long p = at + k - bufferStart;
				if (p >= 0 && p < bufferLength)
					buffer[(int) p] = bytes[k];
			}
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		// the input belongs to the caller
		super.close();
	}
}
