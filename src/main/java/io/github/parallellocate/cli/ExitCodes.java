package io.github.parallellocate.cli;

/** The exit statuses of {@code parallel-locate} (documented in the README). */
public final class ExitCodes {

	/** Success; with {@code --skip-bad-frames}, also when frames were skipped (listed on stderr). */
	public static final int OK = 0;
	/** A runtime failure: unreadable or corrupt input, output not writable or already there, a frame failed. */
	public static final int FAILURE = 1;
	/** An invalid command line: unknown option, bad parameter value, missing or unsuitable --channel. */
	public static final int USAGE = 2;
	/** The CSV went to a pipe that was closed ({@code | head}): stopped without a message, as if by SIGPIPE. */
	public static final int BROKEN_PIPE = 141;
	/** Interrupted (SIGINT / Ctrl-C): no output file is left behind. */
	public static final int INTERRUPTED = 130;

	private ExitCodes() {}
}
