package io.github.parallellocate.spark;

/**
 * A frame of a batch failed (and skip-bad-frames is off). Thrown by the task,
 * so that Spark retries it (a flaky read on a network file system) and then
 * fails the job; the driver finds it in the job failure's causes and reports
 * its one-line message, which names the movie frame and its file and page.
 */
public final class BatchFailedException extends Exception {

	private static final long serialVersionUID = 1L;
	private final int frame;

	public BatchFailedException(final int frame, final String message, final Throwable cause) {
		super(message, cause);
		this.frame = frame;
	}

	/** The 0-based movie frame that failed. */
	public int frame() {
		return frame;
	}
}
