package io.github.parallellocate.parallel;

/**
 * A frame could not be read or located. The message names the frame (0-based
 * index and what {@link PlaneSource#describe(int)} says of it) and the cause.
 */
public class FrameFailedException extends Exception {

	private static final long serialVersionUID = 1L;
	private final int frame;

	public FrameFailedException(final int frame, final String description, final Throwable cause) {
		super("frame " + frame + " (" + description + "): " + messageOf(cause), cause);
		this.frame = frame;
	}

	/** The 0-based index of the failed frame. */
	public int frame() {
		return frame;
	}

	/** A one-line message for a throwable: its message, or its type if it has none. */
	public static String messageOf(final Throwable t) {
		if (t == null)
			return "unknown error";
		final String m = t.getMessage();
		if (m == null || m.isBlank())
			return t.getClass().getSimpleName();
		return m.replace('\n', ' ').trim();
	}
}
