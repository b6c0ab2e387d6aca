package io.github.parallellocate.parallel;

import java.io.IOException;

/**
 * An ordered sequence of frames, each a 2D plane or a 3D volume (the time
 * points of a movie), that workers read themselves: each worker opens its
 * own {@link PlaneReader}, so reading runs in parallel with locating and
 * nothing funnels through one thread. Implementations: multi-page TIFF
 * pages, files of an image sequence, planes or volumes of an ImageJ
 * (virtual) hyperstack, frames of an ImgLib2 image ({@link ImgFrameSource}).
 * <p>
 * Every frame of a source has {@link #ndim()} dimensions: the engine locates
 * one frame (a plane, or a whole volume) per task.
 * </p>
 */
public interface PlaneSource {

	/** Number of frames. */
	int size();

	/**
	 * The dimensions of every frame: 2 (planes, the default) or 3 (volumes);
	 * what {@link PlaneReader#read(int)} returns is a
	 * {@link io.github.parallellocate.core.Plane} or a
	 * {@link io.github.parallellocate.core.Volume} accordingly.
	 */
	default int ndim() {
		return 2;
	}

	/**
	 * The pixels (voxels) of a frame, when the source knows them without
	 * reading one (the first frame's, if they differ), or 0. The engine starts
	 * the helper threads of frames large enough to be split among threads
	 * ({@link io.github.parallellocate.core.FeatureLocator#splitsFramesOf})
	 * as the run starts, rather than when its workers first ask for them.
	 */
	default long framePixels() {
		return 0;
	}

	/**
	 * A short human description of frame {@code index} for messages, e.g.
	 * {@code "movie.tif, page 8"} or {@code "stack.tif, time point 3"}.
	 */
	String describe(int index);

	/**
	 * Opens a reader for one worker. Called once per worker thread; the reader
	 * is used by that thread only.
	 */
	PlaneReader newReader() throws IOException;
}
