package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.FrameRef;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * Frames of one movie on a Hadoop file system. A slice carries only its own
 * (file, page) references and the movie's first frame; the executor opens
 * them through the Hadoop API ({@link LocalFiles}), preceded by the movie's
 * first frame so that every frame is checked against it (size, channel)
 * exactly as the command line checks it, with the same messages.
 */
final class HadoopFrameList implements FrameList {

	private static final long serialVersionUID = 1L;

	private final HadoopConf conf;
	private final Channel channel;
	/** The movie's first frame: the reference for sizes. */
	private final MovieFrame first;
	private final List<MovieFrame> frames;

	HadoopFrameList(final HadoopConf conf, final Channel channel, final MovieFrame first, final List<MovieFrame> frames) {
		this.conf = conf;
		this.channel = channel;
		this.first = first;
		this.frames = frames;
	}

	/** All frames of a movie. */
	static HadoopFrameList of(final HadoopConf conf, final Channel channel, final Movie movie) {
		return new HadoopFrameList(conf, channel, movie.frames().get(0), new ArrayList<>(movie.frames()));
	}

	@Override
	public int size() {
		return frames.size();
	}

	@Override
	public FrameList slice(final int from, final int to) {
		return new HadoopFrameList(conf, channel, first, new ArrayList<>(frames.subList(from, to)));
	}

	@Override
	public Opened open() throws IOException {
		final LocalFiles local = new LocalFiles(conf.get());
		try {
			final List<FrameRef> withFirst = new ArrayList<>(frames.size() + 1);
			withFirst.add(new FrameRef(local.local(first.file()), first.page()));
			for (final MovieFrame f : frames)
				withFirst.add(new FrameRef(local.local(f.file()), f.page()));
			return new AfterFirst(FileFrameSource.of(withFirst, channel), local);
		}
		catch (final IOException | RuntimeException e) {
			local.close();
			throw e;
		}
	}

	/** A source without its first frame. */
	private static final class AfterFirst implements Opened {

		private final PlaneSource source;
		private final LocalFiles local;

		AfterFirst(final PlaneSource source, final LocalFiles local) {
			this.source = source;
			this.local = local;
		}

		@Override
		public int size() {
			return source.size() - 1;
		}

		@Override
		public String describe(final int index) {
			return source.describe(index + 1);
		}

		@Override
		public PlaneReader newReader() throws IOException {
			final PlaneReader reader = source.newReader();
			return new PlaneReader() {
				@Override
				public Plane read(final int index) throws IOException {
					return reader.read(index + 1);
				}

				@Override
				public void close() throws IOException {
					reader.close();
				}
			};
		}

		@Override
		public void close() throws IOException {
			local.close();
		}
	}
}
