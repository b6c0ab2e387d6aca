package io.github.parallellocate.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Bytes that can be read at any position: a local file, or an object on any
 * Hadoop file system (the Spark front door adapts {@code FSDataInputStream},
 * whose {@code PositionedReadable} has the same contract). The image readers
 * read through this interface only, so that they need neither a local path
 * nor the whole file in memory.
 */
public interface RandomAccessInput extends Closeable {

	/** The name to use in messages (a path or URI). */
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
