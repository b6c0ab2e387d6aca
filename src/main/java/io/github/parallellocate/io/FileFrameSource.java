package io.github.parallellocate.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.tiff.InputImageStream;
import io.github.parallellocate.io.tiff.MemoryCheck;
import io.github.parallellocate.io.tiff.PixelConversion;
import io.github.parallellocate.io.tiff.TiffLayout;
import io.github.parallellocate.io.tiff.TiffPages;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;


/**
 * The frames of a movie stored in image files: the pages of multi-page TIFFs,
 * the frames of GIFs, and single-image files (PNG, JPEG, BMP), in the order
 * {@link InputResolver} gives them. The format of each file comes from its
 * signature, not its name; only regular files are read (a FIFO or device is
 * refused without being opened).
 * <p>
 * TIFF files are indexed once ({@link TiffPages}); each worker's
 * {@link #newReader() reader} then reads one page at a time, so memory does
 * not grow with the length of the stack. Other formats are decoded with
 * {@code javax.imageio}, one frame at a time. Frames become {@link Plane}s:
 * 8-bit, unsigned 16-bit and 32-bit float as stored, colour images as the
 * chosen {@link Channel} (never guessed; CMYK inks by number only), palette
 * images as their pixel values. All frames must have the size of the first.
 * Every problem is an {@link IOException} (or, for a channel choice that does
 * not fit, an {@link IllegalArgumentException}) with a one-line message
 * naming the file and, where it applies, the page.
 * </p>
 */
public final class FileFrameSource implements PlaneSource {

	private final List<FrameRef> frames;
	private final Channel channel;
	private final Map<Path, TiffPages> tiffs;
	private final Map<Path, ImageFormat> formats;
	private final Map<Path, Integer> frameCounts;
	private final int width;
	private final int height;
	private final String firstName;

	private FileFrameSource(final List<FrameRef> frames, final Channel channel, final Map<Path, TiffPages> tiffs,
			final Map<Path, ImageFormat> formats, final Map<Path, Integer> frameCounts) throws IOException {
		if (frames.isEmpty())
			throw new IOException("no frames to read");
		this.frames = List.copyOf(frames);
		this.channel = channel == null ? Channel.NONE : channel;
		this.tiffs = new ConcurrentHashMap<>(tiffs);
		this.formats = new ConcurrentHashMap<>(formats);
		this.frameCounts = new ConcurrentHashMap<>(frameCounts);
		// the first frame sets the size and fails fast on a wrong channel choice
		// (while firstName is null the reader does not compare sizes)
		try (PlaneReader probe = newReader()) {
			final Plane first = probe.read(0).asPlane();
			width = first.width();
			height = first.height();
		}
		firstName = name(frames.get(0).file());
	}

	/**
	 * Resolves the inputs ({@link InputResolver}) and lists every frame once.
	 * Every TIFF is indexed here and checked (pixel type, channel); other
	 * files are checked when read.
	 *
	 * @throws IOException if an input is missing or unreadable, or a TIFF is
	 *           corrupt or of an unsupported type
	 * @throws IllegalArgumentException if the channel choice does not fit the
	 *           images (colour image without a channel, channel out of range)
	 */
	public static FileFrameSource open(final List<String> inputs, final Channel channel) throws IOException {
		final Channel ch = channel == null ? Channel.NONE : channel;
		final List<FrameRef> frames = new ArrayList<>();
		final Map<Path, TiffPages> tiffs = new ConcurrentHashMap<>();
		final Map<Path, ImageFormat> formats = new ConcurrentHashMap<>();
		final Map<Path, Integer> counts = new ConcurrentHashMap<>();
		for (final Path file : InputResolver.resolve(inputs)) {
			final ImageFormat format = formats.containsKey(file) ? formats.get(file) : detect(file);
			formats.put(file, format);
			if (format == ImageFormat.TIFF) {
				final TiffPages index = tiffs.containsKey(file) ? tiffs.get(file) : openTiff(file);
				tiffs.put(file, index);
				final TiffChannel selected = TiffChannel.of(index, ch);
				for (int i = 0; i < selected.frames(index.pages()); i++)
					frames.add(new FrameRef(file, selected.page(i)));
			}
			else {
				final int n = counts.containsKey(file) ? counts.get(file) : countFrames(file, format);
				counts.put(file, n);
				for (int i = 0; i < n; i++)
					frames.add(new FrameRef(file, i));
			}
		}
		return new FileFrameSource(frames, ch, tiffs, formats, counts);
	}

