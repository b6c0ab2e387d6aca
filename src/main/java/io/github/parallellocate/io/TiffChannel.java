package io.github.parallellocate.io;

import java.io.IOException;

import io.github.parallellocate.io.tiff.PixelFormat;
import io.github.parallellocate.io.tiff.TiffPages;

/**
 * Which pages of a TIFF, and which sample of each, make the frames of a
 * chosen {@link Channel}: for an ImageJ hyperstack of several channels
 * (pages interleaved channel first) every {@code pageStep}-th page from
 * {@code firstPage}; for colour pages (RGB, CMYK, several samples) every
 * page, sample {@code sample}. The pixel type is checked here too, so a
 * reader of any {@link RandomAccessInput} (the Spark job) gets the same
 * answers and messages as the command line.
 *
 * @param firstPage 0-based first page of the channel
 * @param pageStep pages from one frame of the channel to the next
 * @param sample 0-based sample to read of each page
 */
public record TiffChannel(int firstPage, int pageStep, int sample) {

	/**
	 * Selects the channel's pages and sample.
	 *
	 * @throws IOException if the pixel type is not supported
	 * @throws IllegalArgumentException if the channel choice does not fit
	 *           (none for a colour or multi-channel file, out of range, a
	 *           colour name for CMYK)
	 */
	public static TiffChannel of(final TiffPages index, final Channel channel) throws IOException {
		final Channel ch = channel == null ? Channel.NONE : channel;
		final String what = index.name();
		final PixelFormat f = index.format();
		f.checkSupported(what);
		if (f.samples() == 1 && index.channels() > 1)
			return new TiffChannel(ch.select(what, index.channels(), false), index.channels(), 0);
		if (f.colours() == PixelFormat.Colours.CMYK)
			return new TiffChannel(0, 1, ch.selectCmyk(what, f.samples()));
		return new TiffChannel(0, 1, ch.select(what, f.samples(), f.isRgb()));
	}

	/** Number of frames of the channel in a file of {@code pages} pages. */
	public int frames(final int pages) {
		return pages <= firstPage ? 0 : (pages - firstPage + pageStep - 1) / pageStep;
	}

	/** The 0-based page of the channel's frame {@code i}. */
	public int page(final int i) {
		return firstPage + i * pageStep;
	}
}
