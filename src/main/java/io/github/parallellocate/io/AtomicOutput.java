package io.github.parallellocate.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file that is written completely or not at all: the content goes to a
 * hidden temporary file beside the target, which is renamed over the target
 * by {@link #commit()}; {@link #close()} without commit deletes it.
 * <pre>
 * try (AtomicOutput out = AtomicOutput.open(path, overwrite)) {
 *     out.writer().write(...);
 *     out.commit();
 * }
 * </pre>
 * Binary content goes to {@link #stream()} instead (use one or the other).
 */
public final class AtomicOutput implements AutoCloseable {

	/** Attempts at a fresh temporary name before giving up. */
	private static final int NAME_ATTEMPTS = 10;

	private final Path target;
	private final Path temp;
	private final boolean overwrite;
	private final OutputStream stream;
	private final Writer writer;
	private boolean committed;

	private AtomicOutput(final Path target, final Path temp, final boolean overwrite) throws IOException {
		this.target = target;
		this.temp = temp;
		this.overwrite = overwrite;
		stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
		writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
	}

	/**
	 * Opens a temporary file beside {@code target}.
	 *
	 * @throws FileAlreadyExistsException if the target exists and overwrite is off
	 * @throws IOException with a one-line message if the directory is not writable
	 */
	public static AtomicOutput open(final Path target, final boolean overwrite) throws IOException {
		final Path abs = target.toAbsolutePath();
		if (!overwrite && Files.exists(abs))
			throw new FileAlreadyExistsException(target + " already exists (use overwrite to replace it)");
		if (Files.isDirectory(abs))
			throw new IOException(target + " is a directory");
		final Path dir = abs.getParent();
		if (dir == null || !Files.isDirectory(dir))
			throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
		// not Files.createTempFile: its files are private (0600) whatever the umask. The name
		// only has to be new (createFile fails on an existing one): a cheap random number
		// will do (SecureRandom would add some 20-90 ms to the command line's start)
		for (int attempt = 1;; attempt++) {
			final Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".part");
			try {
				Files.createFile(temp);
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt < NAME_ATTEMPTS)
					continue;
				throw new IOException("cannot write " + target + ": no free temporary name in " + dir, e);
			}
			catch (final IOException e) {
				throw new IOException("cannot write " + target + ": directory " + dir + " is not writable", e);
			}
			return new AtomicOutput(abs, temp, overwrite);
		}
	}

	/** The writer for the content. */
	public Writer writer() {
		return writer;
	}

	/** The (buffered) byte stream for binary content; {@link #commit()} flushes and closes it. */
	public OutputStream stream() {
		return stream;
	}

	/** The final path. */
	public Path target() {
		return target;
	}

	/** Flushes, closes and renames the temporary file over the target. */
	public void commit() throws IOException {
		writer.close();
		if (!overwrite && Files.exists(target))
			throw new FileAlreadyExistsException(target + " already exists (use overwrite to replace it)");
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
		committed = true;
	}

	/** Discards the temporary file unless committed. */
	@Override
	public void close() throws IOException {
		if (committed)
			return;
		try {
			writer.close();
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}
}
