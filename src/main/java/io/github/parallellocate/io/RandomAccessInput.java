package io.github.parallellocate.io;

import java.io.IOException;

import io.github.parallellocate.io.tiff.ByteSource;

/**
 * Bytes that can be read at any position: a local file, or an object on any
 * Hadoop file system (the Spark front door adapts {@code FSDataInputStream},
 * whose {@code PositionedReadable} has the same contract). The image readers
 * read through this interface only, so that they need neither a local path
 * nor the whole file in memory.
 */
public interface RandomAccessInput extends ByteSource {

	/** The name to use in messages (a path or URI). */
	@Override
	String name();

	/** The length in bytes. */
	@Override
	long length() throws IOException;

	/**
	 * Reads exactly {@code length} bytes at {@code position}.
	 *
	 * @throws java.io.EOFException if the input ends before
	 */
	@Override
	void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
