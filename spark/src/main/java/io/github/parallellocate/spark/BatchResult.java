package io.github.parallellocate.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What one task reports back to the driver besides its rows.
 *
 * @param index the batch's index (a batch computed twice counts once)
 * @param located frames located
 * @param features rows produced
 * @param skipped messages of the frames skipped (with skip-bad-frames), in frame order
 */
public record BatchResult(int index, int located, long features, List<String> skipped) implements Serializable {}
