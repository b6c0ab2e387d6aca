package io.github.parallellocate.spark;

import java.io.Serializable;
import java.util.List;

/**
 * A movie as the driver lists it: its name, its frames in order, and the
 * size of its first frame, which every frame must have.
 *
 * @param source what the {@code source} column says of its rows: a
 *          multi-page file's URI, or the directory of a sequence of image files
 * @param frames its frames, in order (frame numbers are indices in this list)
 * @param width width of the first frame
 * @param height height of the first frame
 * @param slices Z slices per time point of an ImageJ hyperstack with Z (the volumes' depth), 0 otherwise
 */
record Movie(String source, List<MovieFrame> frames, int width, int height, int slices) implements Serializable {

	/** The first frame's file name, for messages. */
	String firstName() {
		return new org.apache.hadoop.fs.Path(frames.get(0).file()).getName();
	}
}
