package io.github.parallellocate.imagej;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImageStack;
import ij.process.ImageProcessor;

/**
 * Reads one plane of a virtual stack so that its reader's errors become an
 * {@link IOException} of that plane instead of what ImageJ does with them:
 * an exception window or an error dialog (modal, from a worker thread, in
 * batch mode too). For the duration of the read, ImageJ's exception handler
 * captures exceptions and its error messages are redirected to the log;
 * either marks the plane as failed. Callers serialise reads on the stack
 * (virtual stacks are not thread-safe), so the global hooks are set by one
 * reader at a time.
 */
final class VirtualReads {

	private VirtualReads() {}

	/**
	 * The plane's processor.
	 *
	 * @throws IOException naming the slice, if ImageJ's reader failed
	 */
	static ImageProcessor read(final ImageStack stack, final int n) throws IOException {
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		IJ.setExceptionHandler(failure::set);
		IJ.getErrorMessage(); // clears the last one
		IJ.redirectErrorMessages(true);
		final ImageProcessor ip;
		try {
			ip = stack.getProcessor(n);
		}
		catch (final RuntimeException e) {
			throw new IOException("cannot read stack slice " + n + ": " + message(e), e);
		}
		finally {
			IJ.redirectErrorMessages(false);
			IJ.setExceptionHandler(null);
		}
		if (failure.get() != null)
			throw new IOException("cannot read stack slice " + n + ": " + message(failure.get()), failure.get());
		final String after = IJ.getErrorMessage();
		if (after != null)
			throw new IOException("cannot read stack slice " + n + ": " + after.replace('\n', ' ').trim());
		if (ip == null)
			throw new IOException("cannot read stack slice " + n + " (the reader returned nothing)");
		return ip;
	}

	private static String message(final Throwable t) {
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}
}
