package io.github.parallellocate.parallel;

import java.io.IOException;

/**
 * An ordered sequence of 2D planes (the frames of a movie) that workers read
 * themselves: each worker opens its own {@link PlaneReader}, so reading runs
 * in parallel with locating and nothing funnels through one thread.
 * Implementations: multi-page TIFF pages, files of an image sequence, planes
 * of an ImageJ (virtual) stack.
 */
public interface PlaneSource {

	/** Number of planes. */
	int size();

	/**
	 * A short human description of plane {@code index} for messages, e.g.
	 * {@code "movie.tif, page 8"}.
	 */
	String describe(int index);

	/**
	 * Opens a reader for one worker. Called once per worker thread; the reader
	 * is used by that thread only.
	 */
	PlaneReader newReader() throws IOException;
}
