package io.github.parallellocate.io.tiff;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The pages of one TIFF file, indexed once and shared by all readers of a
 * source. Plain files (uncompressed greyscale, as microscopes and ImageJ
 * write them) are read by {@link PlainTiff} without ImageJ, whose classes
 * cost the command line some 80 ms of start-up; everything else by ImageJ
 * ({@link TiffIndex}), which also gives the messages for damaged files.
 * Both yield ImageJ's pixel arrays for ImageJ's file type.
 */
public interface TiffPages {

	/**
	 * Indexes a TIFF file.
	 *
	 * @throws IOException with a one-line message naming the file if it is
	 *           not a readable TIFF
	 */
	static TiffPages open(final Path file) throws IOException {
		final PlainTiff plain = PlainTiff.read(file);
		return plain != null ? plain : TiffIndex.read(file);
	}

	Path file();

	/** Number of pages (images) in the file. */
	int pages();

	/** Channels of a multi-channel ImageJ hyperstack (pages interleaved by channel); 1 otherwise. */
	int channels();

	int width();

	int height();

	/** ImageJ's file type of the pages ({@code FileInfo.GRAY8} etc.). */
	int fileType();

	/** Colour channels per pixel (3 for RGB) as ImageJ reads them. */
	int samplesPerPixel();

	/**
	 * Reads the pixels of one page (ImageJ's pixel array for the file type)
	 * from an open file.
	 *
	 * @throws IOException naming the file and page if the page is missing,
	 *           truncated or cannot be decoded
	 */
	Object readPixels(RandomAccessFile raf, int page) throws IOException;

	/** The error for a page (0-based) past the last of a file's {@code pages}. */
	static IOException missingPage(final String name, final int pages, final int page) {
		return new IOException(name + " has only " + pages + (pages == 1 ? " page" : " pages") + ", page " + (page + 1) + " requested");
	}
}