	/**
	 * A source for the given frames only (e.g. a Spark task's share): only the
	 * files of these frames are opened, when first read.
	 *
	 * @throws IOException if the first frame cannot be read
	 * @throws IllegalArgumentException if the channel does not fit the first frame
	 */
	public static FileFrameSource of(final List<FrameRef> frames, final Channel channel) throws IOException {
		return new FileFrameSource(frames, channel, Map.of(), Map.of(), Map.of());
	}

	/** The frames, in order. */
	public List<FrameRef> frames() {
		return frames;
	}

	public Channel channel() {
		return channel;
	}

	/** Width of every frame. */
	public int width() {
		return width;
	}

	/** Height of every frame. */
	public int height() {
		return height;
	}

	/**
	 * The layout (channels, slices, frames, calibration) of a TIFF among the
	 * inputs, or null if the file is not a TIFF.
	 */
	public TiffLayout layout(final Path file) throws IOException {
		return format(file) == ImageFormat.TIFF ? index(file).layout() : null;
	}

	@Override
	public long framePixels() {
		return (long) width * height;
	}

	@Override
	public int size() {
		return frames.size();
	}

	/** {@code "movie.tif, page 8"} (1-based page), {@code "anim.gif, frame 3"} or {@code "img_010.png"}. */
	@Override
	public String describe(final int index) {
		final FrameRef f = frames.get(index);
		final ImageFormat format = formats.get(f.file());
		if (format == ImageFormat.TIFF)
			return name(f.file()) + ", page " + (f.page() + 1);
		final Integer n = frameCounts.get(f.file());
		return n != null && n > 1 || f.page() > 0 ? name(f.file()) + ", frame " + (f.page() + 1) : name(f.file());
	}

	@Override
	public PlaneReader newReader() {
		return new Reader();
	}

	/** The format of a file from its signature (only regular files are opened). */
	static ImageFormat detect(final Path file) throws IOException {
		try (FileInput in = FileInput.open(file)) {
			return ImageFormat.detect(in);
		}
	}

