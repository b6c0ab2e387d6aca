package io.github.parallellocate.parallel;

/** Progress of a run, reported from the thread that merges results. */
@FunctionalInterface
public interface ProgressListener {

	/**
	 * @param done frames delivered so far (in order)
	 * @param total frames in the run
	 * @param framesPerSecond throughput since the start of the run
	 */
	void progress(int done, int total, double framesPerSecond);
}
