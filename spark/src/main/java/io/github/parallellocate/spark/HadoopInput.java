package io.github.parallellocate.spark;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

import io.github.parallellocate.io.RandomAccessInput;

/**
 * A file on any Hadoop file system ({@code file://}, {@code hdfs://},
 * {@code s3a://}, ...) as a {@link RandomAccessInput}: every read is a
 * positioned read ({@link FSDataInputStream#readFully(long, byte[], int, int)},
 * {@code PositionedReadable}'s contract is the same as ours), so an executor
 * fetches only the byte ranges it needs (one TIFF page, say). Small reads
 * are served from one 8 KB block read ahead, so that walking a TIFF's
 * directories costs one round trip per directory, not one per field.
 */
public final class HadoopInput implements RandomAccessInput {

	private final String name;
	private final FSDataInputStream in;
	private final long length;

	/** Reads up to this size go through the block. */
	private static final int SMALL = 1024;
	private final byte[] block = new byte[8192];
	private long blockStart = -1;
	private int blockLength;

	private HadoopInput(final String name, final FSDataInputStream in, final long length) {
		this.name = name;
		this.in = in;
		this.length = length;
	}

	/**
	 * Opens a file.
	 *
	 * @throws IOException one line naming the file if it is missing, a
	 *           directory or cannot be read
	 */
	public static HadoopInput open(final Path path, final Configuration conf) throws IOException {
		final String name = path.toString();
		try {
			final FileSystem fs = path.getFileSystem(conf);
			final org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(path);
			if (!status.isFile())
				throw new IOException("cannot read " + name + ": not a file");
			return new HadoopInput(path.getName(), fs.open(path), status.getLen());
		}
		catch (final FileNotFoundException e) {
			throw new IOException("no such file: " + name, e);
		}
		catch (final AccessControlException e) {
			throw new IOException("cannot read " + name + ": permission denied", e);
		}
		catch (final IOException e) {
			if (e.getMessage() != null && e.getMessage().startsWith("cannot read " + name))
				throw e;
			throw new IOException("cannot read " + name + " (" + HadoopInputs.oneLine(e) + ")", e);
		}
	}

	/** The file's name (its last path component), as messages name files. */
	@Override
	public String name() {
		return name;
	}

	@Override
	public long length() {
		return length;
	}

	@Override
	public void readFully(final long position, final byte[] buffer, final int offset, final int n) throws IOException {
		if (position < 0 || position + n > length)
			throw new EOFException(name + ": " + n + " bytes at " + position + " requested but the file has " + length);
		if (n > SMALL) {
			in.readFully(position, buffer, offset, n);
			return;
		}
		// small reads (a TIFF directory's entries, tags, a signature) come in runs at nearby
		// positions: one round trip fetches a block for them, not one per field
		synchronized (this) {
			if (position < blockStart || position + n > blockStart + blockLength) {
				blockStart = position;
				blockLength = (int) Math.min(block.length, length - position);
				in.readFully(blockStart, block, 0, blockLength);
			}
			System.arraycopy(block, (int) (position - blockStart), buffer, offset, n);
		}
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
