package io.github.parallellocate.spark;

import java.io.Serializable;

/**
 * The work of one Spark task: a contiguous run of frames of one movie.
 *
 * @param index the batch's position in the job
 * @param source the movie's name for the {@code source} column and messages, or null for a lone movie
 * @param firstFrame 0-based movie frame of the batch's first frame
 * @param frames the batch's frames
 */
public record FrameBatch(int index, String source, int firstFrame, FrameList frames) implements Serializable {}
