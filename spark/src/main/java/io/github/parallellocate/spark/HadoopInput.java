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
 * fetches only the byte ranges it needs (one TIFF page, say), and several
 * threads may share one stream.
 */
public final class HadoopInput implements RandomAccessInput {

	private final String name;
	private final FSDataInputStream in;
	private final long length;

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
		in.readFully(position, buffer, offset, n);
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
