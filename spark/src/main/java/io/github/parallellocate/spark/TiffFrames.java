package io.github.parallellocate.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.tiff.PixelFormat;
import io.github.parallellocate.io.tiff.TiffPages;

/**
 * Which pages of a TIFF are frames and which sample of a page is read, for
 * a channel choice: the rules {@code io.FileFrameSource} applies to local
 * files (the pages of one channel of an ImageJ hyperstack; one sample of a
 * colour page), for the TIFFs the executors read through {@link HadoopInput}.
 */
final class TiffFrames {

	private TiffFrames() {}

	/** Channels of an ImageJ hyperstack whose pages are interleaved by channel (grey pages only); 1 otherwise. */
	static int hyperstackChannels(final TiffPages index) {
		return index.format().samples() == 1 ? index.channels() : 1;
	}

	/**
	 * Checks the pixel type and the channel choice; returns the 0-based
	 * hyperstack channel or sample.
	 *
	 * @throws IOException if the pixel type is not supported
	 * @throws IllegalArgumentException if the channel does not fit
	 */
	static int select(final TiffPages index, final Channel channel) throws IOException {
		final String what = index.name();
		final PixelFormat f = index.format();
		f.checkSupported(what);
		if (hyperstackChannels(index) > 1)
			return channel.select(what, index.channels(), false);
		if (f.colours() == PixelFormat.Colours.CMYK)
			return channel.selectCmyk(what, f.samples());
		return channel.select(what, f.samples(), f.isRgb());
	}

	/** The sample to read of each page: 0 for a hyperstack channel (its own pages), else the selected one. */
	static int sample(final TiffPages index, final Channel channel) throws IOException {
		final int selected = select(index, channel);
		return hyperstackChannels(index) > 1 ? 0 : selected;
	}

	/** The 0-based pages that are the frames of the chosen channel. */
	static List<Integer> pages(final TiffPages index, final Channel channel) throws IOException {
		final int step = hyperstackChannels(index);
		final int selected = select(index, channel);
		final List<Integer> pages = new ArrayList<>();
		for (int page = step > 1 ? selected : 0; page < index.pages(); page += step)
			pages.add(page);
		return pages;
	}
}
