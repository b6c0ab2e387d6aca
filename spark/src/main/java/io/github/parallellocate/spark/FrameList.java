package io.github.parallellocate.spark;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import io.github.parallellocate.parallel.PlaneSource;


/**
 * The frames of a movie as the driver lists them: cheap to cut into
 * contiguous slices and to ship to an executor, which then opens its slice
 * and reads its own planes.
 */
public interface FrameList extends Serializable {

	/** Number of frames. */
	int size();

	/** Frames {@code from} (inclusive) to {@code to} (exclusive), as a list of their own. */
	FrameList slice(int from, int to);

	/** Opens the frames for reading, on the executor; closing releases what reading needed. */
	Opened open() throws IOException;

	/** Open frames. */
	interface Opened extends PlaneSource, Closeable {}
}
