package io.github.parallellocate.spark;

import java.io.Serializable;
import java.util.List;

/**
 * A movie as the driver lists it: its name and its frames in order.
 *
 * @param source what the {@code source} column says of its rows: a
 *          multi-page file's URI, or the directory of a sequence of image files
 * @param frames its frames, in order (frame numbers are indices in this list)
 */
record Movie(String source, List<MovieFrame> frames) implements Serializable {}
