package io.github.parallellocate.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
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
 * <p>
 * Safety: the target is never a symbolic link, a directory or a special file
 * (FIFO, device, socket): those are refused, never written through. The
 * temporary file's name carries the writing process's id and a tag of its
 * machine and boot ({@code .NAME.PID-MACHINE.RANDOM.part}); opening an
 * output removes the temporary files that processes of this machine no
 * longer running left in that directory (a killed run's); those of other
 * machines (a shared directory) are left alone. A target name longer than a file system allows (255 bytes) is
 * refused with that reason before anything is written; a long but valid name
 * gets a shortened temporary name.
 * </p>
 */
public final class AtomicOutput implements AutoCloseable {

	/** Attempts at a fresh temporary name before giving up. */
	private static final int NAME_ATTEMPTS = 10;
	/** The longest file name (bytes) of common file systems (ext4, XFS, APFS, NTFS in UTF-16 units). */
	public static final int NAME_MAX = 255;
	/** The longest part of the target's name kept in the temporary name. */
	private static final int TEMP_BASE_MAX = 160;
	private static final String TEMP_SUFFIX = ".part";
	/** {@code .NAME.PID-MACHINE.HEX.part}: group 1 is the writer's process id, group 2 its machine's tag. */
	private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("\\..*\\.([0-9]{1,10})-([0-9a-z]{1,8})\\.[0-9a-f]{1,16}\\.part");
	/** This machine and boot ({@link #machineTag()}), in temporary names. */
	private static volatile String machine;

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
		checkTarget(target, overwrite);
		final Path dir = abs.getParent();
		if (dir == null || !Files.isDirectory(dir))
			throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
		removeStaleTemporaries(dir);
		// not Files.createTempFile: its files are private (0600) whatever the umask. The name
		// only has to be new (createFile fails on an existing one): a cheap random number
		// will do (SecureRandom would add some 20-90 ms to the command line's start)
		final String base = shorten(abs.getFileName().toString());
		final String owner = ProcessHandle.current().pid() + "-" + machineTag();
		for (int attempt = 1;; attempt++) {
			final Path temp = dir.resolve("." + base + "." + owner + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + TEMP_SUFFIX);
			try {
				Files.createFile(temp);
			}
			catch (final FileAlreadyExistsException e) {
				if (attempt < NAME_ATTEMPTS)
					continue;
				throw new IOException("cannot write " + target + ": no free temporary name in " + dir, e);
			}
			catch (final IOException e) {
				if (isNameTooLong(e))
					throw new IOException("cannot write " + target + ": file name too long", e);
				throw new IOException("cannot write " + target + ": directory " + dir + " is not writable", e);
			}
			return new AtomicOutput(abs, temp, overwrite);
		}
	}

	/**
	 * Refuses a target that cannot be written safely: a name that is too long, a
	 * symbolic link, a directory, a special file, or an existing file without overwrite.
	 *
	 * @throws FileAlreadyExistsException if the target exists and overwrite is off
	 * @throws IOException with a one-line message naming the target otherwise
	 */
	public static void checkTarget(final Path target, final boolean overwrite) throws IOException {
		final Path name = target.toAbsolutePath().getFileName();
		if (name != null && name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX)
			throw new IOException("cannot write " + target + ": file name too long (" + name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
				+ " bytes, the limit is " + NAME_MAX + ")");
		if (Files.isSymbolicLink(target))
			throw new IOException(target + " is a symbolic link: refusing to write through it");
		if (Files.isDirectory(target))
			throw new IOException(target + " is a directory");
		if (Files.exists(target) && !Files.isRegularFile(target))
			throw new IOException(target + " is not a regular file (a FIFO, device or socket): refusing to write to it");
		if (!overwrite && Files.exists(target))
			throw new FileAlreadyExistsException(target + " already exists (use overwrite to replace it)");
	}

	/**
	 * True if two paths name the same file: the same file (inode) if both
	 * exist, else the same real directory and name.
	 */
	public static boolean sameFile(final Path a, final Path b) {
		try {
			if (Files.exists(a) && Files.exists(b))
				return Files.isSameFile(a, b);
			return canonical(a).equals(canonical(b));
		}
		catch (final IOException e) {
			return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
		}
	}

	/** The real path of the file's directory with its name (the file need not exist). */
	private static Path canonical(final Path p) throws IOException {
		final Path abs = p.toAbsolutePath().normalize();
		final Path dir = abs.getParent();
		return dir == null || !Files.exists(dir) ? abs : dir.toRealPath().resolve(abs.getFileName());
	}

	/** The temporary files left in {@code dir} by processes that are no longer running. */
	static List<Path> staleTemporaries(final Path dir) {
		final List<Path> stale = new ArrayList<>();
		try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
			for (final Path p : s) {
				final java.util.regex.Matcher m = TEMP_NAME.matcher(p.getFileName().toString());
				if (!m.matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
					continue;
				final long pid = Long.parseLong(m.group(1));
				// only this machine's (and boot's) processes can be checked: another's files are left alone
				if (m.group(2).equals(machineTag()) && pid != ProcessHandle.current().pid()
					&& !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
					stale.add(p);
			}
		}
		catch (final IOException | RuntimeException e) {
			// an unreadable directory: nothing to clean (the write will report it)
		}
		return stale;
	}

	/**
	 * A tag of this machine and boot: the first 8 characters of Linux's
	 * {@code boot_id} (process ids are only comparable within one boot of one
	 * machine; a directory may be shared over the network), or {@code 0}
	 * where there is none.
	 */
	public static String machineTag() {
		String m = machine;
		if (m == null) {
			m = "0";
			try {
				final String id = Files.readString(java.nio.file.Paths.get("/proc/sys/kernel/random/boot_id")).replace("-", "").trim()
					.toLowerCase(java.util.Locale.ROOT);
				if (id.length() >= 8 && id.substring(0, 8).matches("[0-9a-f]{8}"))
					m = id.substring(0, 8);
			}
			catch (final IOException | RuntimeException e) {
				// not Linux: one tag for all
			}
			machine = m;
		}
		return m;
	}

	/** Removes the temporary files a killed run left in {@code dir}. */
	public static void removeStaleTemporaries(final Path dir) {
		for (final Path p : staleTemporaries(dir)) {
			try {
				Files.deleteIfExists(p);
			}
			catch (final IOException e) {
				// not ours to insist on
			}
		}
	}

	private static String shorten(final String name) {
		if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= TEMP_BASE_MAX)
			return name;
		final StringBuilder sb = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < name.length();) {
			final int cp = name.codePointAt(i);
			final int n = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (bytes + n > TEMP_BASE_MAX)
				break;
			sb.appendCodePoint(cp);
			bytes += n;
			i += Character.charCount(cp);
		}
		return sb.toString();
	}

	private static boolean isNameTooLong(final IOException e) {
		return e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
			&& ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT).contains("name too long");
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
		checkTarget(target, overwrite);
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
