package io.github.parallellocate.io;

import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.tiff.PixelConversion;
import io.github.parallellocate.io.tiff.TiffIndex;
import io.github.parallellocate.io.tiff.TiffPages;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;


/**
 * The frames of a movie stored in image files: the pages of multi-page TIFFs
 * and single-image files (PNG, JPEG, BMP, GIF), in the order
 * {@link InputResolver} gives them.
 * <p>
 * TIFF files are indexed once ({@link TiffPages}: plain ones without ImageJ,
 * others with ImageJ's {@code TiffDecoder}); each worker's
 * {@link #newReader() reader} then reads one page at a time, so memory does not
 * grow with the length of the stack. Other formats are decoded with
 * {@code javax.imageio}. Frames become {@link Plane}s: 8-bit, unsigned 16-bit
 * and 32-bit float as stored, colour images as the chosen {@link Channel}
 * (never guessed), indexed images as their pixel values. All frames must
 * have the size of the first.
 * </p>
 */
public final class FileFrameSource implements PlaneSource {

	private final List<FrameRef> frames;
	private final Channel channel;
	private final Map<Path, TiffPages> tiffs;
	private final int width;
	private final int height;
	private final String firstName;

	private FileFrameSource(final List<FrameRef> frames, final Channel channel, final Map<Path, TiffPages> tiffs)
			throws IOException {
		if (frames.isEmpty())
			throw new IOException("no frames to read");
		this.frames = List.copyOf(frames);
		this.channel = channel == null ? Channel.NONE : channel;
		this.tiffs = new ConcurrentHashMap<>(tiffs);
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
	 * Every TIFF is indexed here and checked (pixel type, size, channel); other
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
		for (final Path file : InputResolver.resolve(inputs)) {
			if (!isTiff(file)) {
				frames.add(new FrameRef(file, 0));
				continue;
			}
			final TiffPages index = tiffs.containsKey(file) ? tiffs.get(file) : TiffPages.open(file);
			tiffs.put(file, index);
			final int selected = selectChannel(index, ch);
			final int step = index.channels();
			for (int page = step > 1 ? selected : 0; page < index.pages(); page += step)
				frames.add(new FrameRef(file, page));
		}
		return new FileFrameSource(frames, ch, tiffs);
	}

	/**
	 * A source for the given frames only (e.g. a Spark task's share): only the
	 * files of these frames are opened, when first read.
	 *
	 * @throws IOException if the first frame cannot be read
	 * @throws IllegalArgumentException if the channel does not fit the first frame
	 */
	public static FileFrameSource of(final List<FrameRef> frames, final Channel channel) throws IOException {
		return new FileFrameSource(frames, channel, Map.of());
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

	@Override
	public int size() {
		return frames.size();
	}

	/** {@code "movie.tif, page 8"} (1-based page) or {@code "img_010.png"}. */
	@Override
	public String describe(final int index) {
		final FrameRef f = frames.get(index);
		return isTiff(f.file()) ? name(f.file()) + ", page " + (f.page() + 1) : name(f.file());
	}

	@Override
	public PlaneReader newReader() {
		return new Reader();
	}

	/** Whether the file is read as a TIFF: by its extension, or by its signature if it has no image extension. */
	static boolean isTiff(final Path file) {
		final String ext = InputResolver.extension(file);
		if (ext.equals("tif") || ext.equals("tiff"))
			return true;
		if (InputResolver.IMAGE_EXTENSIONS.contains(ext))
			return false;
		final byte[] magic = new byte[4];
		try (InputStream in = Files.newInputStream(file)) {
			if (in.readNBytes(magic, 0, 4) < 4)
				return false;
		}
		catch (final IOException e) {
			return false;
		}
		return magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 && magic[3] == 0
			|| magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 && magic[3] == 42;
	}

	/** Checks a TIFF's pixel type and the channel choice; returns the 0-based channel. */
	private static int selectChannel(final TiffPages index, final Channel channel) throws IOException {
		final String what = name(index.file());
		PixelConversion.checkSupported(what, index.fileType());
		if (index.channels() > 1)
			return channel.select(what, index.channels(), false);
		final int samples = index.samplesPerPixel();
		return channel.select(what, samples, samples == 3);
	}

	static String name(final Path file) {
		return String.valueOf(file.getFileName());
	}

	private TiffPages index(final Path file) throws IOException {
		try {
			return tiffs.computeIfAbsent(file, f -> {
				try {
					return TiffPages.open(f);
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

	/** One worker's reader: keeps the current TIFF open between pages. */
	private final class Reader implements PlaneReader {

		private Path openFile;
		private RandomAccessFile raf;

		@Override
		public Plane read(final int i) throws IOException {
			final FrameRef ref = frames.get(i);
			final Plane plane = isTiff(ref.file()) ? readTiffPage(ref) : readImage(ref.file());
			if (firstName != null && (plane.width() != width || plane.height() != height))
				throw new IOException(name(ref.file()) + " is " + plane.width() + "x" + plane.height() + " but " + firstName + " is " + width
					+ "x" + height + ": all frames must have the same size");
			return plane;
		}

		private Plane readTiffPage(final FrameRef ref) throws IOException {
			final TiffPages index = index(ref.file());
			final int ch = selectChannel(index, channel);
			final Object pixels = index.readPixels(file(ref.file()), ref.page());
			return PixelConversion.fromImageJ(pixels, index.fileType(), ch, index.width(), index.height());
		}

		private RandomAccessFile file(final Path file) throws IOException {
			if (!file.equals(openFile)) {
				close();
				try {
					raf = new RandomAccessFile(file.toFile(), "r");
				}
				catch (final FileNotFoundException e) {
					throw new IOException("cannot read " + name(file) + " (" + TiffIndex.oneLine(e) + ")", e);
				}
				openFile = file;
			}
			return raf;
		}

		private Plane readImage(final Path file) throws IOException {
			final String what = name(file);
			final BufferedImage img;
			try {
				img = ImageIO.read(file.toFile());
			}
			catch (final IOException | RuntimeException e) {
				throw new IOException(what + " cannot be read (" + TiffIndex.oneLine(e.getCause() != null ? e.getCause() : e) + ")", e);
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
			if (raf != null) {
				final RandomAccessFile r = raf;
				raf = null;
				r.close();
			}
		}
	}
}
