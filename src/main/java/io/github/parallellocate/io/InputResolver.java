package io.github.parallellocate.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what a user typed (files, directories, globs) into the ordered list
 * of image files of a movie:
 * <ul>
 * <li>a file is taken as it is;</li>
 * <li>a directory stands for its image files ({@link #IMAGE_EXTENSIONS}, not
 * recursive) in natural order ({@code frame2 < frame10}), as
 * {@code pims.ImageSequence} orders them;</li>
 * <li>a glob ({@code dir/*.png}, with {@code * ? [ ] { }}) stands for the
 * image files it matches, in natural order;</li>
 * <li>several inputs are concatenated in the order given.</li>
 * </ul>
 * Problems are reported as {@link IOException}s with one-line messages.
 */
public final class InputResolver {

	/** Extensions (lower case) of the image files a directory or glob contributes. */
	public static final Set<String> IMAGE_EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "bmp", "gif");

	/** Orders file names naturally: digit runs by value, other text case-insensitively. */
	public static final Comparator<String> NATURAL_ORDER = InputResolver::compareNatural;

	private InputResolver() {}

	/**
	 * Resolves the inputs.
	 *
	 * @throws IOException if an input does not exist, a directory has no
	 *           image files or a glob matches none
	 */
	public static List<Path> resolve(final List<String> inputs) throws IOException {
		if (inputs == null || inputs.isEmpty())
			throw new IOException("no input given");
		final List<Path> files = new ArrayList<>();
		for (final String input : inputs)
			files.addAll(resolveOne(input));
		return files;
	}

	private static List<Path> resolveOne(final String input) throws IOException {
		if (isGlob(input) && !Files.exists(safePath(input)))
			return glob(input);
		final Path p = safePath(input);
		if (Files.isDirectory(p)) {
			final List<Path> images = sorted(listImages(p, 1, null));
			if (images.isEmpty())
				throw new IOException("directory " + input + " contains no image files (" + extensionList() + ")");
			return images;
		}
		if (!Files.exists(p))
			throw new IOException("no such file or directory: " + input);
		if (!Files.isReadable(p))
			throw new IOException("cannot read " + input + ": permission denied");
		return List.of(p);
	}

	/** Whether the input contains glob syntax. */
	static boolean isGlob(final String input) {
		for (final char c : new char[] { '*', '?', '[', '{' })
			if (input.indexOf(c) >= 0)
				return true;
		return false;
	}

	private static List<Path> glob(final String input) throws IOException {
		final String pattern = input.replace('\\', '/');
		int cut = -1;
		for (int i = 0; i < pattern.length() && !isGlob(pattern.substring(0, i + 1)); i++)
			if (pattern.charAt(i) == '/')
				cut = i;
		final Path base = cut < 0 ? Paths.get("") : cut == 0 ? Paths.get("/") : safePath(pattern.substring(0, cut));
		final String relative = pattern.substring(cut + 1);
		final int depth = relative.split("/", -1).length;
		final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative);
		final List<Path> matches = Files.isDirectory(base) ? sorted(listImages(base, depth, matcher)) : List.of();
		if (matches.isEmpty())
			throw new IOException("no image files match " + input);
		return matches;
	}

	/** Image files below {@code dir} up to {@code depth} levels, matching the (relative) matcher if given. */
	private static List<Path> listImages(final Path dir, final int depth, final PathMatcher matcher) throws IOException {
		final Path root = dir.toString().isEmpty() ? Paths.get(".") : dir;
		try (Stream<Path> s = Files.walk(root, depth)) {
			return s.filter(p -> !p.equals(root) && Files.isRegularFile(p) && isImage(p))
				.filter(p -> matcher == null || matcher.matches(root.relativize(p)))
				.map(p -> dir.toString().isEmpty() ? root.relativize(p) : p)
				.collect(Collectors.toList());
		}
		catch (final UncheckedIOException e) {
			throw new IOException("cannot list " + dir + ": " + e.getCause().getMessage(), e.getCause());
		}
	}

	private static List<Path> sorted(final List<Path> files) {
		files.sort(Comparator.comparing(Path::toString, NATURAL_ORDER));
		return files;
	}

	/** Whether the file name has one of the {@link #IMAGE_EXTENSIONS}. */
	public static boolean isImage(final Path p) {
		return IMAGE_EXTENSIONS.contains(extension(p));
	}

	/** The lower-case extension of the file name, without the dot ("" if none). */
	public static String extension(final Path p) {
		final Path name = p.getFileName();
		if (name == null)
			return "";
		final String n = name.toString();
		final int dot = n.lastIndexOf('.');
		return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/** The image extensions, sorted and comma-separated, for messages. */
	static String extensionList() {
		return IMAGE_EXTENSIONS.stream().sorted().collect(Collectors.joining(", "));
	}

	private static Path safePath(final String s) throws IOException {
		try {
			return Paths.get(s);
		}
		catch (final InvalidPathException e) {
			throw new IOException("invalid path: " + s);
		}
	}

	/** Natural comparison: runs of digits compare by value, the rest case-insensitively; ties by plain order. */
	static int compareNatural(final String a, final String b) {
		int i = 0, j = 0;
		while (i < a.length() && j < b.length()) {
			final char ca = a.charAt(i), cb = b.charAt(j);
			if (Character.isDigit(ca) && Character.isDigit(cb)) {
				final int ei = digitsEnd(a, i), ej = digitsEnd(b, j);
				final String da = stripZeros(a.substring(i, ei)), db = stripZeros(b.substring(j, ej));
				final int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
				if (c != 0)
					return c;
				i = ei;
				j = ej;
			}
			else {
				final int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
				if (c != 0)
					return c;
				i++;
				j++;
			}
		}
		final int c = Integer.compare(a.length() - i, b.length() - j);
		return c != 0 ? c : a.compareTo(b);
	}

	private static int digitsEnd(final String s, int i) {
		while (i < s.length() && Character.isDigit(s.charAt(i)))
			i++;
		return i;
	}

	private static String stripZeros(final String digits) {
		int k = 0;
		while (k < digits.length() - 1 && digits.charAt(k) == '0')
			k++;
		return digits.substring(k);
	}
}
