package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.fs.Path;

import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.FrameRef;
import io.github.parallellocate.io.TiffChannel;
import io.github.parallellocate.io.tiff.TiffPages;
import io.github.parallellocate.parallel.PlaneReader;

/**
 * Frames of one movie on a Hadoop file system. A slice carries only its own
 * (file, page) references and the movie's frame size. On the executor, a
 * TIFF is indexed once per task and each page is read on its own with
 * positioned reads through {@link HadoopInput} (only that page's bytes
 * travel); other image files (one frame each) are fetched whole
 * ({@link LocalFiles}) and read by {@code io}'s reader. Every frame is
 * checked against the movie's frame size, with the command line's message.
 */
final class HadoopFrameList implements FrameList {

	private static final long serialVersionUID = 1L;

	private final HadoopConf conf;
	private final Channel channel;
	/** The pages (planes) of the slice, in order. */
	private final List<MovieFrame> frames;
	private final int width, height;
	private final String firstName;
	/** Pages per frame: 1 for planes, the Z slices for volumes. */
	private final int slices;
	private final int ndim;

	HadoopFrameList(final HadoopConf conf, final Channel channel, final List<MovieFrame> frames, final int width, final int height,
		final String firstName, final int slices, final int ndim)
	{
		this.conf = conf;
		this.channel = channel;
		this.frames = frames;
		this.width = width;
		this.height = height;
		this.firstName = firstName;
		this.slices = slices;
		this.ndim = ndim;
	}

	/** All frames of a movie: its planes, or its volumes of {@code slices} pages each ({@code ndim} 3). */
	static HadoopFrameList of(final HadoopConf conf, final Channel channel, final Movie movie, final int ndim, final int slices) {
		return new HadoopFrameList(conf, channel, new ArrayList<>(movie.frames()), movie.width(), movie.height(), movie.firstName(),
			ndim == 3 ? slices : 1, ndim);
	}

	/** Frames: planes, or volumes. */
	@Override
	public int size() {
		return frames.size() / slices;
	}

	@Override
	public FrameList slice(final int from, final int to) {
		return new HadoopFrameList(conf, channel, new ArrayList<>(frames.subList(from * slices, to * slices)), width, height, firstName,
			slices, ndim);
	}

	@Override
	public Opened open() {
		return new Source(new LocalFiles(conf.get()));
	}

	private static Plane copy(final Plane p) {
		final Object px = p.pixels();
		return Plane.of(px instanceof byte[] b ? b.clone() : px instanceof short[] sh ? sh.clone() : ((float[]) px).clone(), p.width(), p.height());
	}

	/** A TIFF's index and the sample of the chosen channel. */
	private record Tiff(TiffPages index, int sample) {}

	private static String name(final String uri) {
		return new Path(uri).getName();
	}

	/** The slice's frames, open on an executor. */
	private final class Source implements Opened {

		private final LocalFiles local;
		/** Each TIFF's index and the sample to read, once per task, shared by the readers. */
		private final Map<String, Tiff> tiffs = new ConcurrentHashMap<>();

		Source(final LocalFiles local) {
			this.local = local;
		}

		/** A local path for a file (fetched if remote). */
		private java.nio.file.Path local(final String uri) throws IOException {
			synchronized (local) {
				return local.local(uri);
			}
		}

		@Override
		public int size() {
			return frames.size() / slices;
		}

		@Override
		public int ndim() {
			return ndim;
		}

		@Override
		public long framePixels() {
			return (long) width * height * slices;
		}

		@Override
		public String describe(final int index) {
			if (ndim == 2)
				return describePage(index);
			final MovieFrame first = frames.get(index * slices), last = frames.get(index * slices + slices - 1);
			if (first.tiff() && last.file().equals(first.file()))
				return name(first.file()) + ", volume (pages " + (first.page() + 1) + "-" + (last.page() + 1) + ")";
			return "volume (" + describePage(index * slices) + " to " + describePage(index * slices + slices - 1) + ")";
		}

