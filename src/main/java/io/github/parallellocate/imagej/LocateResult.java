package io.github.parallellocate.imagej;

import java.nio.file.Path;
import java.util.List;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.parallel.RunSummary;


/**
 * The outcome of a run.
 *
 * @param rows every feature with its plane, in plane order then trackpy's order
 * @param params the parameters used
 * @param summary what the engine did (frames, features, time, threads)
 * @param csv the CSV written, or null
 */
public record LocateResult(List<FeatureRow> rows, LocateParameters params, RunSummary summary, Path csv) {
}
