package io.github.parallellocate.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.FrameRef;
import io.github.parallellocate.io.InputResolver;

/**
 * The driver's side of the inputs: resolves paths on any Hadoop file system
 * ({@code file://}, {@code hdfs://}, {@code s3a://}; files, directories,
 * globs) and lists the movies and their frames, once.
 * <p>
 * Movies: each multi-page file (TIFF) is a movie, named by its URI; the
 * single-image files (PNG, JPEG, ...) of one directory form one movie, in
 * natural order ({@code img_2} before {@code img_10}), named by the
 * directory. With {@code concatenate}, all inputs are one movie in the order
 * given, as the command line reads them.
 * </p>
 */
final class HadoopInputs {

	private HadoopInputs() {}

	/**
	 * Resolves the inputs and lists their movies.
	 *
	 * @throws IOException one line naming the input if it is missing, matches
	 *           nothing, holds no images or cannot be read
	 * @throws IllegalArgumentException if the channel does not fit the images
	 */
	static List<Movie> movies(final List<String> inputs, final Channel channel, final boolean concatenate, final Configuration conf)
			throws IOException {
		if (inputs == null || inputs.isEmpty())
			throw new IOException("no input given");
		final List<FileStatus> files = new ArrayList<>();
		for (final String input : inputs)
			files.addAll(resolve(input, conf));
		final Map<String, List<MovieFrame>> movies = new LinkedHashMap<>();
		try (LocalFiles local = new LocalFiles(conf)) {
			for (final FileStatus f : files) {
				final String uri = f.getPath().toString();
				final boolean tiff = isTiff(f, conf);
				final String source = concatenate ? "" : tiff ? uri : f.getPath().getParent().toString();
				final List<MovieFrame> frames = movies.computeIfAbsent(source, s -> new ArrayList<>());
				if (tiff)
					for (final FrameRef r : FileFrameSource.open(List.of(local.local(uri).toString()), channel).frames())
						frames.add(new MovieFrame(uri, r.page()));
				else {
					if (frames.isEmpty()) // the first frame of a sequence is checked here (channel, format)
						FileFrameSource.of(List.of(new FrameRef(local.local(uri), 0)), channel);
					frames.add(new MovieFrame(uri, 0));
				}
			}
		}
		final List<Movie> out = new ArrayList<>();
		for (final Map.Entry<String, List<MovieFrame>> e : movies.entrySet())
			out.add(new Movie(e.getKey().isEmpty() ? null : e.getKey(), List.copyOf(e.getValue())));
		return out;
	}

	/** The image files an input names, fully qualified, in natural order within a directory or glob. */
	static List<FileStatus> resolve(final String input, final Configuration conf) throws IOException {
		final Path path;
		try {
			path = new Path(input);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException("invalid path: " + input + " (" + oneLine(e) + ")", e);
		}
		try {
			final FileSystem fs = path.getFileSystem(conf);
			final FileStatus[] matches = fs.globStatus(path);
			if (matches == null || matches.length == 0)
				throw new IOException(isGlob(input) ? "no files match " + input : "no such file or directory: " + input);
			final List<FileStatus> files = new ArrayList<>();
			if (matches.length == 1 && matches[0].isDirectory()) {
				files.addAll(images(fs.listStatus(matches[0].getPath())));
				if (files.isEmpty())
					throw new IOException("directory " + input + " contains no image files (" + String.join(", ", sortedExtensions()) + ")");
				return files;
			}
			if (matches.length == 1 && !isGlob(input))
				return List.of(matches[0]);
			for (final FileStatus m : matches)
				if (m.isDirectory())
					files.addAll(images(fs.listStatus(m.getPath())));
			files.addAll(images(matches));
			if (files.isEmpty())
				throw new IOException("no image files match " + input);
			files.sort(Comparator.comparing(f -> f.getPath().toString(), InputResolver.NATURAL_ORDER));
			return files;
		}
		catch (final FileNotFoundException e) {
			throw new IOException("no such file or directory: " + input, e);
		}
		catch (final AccessControlException e) {
			throw new IOException("cannot read " + input + ": permission denied", e);
		}
		catch (final IOException e) {
			if (e.getClass() == IOException.class && e.getCause() == null)
				throw e;
			throw new IOException("cannot read " + input + " (" + oneLine(e) + ")", e);
		}
	}

	/** The image files among {@code entries} (not hidden), in natural order of their names. */
	private static List<FileStatus> images(final FileStatus[] entries) {
		final List<FileStatus> files = new ArrayList<>();
		for (final FileStatus f : entries) {
			final String name = f.getPath().getName();
			if (f.isFile() && !name.startsWith(".") && !name.startsWith("_") && InputResolver.IMAGE_EXTENSIONS.contains(extension(name)))
				files.add(f);
		}
		files.sort(Comparator.comparing(f -> f.getPath().getName(), InputResolver.NATURAL_ORDER));
		return files;
	}

	private static List<String> sortedExtensions() {
		final List<String> e = new ArrayList<>(InputResolver.IMAGE_EXTENSIONS);
		e.sort(null);
		return e;
	}

	static boolean isGlob(final String input) {
		return input.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
	}

	static String extension(final String name) {
		final int dot = name.lastIndexOf('.');
		return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** A TIFF by its extension, or by its signature if it has no image extension. */
	static boolean isTiff(final FileStatus f, final Configuration conf) throws IOException {
		final String ext = extension(f.getPath().getName());
		if (ext.equals("tif") || ext.equals("tiff"))
			return true;
		if (InputResolver.IMAGE_EXTENSIONS.contains(ext) || f.getLen() < 4)
			return false;
		final byte[] magic = new byte[4];
		try (HadoopInput in = HadoopInput.open(f.getPath(), conf)) {
			in.readFully(0, magic, 0, 4);
		}
		return Arrays.equals(magic, new byte[] { 'I', 'I', 42, 0 }) || Arrays.equals(magic, new byte[] { 'M', 'M', 0, 42 });
	}

	/** One line for an exception: its message's first line, or its type. */
	static String oneLine(final Throwable e) {
		final String m = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null);
		return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.trim();
	}
}
