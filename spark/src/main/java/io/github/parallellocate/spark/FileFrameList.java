package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.io.FrameRef;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;


/**
 * The frames of a movie in image files, as {@link FileFrameSource} lists them
 * on the driver (every TIFF's pages counted once). A slice carries only its
 * own (file, page) references; the executor opens them with
 * {@link FileFrameSource#of}, preceded by the movie's first frame so that
 * every frame is checked against the movie's first frame (size, channel)
 * exactly as the command line checks it, with the same messages.
 */
public final class FileFrameList implements FrameList {

	private static final long serialVersionUID = 1L;

	/** The movie's first frame: the reference for sizes. */
	private final FrameRef first;
	private final List<FrameRef> frames;
	private final Channel channel;

	private FileFrameList(final FrameRef first, final List<FrameRef> frames, final Channel channel) {
		this.first = first;
		this.frames = frames;
		this.channel = channel;
	}

	/**
	 * Resolves the inputs (files, directories, globs) and lists their frames.
	 *
	 * @throws IOException if an input is missing, unreadable or corrupt
	 * @throws IllegalArgumentException if the channel does not fit the images
	 */
	public static FileFrameList open(final List<String> inputs, final Channel channel) throws IOException {
		final FileFrameSource source = FileFrameSource.open(inputs, channel);
		return new FileFrameList(source.frames().get(0), new ArrayList<>(source.frames()), source.channel());
	}

	@Override
	public int size() {
		return frames.size();
	}

	@Override
	public FrameList slice(final int from, final int to) {
		return new FileFrameList(first, new ArrayList<>(frames.subList(from, to)), channel);
	}

	@Override
	public PlaneSource open() throws IOException {
		final List<FrameRef> withFirst = new ArrayList<>(frames.size() + 1);
		withFirst.add(first);
		withFirst.addAll(frames);
		return new AfterFirst(FileFrameSource.of(withFirst, channel));
	}

	/** A source without its first frame. */
	private static final class AfterFirst implements PlaneSource {

		private final PlaneSource source;

		AfterFirst(final PlaneSource source) {
			this.source = source;
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
				public io.github.parallellocate.core.Plane read(final int index) throws IOException {
					return reader.read(index + 1).asPlane();
				}

				@Override
				public void close() throws IOException {
					reader.close();
				}
			};
		}
	}
}
