package io.github.parallellocate.spark;

import java.io.Serializable;

/**
 * The work of one Spark task: a contiguous run of frames.
 *
 * @param index the batch's position (its part file's number)
 * @param firstFrame 0-based movie frame of the batch's first frame
 * @param frames the batch's frames
 */
public record FrameBatch(int index, int firstFrame, FrameList frames) implements Serializable {}
