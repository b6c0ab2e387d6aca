package io.github.parallellocate.cli;

import io.github.parallellocate.io.ExitCodes;

/** A failure reported as one line on stderr with a given exit status ({@link ExitCodes}). */
final class CliException extends Exception {

	private static final long serialVersionUID = 1L;
	private final int exitCode;

	CliException(final int exitCode, final String message) {
		super(message);
		this.exitCode = exitCode;
	}

	CliException(final int exitCode, final String message, final Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	/** An invalid command line (exit status {@link ExitCodes#USAGE}). */
	static CliException usage(final String message) {
		return new CliException(ExitCodes.USAGE, message);
	}

	/** An input that cannot be read (exit status {@link ExitCodes#INPUT}). */
	static CliException input(final String message, final Throwable cause) {
		return new CliException(ExitCodes.INPUT, message, cause);
	}

	/** A frame that failed (exit status {@link ExitCodes#FRAME}). */
	static CliException frame(final String message, final Throwable cause) {
		return new CliException(ExitCodes.FRAME, message, cause);
	}

	/** An output that cannot be written (exit status {@link ExitCodes#OUTPUT}). */
	static CliException output(final String message, final Throwable cause) {
		return new CliException(ExitCodes.OUTPUT, message, cause);
	}

	/** Any other failure while running (exit status {@link ExitCodes#FAILURE}). */
	static CliException failure(final String message, final Throwable cause) {
		return new CliException(ExitCodes.FAILURE, message, cause);
	}

	/** stdout's reader has gone ({@code | head}): stop silently like other tools. */
	static CliException brokenPipe(final Throwable cause) {
		return new CliException(ExitCodes.BROKEN_PIPE, null, cause);
	}

	int exitCode() {
		return exitCode;
	}
}
