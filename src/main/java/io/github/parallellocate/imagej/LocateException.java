package io.github.parallellocate.imagej;

/**
 * A "Locate Features..." run could not be done; the message is one line
 * naming the problem (a bad parameter, an unusable image, a frame that failed,
 * a CSV that cannot be written), ready for {@code IJ.error} or a log.
 */
public class LocateException extends Exception {

	private static final long serialVersionUID = 1L;

	public LocateException(final String message) {
		super(message);
	}

	public LocateException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
