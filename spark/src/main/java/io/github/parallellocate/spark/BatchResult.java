package io.github.parallellocate.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task reports back to the driver: counts, never the features
 * themselves (those are in the batch's part file).
 *
 * @param index the batch's index
 * @param located frames located
 * @param features features written
 * @param skipped messages of the frames skipped (with skip-bad-frames), in frame order
 */
public record BatchResult(int index, int located, long features, List<String> skipped) implements Serializable {}
