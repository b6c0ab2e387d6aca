package io.github.parallellocate.parallel;

import java.util.List;
import io.github.parallellocate.core.StageTimes;


/**
 * What a run of the {@link LocateEngine} did.
 *
 * @param frames frames in the source
 * @param located frames located and delivered to the sink
 * @param features features delivered
 * @param skipped frames skipped because they failed (only with skip-bad-frames)
 * @param nanos wall time of the run
 * @param threads worker threads used
 * @param stageTimes summed per-stage times of all workers
 */
public record RunSummary(int frames, int located, long features, List<SkippedFrame> skipped, long nanos, int threads,
		StageTimes stageTimes) {

	/** A frame that failed and was skipped. */
	public record SkippedFrame(int frame, String message) {}

	/** Throughput of the run. */
	public double framesPerSecond() {
		return nanos == 0 ? 0 : located * 1e9 / nanos;
	}
}
