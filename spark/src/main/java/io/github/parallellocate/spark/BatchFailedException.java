package io.github.parallellocate.spark;

/**
 * A frame failed (and skip-bad-frames is off). Thrown by the task, so that
 * Spark retries it (a flaky read on a network file system) before failing
 * the job; the driver then reports it with this one-line message, which
 * names the movie (when the job has several), the frame and its file (and
 * page).
 */
public final class BatchFailedException extends Exception {

	private static final long serialVersionUID = 1L;

	public BatchFailedException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