	private ImageFormat format(final Path file) throws IOException {
		try {
			return formats.computeIfAbsent(file, f -> {
				try {
					return detect(f);
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}

	static String name(final Path file) {
		return String.valueOf(file.getFileName());
	}

	private TiffPages index(final Path file) throws IOException {
		try {
			return tiffs.computeIfAbsent(file, f -> {
				try {
					return openTiff(f);
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}

	/** Indexes a local TIFF file (opened and closed here). */
	static TiffPages openTiff(final Path file) throws IOException {
		try (FileInput in = FileInput.open(file)) {
			return TiffPages.open(in);
		}
	}

	/** The frames of a non-TIFF file: 1, or every frame of a GIF; animated PNGs are refused. */
	private static int countFrames(final Path file, final ImageFormat format) throws IOException {
		final String what = name(file);
		if (format == ImageFormat.UNKNOWN)
			throw unknownFormat(file);
		if (format == ImageFormat.PNG) {
			try (FileInput in = FileInput.open(file)) {
				final long n = ImageFormat.pngFrames(in);
				if (n > 1)
					throw new IOException(what + " is an animated PNG of " + n + " frames, which cannot be read frame by frame: save the frames as a"
						+ " multi-page TIFF or as one PNG per frame");
			}
			return 1;
		}
		if (format != ImageFormat.GIF)
			return 1;
		try (FileInput in = FileInput.open(file); ImageInputStream stream = new InputImageStream(in)) {
			final ImageReader reader = reader(stream, what);
			try {
				reader.setInput(stream, false, true);
				final int n = reader.getNumImages(true);
				if (n < 1)
					throw new IOException(what + " cannot be read (no image found)");
				return n;
			}
			finally {
				reader.dispose();
			}
		}
		catch (final IOException e) {
			throw e.getMessage() != null && e.getMessage().startsWith(what) ? e : cannotRead(what, e);
		}
		catch (final RuntimeException e) {
			throw cannotRead(what, e);
		}
	}

	static IOException unknownFormat(final Path file) {
		final String what = name(file);
		final String ext = InputResolver.extension(file);
		if (ext.equals("tif") || ext.equals("tiff"))
			return new IOException(what + " is not a readable TIFF (" + (file.toFile().length() == 0 ? "the file is empty" : "no image found") + ")");
		return new IOException(what + " is not an image in a supported format (" + InputResolver.extensionList() + ")");
	}

	private static IOException cannotRead(final String what, final Throwable e) {
		return new IOException(what + " cannot be read (" + oneLine(e) + ")", e);
	}

	private static ImageReader reader(final ImageInputStream stream, final String what) throws IOException {
		final Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
		if (!readers.hasNext())
			throw new IOException(what + " is not an image in a supported format (" + InputResolver.extensionList() + ")");
		return readers.next();
	}

	/** A throwable's message in one line, or its type if it has none. */
	public static String oneLine(final Throwable e) {
		Throwable t = e;
		while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null && t.getCause() != t)
			t = t.getCause();
		final String m = t.getMessage();
		return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ').replace('\r', ' ').trim();
	}

	/** One worker's reader: keeps the current file open between pages. */
	private final class Reader implements PlaneReader {

		private Path openFile;
		private FileInput input;

		@Override
		public Plane read(final int i) throws IOException {
			final FrameRef ref = frames.get(i);
			final ImageFormat format = format(ref.file());
			final Plane plane = format == ImageFormat.TIFF ? readTiffPage(ref) : readImage(ref, format);
			if (firstName != null && (plane.width() != width || plane.height() != height))
				throw new IOException(name(ref.file()) + (ref.page() > 0 ? (format == ImageFormat.TIFF ? ", page " : ", frame ") + (ref.page() + 1) : "")
					+ " is " + plane.width() + "x" + plane.height() + " but " + firstName + " is " + width + "x" + height
					+ ": all frames must have the same size");
			return plane;
		}

		private Plane readTiffPage(final FrameRef ref) throws IOException {
			final TiffPages index = index(ref.file());
			return index.read(input(ref.file()), ref.page(), TiffChannel.of(index, channel).sample());
		}

		private FileInput input(final Path file) throws IOException {
			if (!file.equals(openFile)) {
				close();
				input = FileInput.open(file);
				openFile = file;
			}
			return input;
		}

		private Plane readImage(final FrameRef ref, final ImageFormat format) throws IOException {
			final Path file = ref.file();
			final String what = name(file);
			if (format == ImageFormat.UNKNOWN)
				throw unknownFormat(file);
			final BufferedImage img;
			try (ImageInputStream stream = new InputImageStream(input(file))) {
				final ImageReader reader = reader(stream, what);
				try {
					reader.setInput(stream, false, true);
					final int w = reader.getWidth(ref.page()), h = reader.getHeight(ref.page());
					MemoryCheck.check(what, ref.page(), w, h, 8, 4);
					img = reader.read(ref.page());
				}
				finally {
					reader.dispose();
				}
			}
			catch (final IOException e) {
				throw e.getMessage() != null && e.getMessage().contains(what) ? e : cannotRead(what, e);
			}
			catch (final RuntimeException e) {
				throw cannotRead(what, e);
			}
			catch (final OutOfMemoryError e) {
				throw new IOException(what + " cannot be read: not enough memory (run with a larger -Xmx)");
			}
			if (img == null)
				throw new IOException(what + " is not an image in a supported format (" + InputResolver.extensionList() + ")");
			final int channels = PixelConversion.channels(img.getColorModel());
			final int band = channel.select(what, channels, channels == 3);
			return PixelConversion.fromRaster(img.getRaster(), band, what);
		}

		@Override
		public void close() throws IOException {
			openFile = null;
			if (input != null) {
				final FileInput in = input;
				input = null;
				in.close();
			}
		}
	}
}
