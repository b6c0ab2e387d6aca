package io.github.parallellocate.io;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One frame of a movie stored in files: a page of a (multi-page) file.
 * Serializable so that a list of frames can be shipped to Spark tasks and
 * reopened there with {@link FileFrameSource#of}.
 *
 * @param file the image file
 * @param page 0-based page within the file (always 0 for single-image formats)
 */
public record FrameRef(Path file, int page) implements Serializable {

	public FrameRef {
		Objects.requireNonNull(file, "file");
		if (page < 0)
			throw new IllegalArgumentException("page must be >= 0, got " + page);
	}

	/** Paths are not Serializable in every JDK: the record is, through this proxy. */
	private Object writeReplace() {
		return new Serialized(file.toString(), page);
	}

	/** The serialized form of a {@link FrameRef}: the path as a string. */
	private record Serialized(String file, int page) implements Serializable {
		private Object readResolve() {
			return new FrameRef(Path.of(file), page);
		}
	}
}
