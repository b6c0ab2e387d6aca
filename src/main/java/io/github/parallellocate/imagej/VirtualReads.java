package io.github.parallellocate.imagej;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.plugin.FileInfoVirtualStack;
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
		if (stack instanceof FileInfoVirtualStack)
			checkLength((FileInfoVirtualStack) stack, n);
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

	/**
	 * ImageJ's TIFF reader reads a plane cut short by the end of the file as
	 * zeros without a word: refuse it before reading. Uncompressed planes
	 * need {@code offset + bytes}, compressed ones their last strip.
	 */
	private static void checkLength(final FileInfoVirtualStack stack, final int n) throws IOException {
		final FileInfo fi = fileInfo(stack, n);
		if (fi == null || fi.directory == null || fi.fileName == null)
			return;
		final Path file = Paths.get(fi.directory, fi.fileName);
		final long end;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length
			&& fi.stripOffsets.length > 0 && fi.compression > FileInfo.COMPRESSION_NONE) {
			long e = 0;
			for (int i = 0; i < fi.stripOffsets.length; i++)
				e = Math.max(e, fi.stripOffsets[i] + (long) fi.stripLengths[i]);
			end = e;
		}
		else if (fi.compression <= FileInfo.COMPRESSION_NONE)
			end = fi.getOffset() + (long) fi.width * fi.height * fi.getBytesPerPixel();
		else
			return;
		final long length = Files.size(file);
		if (end > length)
			throw new IOException(fi.fileName + " is truncated: stack slice " + n + " needs " + end + " bytes, the file has "
				+ length);
	}

	/** The stack's description of slice {@code n} (ImageJ keeps it private), or null. */
	private static FileInfo fileInfo(final FileInfoVirtualStack stack, final int n) {
		try {
			final Field f = FileInfoVirtualStack.class.getDeclaredField("info");
			f.setAccessible(true);
			final FileInfo[] info = (FileInfo[]) f.get(stack);
			if (info == null || n < 1 || n > info.length)
				return null;
			final FileInfo fi = info[n - 1];
			return fi.nImages > 1 ? null : fi; // one page each: offsets are per page
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}

	private static String message(final Throwable t) {
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}
}
