package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.fs.Path;

import io.github.parallellocate.core.Plane;
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
	private final List<MovieFrame> frames;
	private final int width, height;
	private final String firstName;

	HadoopFrameList(final HadoopConf conf, final Channel channel, final List<MovieFrame> frames, final int width, final int height,
		final String firstName)
	{
		this.conf = conf;
		this.channel = channel;
		this.frames = frames;
		this.width = width;
		this.height = height;
		this.firstName = firstName;
	}

	/** All frames of a movie. */
	static HadoopFrameList of(final HadoopConf conf, final Channel channel, final Movie movie) {
		return new HadoopFrameList(conf, channel, new ArrayList<>(movie.frames()), movie.width(), movie.height(), movie.firstName());
	}

	@Override
	public int size() {
		return frames.size();
	}

	@Override
	public FrameList slice(final int from, final int to) {
		return new HadoopFrameList(conf, channel, new ArrayList<>(frames.subList(from, to)), width, height, firstName);
	}

	@Override
	public Opened open() throws IOException {
		final LocalFiles local = new LocalFiles(conf.get());
		try {
			// the single-image files of the slice, fetched and read by io's reader
			final List<FrameRef> others = new ArrayList<>();
			final int[] otherIndex = new int[frames.size()];
			for (int i = 0; i < frames.size(); i++) {
				final MovieFrame f = frames.get(i);
				if (!f.tiff()) {
					otherIndex[i] = others.size();
					others.add(new FrameRef(local.local(f.file()), f.page()));
				}
			}
			return new Source(others.isEmpty() ? null : FileFrameSource.of(others, channel), otherIndex, local);
		}
		catch (final IOException | RuntimeException e) {
			local.close();
			throw e;
		}
	}

	/** A TIFF's index and the sample of the chosen channel. */
	private record Tiff(TiffPages index, int sample) {}

	private static String name(final String uri) {
		return new Path(uri).getName();
	}

	/** The slice's frames, open on an executor. */
	private final class Source implements Opened {

		private final FileFrameSource others;
		private final int[] otherIndex;
		private final LocalFiles local;
		/** Each TIFF's index and the sample to read, once per task, shared by the readers. */
		private final Map<String, Tiff> tiffs = new ConcurrentHashMap<>();

		Source(final FileFrameSource others, final int[] otherIndex, final LocalFiles local) {
			this.others = others;
			this.otherIndex = otherIndex;
			this.local = local;
		}

		@Override
		public int size() {
			return frames.size();
		}

		@Override
		public String describe(final int index) {
			final MovieFrame f = frames.get(index);
			return f.tiff() ? name(f.file()) + ", page " + (f.page() + 1) : others.describe(otherIndex[index]);
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
			final PlaneReader otherReader = others == null ? null : others.newReader();
			return new PlaneReader() {

				private String openFile;
				private HadoopInput input;

				@Override
				public Plane read(final int i) throws IOException {
					final MovieFrame f = frames.get(i);
					final Plane plane;
					if (f.tiff()) {
						final HadoopInput in = input(f.file());
						final Tiff t = index(f.file(), in);
						plane = t.index().read(in, f.page(), t.sample());
					}
					else
						plane = otherReader.read(otherIndex[i]);
					if (plane.width() != width || plane.height() != height)
						throw new IOException(name(f.file()) + (f.tiff() && f.page() > 0 ? ", page " + (f.page() + 1) : "") + " is " + plane.width()
							+ "x" + plane.height() + " but " + firstName + " is " + width + "x" + height + ": all frames must have the same size");
					return plane;
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
						if (otherReader != null)
							otherReader.close();
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