		private String describePage(final int page) {
			final MovieFrame f = frames.get(page);
			return f.tiff() ? name(f.file()) + ", page " + (f.page() + 1) : f.page() > 0 ? name(f.file()) + ", frame " + (f.page() + 1) : name(f.file());
		}

		private Tiff index(final String uri, final HadoopInput in) throws IOException {
			Tiff t = tiffs.get(uri);
			if (t == null) {
				final TiffPages index = TiffPages.open(in);
				t = new Tiff(index, TiffChannel.of(index, channel).sample());
				tiffs.putIfAbsent(uri, t);
			}
			return t;
		}

		@Override
		public PlaneReader newReader() throws IOException {
			return new PlaneReader() {

				private String openFile;
				private HadoopInput input;
				/** io's reader over the single-image frames from page {@code imagesFrom} on (one decode each). */
				private FileFrameSource images;
				private PlaneReader imagesReader;
				private int imagesFrom = -1;

				@Override
				public Image read(final int i) throws IOException {
					if (ndim == 2)
						return readPage(i);
					final List<Plane> planes = new ArrayList<>(slices);
					final Map<Object, Boolean> arrays = new IdentityHashMap<>();
					for (int z = 0; z < slices; z++) {
						final Plane p = readPage(i * slices + z);
						// a reader that reuses its buffer would make every slice the last one
						planes.add(arrays.put(p.pixels(), Boolean.TRUE) == null ? p : copy(p));
					}
					return Volume.ofPlanes(planes);
				}

				private Plane readPage(final int i) throws IOException {
					final MovieFrame f = frames.get(i);
					final Plane plane;
					if (f.tiff()) {
						final HadoopInput in = input(f.file());
						final Tiff t = index(f.file(), in);
						plane = t.index().read(in, f.page(), t.sample());
					}
					else
						plane = readImage(i);
					if (plane.width() != width || plane.height() != height)
						throw new IOException(name(f.file()) + (f.tiff() && f.page() > 0 ? ", page " + (f.page() + 1) : "") + " is " + plane.width()
							+ "x" + plane.height() + " but " + firstName + " is " + width + "x" + height + ": all frames must have the same size");
					return plane;
				}

				/**
				 * The single-image frame at page {@code i} (PNG, ...), read by
				 * {@code io}'s reader over this and the following single-image
				 * frames, opened here (it reads its first frame on opening): a
				 * frame that fails is that frame's failure, and the next read
				 * opens the reader anew after it.
				 */
				private Plane readImage(final int i) throws IOException {
					if (images == null || i < imagesFrom) {
						closeImages();
						final List<FrameRef> refs = new ArrayList<>();
						for (int k = i; k < frames.size(); k++)
							refs.add(frames.get(k).tiff() ? new FrameRef(local(frames.get(i).file()), 0) : new FrameRef(local(frames.get(k).file()), frames.get(k).page()));
						images = FileFrameSource.of(refs, channel); // reads frame i
						imagesReader = images.newReader();
						imagesFrom = i;
					}
					try {
						return imagesReader.read(i - imagesFrom).asPlane();
					}
					catch (final IOException | RuntimeException e) {
						if (i == imagesFrom)
							closeImages();
						throw e;
					}
				}

				private void closeImages() throws IOException {
					images = null;
					imagesFrom = -1;
					if (imagesReader != null) {
						final PlaneReader r = imagesReader;
						imagesReader = null;
						r.close();
					}
				}

				private HadoopInput input(final String uri) throws IOException {
					if (!uri.equals(openFile)) {
						closeInput();
						input = HadoopInput.open(new Path(uri), conf.get());
						openFile = uri;
					}
					return input;
				}

				private void closeInput() throws IOException {
					openFile = null;
					if (input != null) {
						final HadoopInput in = input;
						input = null;
						in.close();
					}
				}

				@Override
				public void close() throws IOException {
					try {
						closeInput();
					}
					finally {
						closeImages();
					}
				}
			};
		}

		@Override
		public void close() throws IOException {
			local.close();
		}
	}
}
