package io.github.parallellocate.ij.preview;

import java.io.IOException;
import java.io.UncheckedIOException;

import ij.ImagePlus;
import io.github.parallellocate.analysis.PlanePreview;
import io.github.parallellocate.core.Image;
import io.github.parallellocate.imagej.ImagePlusPlaneSource;
import io.github.parallellocate.imagej.ImagePlusVolumeSource;
import io.github.parallellocate.imagej.PlanePosition;
import io.github.parallellocate.imagej.Selection;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * What a preview shows: the image's current plane (or, locating volumes, the
 * current volume: the displayed time point), in the channel the options
 * choose (for a multichannel image with {@code channel=all}: the displayed
 * channel), read through {@link ImagePlusPlaneSource} or
 * {@link ImagePlusVolumeSource} exactly as a run would read it.
 *
 * @param imageId the image's ID
 * @param channel the options' channel (0 = all)
 * @param position where the plane (volume) sits
 * @param source the planes (volumes) of the image in that channel
 * @param index the plane's index in {@code source}
 * @param selection the image's area selection (the run's crop), or null
 */
record PreviewTarget(int imageId, int channel, PlanePosition position, PlaneSource source, int index,
		Selection selection) {

	/** The current plane of {@code imp}. */
	static PreviewTarget current(final ImagePlus imp, final int channel) {
		return current(imp, channel, false);
	}

	/**
	 * The current plane of {@code imp}, or its current volume.
	 *
	 * @throws IllegalArgumentException with a one-line message if the image or
	 *           channel cannot be located
	 */
	static PreviewTarget current(final ImagePlus imp, final int channel, final boolean volumes) {
		final Selection selection = Selection.of(imp.getRoi(), imp.getWidth(), imp.getHeight());
		final java.awt.Rectangle crop = selection == null ? null : selection.bounds();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		if (volumes) {
			final ImagePlusVolumeSource source = new ImagePlusVolumeSource(imp, channel, crop);
			final int c = rgb || imp.getNChannels() == 1 ? -1 : channel > 0 ? channel : imp.getChannel();
			for (int i = 0; i < source.size(); i++) {
				final PlanePosition p = source.position(i);
				if (p.frame() == imp.getFrame() - 1 && (c < 0 || p.channel() == c))
					return new PreviewTarget(imp.getID(), channel, p, source, i, selection);
			}
			throw new IllegalArgumentException("the current volume (time point " + imp.getFrame() + ") is not in channel " + channel);
		}
		final ImagePlusPlaneSource source = new ImagePlusPlaneSource(imp, channel, crop);
		final int stackIndex = !rgb && channel > 0 && imp.getNChannels() > 1
			? imp.getStackIndex(channel, imp.getSlice(), imp.getFrame()) : imp.getCurrentSlice();
		for (int i = 0; i < source.size(); i++)
			if (source.position(i).stackIndex() == stackIndex)
				return new PreviewTarget(imp.getID(), channel, source.position(i), source, i, selection);
		throw new IllegalArgumentException("the current plane (stack slice " + stackIndex + ") is not in channel " + channel);
	}

	/** Identifies the plane's (volume's) pixels for {@link PlanePreview}'s cache. */
	Object key() {
		return java.util.List.of(imageId, channel, position.stackIndex(),
			String.valueOf(selection == null ? null : selection.bounds()) + (source.ndim() == 3 ? " 3d" : ""));
	}

	/** Reads the plane (volume). */
	Image read() {
		try {
			return source.newReader().read(index);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
