package io.github.parallellocate.io.tiff;

import java.io.IOException;

import io.github.parallellocate.core.Plane;

/**
 * The pages of one TIFF, indexed once and shared by all readers of a source;
 * each page is read on its own from any {@link ByteSource} of the
 * same bytes ({@code io.RandomAccessInput}: a local file, a Hadoop stream), so memory does not grow with
 * the number of pages. Plain files (uncompressed greyscale, each page one
 * contiguous run, as microscopes and ImageJ write them) are read directly
 * ({@link PlainTiff}, the fast path, proven to give the decoder's pixels);
 * everything else by TwelveMonkeys' decoder ({@link DecodedTiff}).
 * Every failure is an {@link IOException} whose one-line message names the
 * file and, where it applies, the page.
 */
public interface TiffPages {

	/**
	 * Indexes a TIFF.
	 *
	 * @throws IOException with a one-line message naming the file if it is
	 *           not a readable TIFF
	 */
	static TiffPages open(final ByteSource in) throws IOException {
		final PlainTiff plain = PlainTiff.read(in);
		return plain != null ? plain : DecodedTiff.read(in);
	}

	/** The file's name, for messages. */
	String name();

	/** Number of pages (images) in the file. */
	int pages();

	/** How the pages make up channels, slices and frames, and the calibration. */
	TiffLayout layout();

	/** Channels of a multi-channel ImageJ hyperstack (pages interleaved by channel); 1 otherwise. */
	default int channels() {
		return layout().channels();
	}

	int width();

	int height();

	/** The pixel type and colour model of the pages. */
	PixelFormat format();

	/**
	 * Reads one sample (colour channel) of one page.
	 *
	 * @param in the file's bytes (any input of the same file)
	 * @param page 0-based page
	 * @param sample 0-based sample ({@link PixelFormat#samples()}); 0 for grey
	 * @throws IOException naming the file and page if the page is missing,
	 *           truncated, cannot be decoded or cannot fit in memory
	 */
	Plane read(ByteSource in, int page, int sample) throws IOException;

	/** The error for a page (0-based) past the last of a file's {@code pages}. */
	static IOException missingPage(final String name, final int pages, final int page) {
		return new IOException(name + " has only " + pages + (pages == 1 ? " page" : " pages") + ", page " + (page + 1) + " requested");
	}
}
