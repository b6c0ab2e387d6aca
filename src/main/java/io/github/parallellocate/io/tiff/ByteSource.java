package io.github.parallellocate.io.tiff;

import java.io.Closeable;
import java.io.IOException;

/**
 * Bytes that can be read at any position, as the TIFF reader needs them.
 * Implemented through {@link io.github.parallellocate.io.RandomAccessInput}
 * (a local file, a Hadoop stream), which extends it; declared here so that
 * the readers of this package do not depend back on the package that uses
 * them.
 */
public interface ByteSource extends Closeable {

	/** The name to use in messages (a file name or URI). */
	String name();

	/** The length in bytes. */
	long length() throws IOException;

	/**
	 * Reads exactly {@code length} bytes at {@code position}.
	 *
	 * @throws java.io.EOFException if the input ends before
	 */
	void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
