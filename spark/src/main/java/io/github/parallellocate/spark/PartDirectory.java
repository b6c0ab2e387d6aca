package io.github.parallellocate.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The hidden directory beside the output file where tasks leave their part
 * files: {@code .<output name>.spark-parts-<random>/part-00042.csv}. It must
 * be on a file system that the driver and every executor see (as the inputs
 * must be). A task writes its part under a temporary name and renames it into
 * place, so a retried or speculative task simply replaces an identical file
 * and a killed one leaves no part behind. The driver concatenates the parts in
 * batch order and deletes the directory.
 */
public final class PartDirectory implements Serializable {

	private static final long serialVersionUID = 1L;

	/** As a string: {@link Path} is not serializable. */
	private final String dir;

	private PartDirectory(final Path dir) {
		this.dir = dir.toString();
	}

	/** Creates a fresh part directory beside {@code output}. */
	public static PartDirectory createBeside(final Path output) throws IOException {
		final Path abs = output.toAbsolutePath();
		final Path parent = abs.getParent();
		if (parent == null || !Files.isDirectory(parent))
			throw new IOException("cannot write " + output + ": directory " + parent + " does not exist");
		final Path d = parent.resolve("." + abs.getFileName() + ".spark-parts-" + UUID.randomUUID());
		try {
			Files.createDirectory(d);
		}
		catch (final IOException e) {
			throw new IOException("cannot write " + output + ": directory " + parent + " is not writable", e);
		}
		return new PartDirectory(d);
	}

	public Path path() {
		return Paths.get(dir);
	}

	/** The part file of batch {@code index}. */
	public Path part(final int index) {
		return path().resolve(String.format("part-%05d.csv", index));
	}

	/** Body of a part file. */
	@FunctionalInterface
	public interface PartWriter<T> {
		T write(Writer out) throws Exception;
	}

	/**
	 * Writes batch {@code index}'s part: to a temporary file first, renamed
	 * into place only if {@code body} returns normally.
	 */
	public <T> T writePart(final int index, final PartWriter<T> body) throws Exception {
		final Path target = part(index);
		final Path temp = path().resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			final T result;
			try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				result = body.write(out);
			}
			moveAtomically(temp, target);
			return result;
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Records why batch {@code index} failed (read by the driver: exceptions do not always reach it intact). */
	public void writeFailure(final int index, final String message) throws Exception {
		final Path target = path().resolve(String.format("failed-%05d.txt", index));
		final Path temp = path().resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		Files.writeString(temp, message, StandardCharsets.UTF_8);
		moveAtomically(temp, target);
	}

	/** The message of the failed batch with the lowest index, or null if none failed. */
	public String firstFailure() throws IOException {
		try (Stream<Path> s = Files.list(path())) {
			final Path first = s.filter(p -> p.getFileName().toString().matches("failed-\\d+\\.txt")).sorted().findFirst().orElse(null);
			return first == null ? null : Files.readString(first, StandardCharsets.UTF_8);
		}
	}

	private static void moveAtomically(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Appends the parts of batches {@code 0 .. count-1}, in order, to {@code out}. */
	public void concatenate(final int count, final Writer out) throws IOException {
		for (int i = 0; i < count; i++) {
			final Path p = part(i);
			if (!Files.exists(p))
				throw new IOException("part file of batch " + i + " is missing (" + p + "): is " + path().getParent()
					+ " on a file system shared by the driver and all executors?");
			try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
				in.transferTo(out);
			}
		}
	}

	/** {@link #delete()}, ignoring failures (for a shutdown hook). */
	public void deleteQuietly() {
		try {
			delete();
		}
		catch (final IOException | RuntimeException e) {
			// best effort while the JVM exits
		}
	}

	/** Deletes the directory and everything in it; quiet if it is gone. */
	public void delete() throws IOException {
		final Path d = path();
		if (!Files.exists(d))
			return;
		try (Stream<Path> s = Files.walk(d)) {
			for (final Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
				Files.deleteIfExists(p);
		}
	}
}
