package io.github.parallellocate.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
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
import io.github.parallellocate.io.ImageFormat;
import io.github.parallellocate.io.InputResolver;
import io.github.parallellocate.io.TiffChannel;
import io.github.parallellocate.io.tiff.TiffLayout;
import io.github.parallellocate.io.tiff.TiffPages;

/**
 * The driver's side of the inputs: resolves paths on any Hadoop file system
 * ({@code file://}, {@code hdfs://}, {@code s3a://}; files, directories,
 * globs) and lists the movies and their frames, once.
 * <p>
 * Every file's format is known by its signature; a TIFF is indexed here
 * (its directories, read with positioned reads through {@link HadoopInput}),
 * not fetched. Movies: each TIFF is a movie, named by its URI; the
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
		final Channel ch = channel == null ? Channel.NONE : channel;
		final List<FileStatus> files = new ArrayList<>();
		for (final String input : inputs)
			files.addAll(resolve(input, conf));
		final Map<String, List<MovieFrame>> movies = new LinkedHashMap<>();
		final Map<String, int[]> sizes = new LinkedHashMap<>();
		try (LocalFiles local = new LocalFiles(conf)) {
			for (final FileStatus f : files) {
				final String uri = f.getPath().toString();
				final List<MovieFrame> frames = new ArrayList<>();
				final ImageFormat format;
				int[] size = null;
				try (HadoopInput in = HadoopInput.open(f.getPath(), conf)) {
					format = ImageFormat.detect(in); // the signature: a positioned read of 8 bytes
					if (format == ImageFormat.TIFF) { // indexed here through positioned reads: directories only, no pixels
						final TiffPages index = TiffPages.open(in);
						final TiffChannel channelPages = TiffChannel.of(index, ch);
						for (int i = 0; i < channelPages.frames(index.pages()); i++)
							frames.add(new MovieFrame(uri, channelPages.page(i), true));
						final TiffLayout layout = index.layout();
						size = new int[] { index.width(), index.height(), layout.fromImageJ() && layout.slices() > 1 ? layout.slices() : 0 };
					}
				}
				final boolean tiff = format == ImageFormat.TIFF;
				final String key = key(concatenate, tiff, f);
				if (format == ImageFormat.UNKNOWN)
					throw new IOException(f.getPath().getName() + " is not an image in a supported format (" + String.join(", ", sortedExtensions())
						+ ")");
				if (!tiff) {
					if (format == ImageFormat.GIF || !sizes.containsKey(key)) {
						// a movie's first image (channel, size) and GIFs (their frames): fetched and read by io's reader
						final FileFrameSource source = FileFrameSource.open(List.of(local.local(uri).toString()), ch);
						for (final FrameRef r : source.frames())
							frames.add(new MovieFrame(uri, r.page(), false));
						size = new int[] { source.width(), source.height(), 0 };
					}
					else // one frame, read by the executor
						frames.add(new MovieFrame(uri, 0, false));
				}
				if (size != null)
					sizes.putIfAbsent(key, size);
				movies.computeIfAbsent(key, s -> new ArrayList<>()).addAll(frames);
			}
		}
		final List<Movie> out = new ArrayList<>();
		for (final Map.Entry<String, List<MovieFrame>> e : movies.entrySet()) {
			final int[] size = sizes.get(e.getKey());
			out.add(new Movie(e.getKey().isEmpty() ? null : e.getKey(), List.copyOf(e.getValue()), size[0], size[1], size[2]));
		}
		return out;
	}

	/** The movie a file belongs to: itself if a TIFF, else its directory; all one with {@code concatenate}. */
	private static String key(final boolean concatenate, final boolean tiff, final FileStatus f) {
		return concatenate ? "" : tiff ? f.getPath().toString() : f.getPath().getParent().toString();
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

	/** One line for an exception: its message's first line, or its type. */
	static String oneLine(final Throwable e) {
		final String m = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null);
		return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.trim();
	}
}
