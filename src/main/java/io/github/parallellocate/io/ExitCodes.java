package io.github.parallellocate.io;

/**
 * The exit statuses of the command-line front doors ({@code parallel-locate}
 * and the Spark job), documented in their {@code --help} and in
 * {@code docs/command-line.md}. Here, below the front doors, so that every
 * one of them uses the same numbers.
 */
public final class ExitCodes {

	/** Success; with {@code --skip-bad-frames}, also when frames were skipped (listed on stderr). */
	public static final int OK = 0;
	/** Any other failure (an internal error: please report it). */
	public static final int FAILURE = 1;
	/**
	 * An invalid command line: unknown option, bad parameter value, missing or
	 * unsuitable {@code --channel}, parameters that do not fit the image, an
	 * output that is one of the inputs or the other output.
	 */
	public static final int USAGE = 2;
	/** An input is missing, unreadable, corrupt or of an unsupported kind (named with its page where it applies). */
	public static final int INPUT = 3;
	/** A frame could not be read or located (named by index, file and page); without {@code --skip-bad-frames}. */
	public static final int FRAME = 4;
	/**
	 * An output cannot be written: it exists (without {@code --overwrite}), its
	 * directory is missing or not writable, its name is too long, it is a
	 * symbolic link, a directory or a special file, or the disk is full.
	 */
	public static final int OUTPUT = 5;
	/** Interrupted (SIGINT / Ctrl-C): no output file is left behind. */
	public static final int INTERRUPTED = 130;
	/** The CSV went to a pipe that was closed ({@code | head}): stopped without a message, as if by SIGPIPE. */
	public static final int BROKEN_PIPE = 141;

	private ExitCodes() {}

	/** One line per status, for {@code --help} and the documentation. */
	public static String[] describe() {
		return new String[] { OK + " success (also when --skip-bad-frames skipped frames, listed on stderr)",
			USAGE + " invalid command line (option, parameter value, --channel, an output that is an input or the other output)",
			INPUT + " an input is missing, unreadable, corrupt or unsupported",
			FRAME + " a frame could not be read or located (use --skip-bad-frames to go on)",
			OUTPUT + " an output cannot be written (exists, directory missing or not writable, name too long, symbolic link or special file)",
			INTERRUPTED + " interrupted (Ctrl-C)",
			BROKEN_PIPE + " standard output closed (| head)",
			FAILURE + " any other failure (an internal error)" };
	}
}
