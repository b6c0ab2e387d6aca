package io.github.parallellocate.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A local file as a {@link RandomAccessInput}: positioned reads on a
 * {@link FileChannel}, safe to share between threads. Only regular files are
 * opened: a FIFO, device or directory is refused from its attributes, before
 * anything opens it (opening a FIFO for reading would block until a writer
 * comes).
 */
public final class FileInput implements RandomAccessInput {

	private final Path file;
	private final String name;
	private final FileChannel channel;
	private final long length;

	private FileInput(final Path file, final FileChannel channel, final long length) {
		this.file = file;
		this.name = String.valueOf(file.getFileName());
		this.channel = channel;
		this.length = length;
	}

	/**
	 * Opens a regular file for reading.
	 *
	 * @throws IOException with a one-line message naming the file if it is
	 *           missing, unreadable or not a regular file
	 */
	public static FileInput open(final Path file) throws IOException {
		checkRegularFile(file);
		final FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (final NoSuchFileException e) {
			throw new IOException("no such file: " + file, e);
		}
		catch (final AccessDeniedException e) {
			throw new IOException("cannot read " + file + ": permission denied", e);
		}
		catch (final IOException e) {
			throw new IOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
		}
		try {
			return new FileInput(file, channel, channel.size());
		}
		catch (final IOException e) {
			channel.close();
			throw e;
		}
	}

	/**
	 * Refuses anything but a regular file (symbolic links are followed), from
	 * its attributes only: nothing is opened.
	 *
	 * @throws IOException naming the file and what it is
	 */
	public static void checkRegularFile(final Path file) throws IOException {
		final BasicFileAttributes a;
		try {
			a = Files.readAttributes(file, BasicFileAttributes.class);
		}
		catch (final NoSuchFileException e) {
			throw new IOException("no such file: " + file, e);
		}
		catch (final IOException e) {
			throw new IOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
		}
		if (a.isRegularFile())
			return;
		final String what = a.isDirectory() ? "a directory" : "a special file (FIFO, socket or device)";
		throw new IOException(file + " is " + what + ", not an image file");
	}

	/** The file. */
	public Path file() {
		return file;
	}

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
		if (position < 0 || n < 0 || position > length - n)
			throw new EOFException(name + ": " + n + " bytes at " + position + " are past the end of the file (" + length + " bytes)");
		final ByteBuffer b = ByteBuffer.wrap(buffer, offset, n);
		long at = position;
		while (b.hasRemaining()) {
			final int r = channel.read(b, at);
			if (r < 0)
				throw new EOFException(name + " ends at byte " + at + " (it changed while being read?)");
			at += r;
		}
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	@Override
	public String toString() {
		return file.toString();
	}
}
