package io.github.parallellocate.ij.preview;

import java.io.IOException;
import java.io.UncheckedIOException;

import ij.ImagePlus;
import io.github.parallellocate.analysis.PlanePreview;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.imagej.ImagePlusPlaneSource;
import io.github.parallellocate.imagej.PlanePosition;

/**
 * The plane a preview shows: the image's current plane, in the channel the
 * options choose (for a multichannel image with {@code channel=all}: the
 * displayed channel), read through {@link ImagePlusPlaneSource} exactly as a
 * run would read it.
 *
 * @param imageId the image's ID
 * @param channel the options' channel (0 = all)
 * @param position where the plane sits
 * @param source the planes of the image in that channel
 * @param index the plane's index in {@code source}
 */
record PreviewTarget(int imageId, int channel, PlanePosition position, ImagePlusPlaneSource source, int index) {

	/**
	 * The current plane of {@code imp}.
	 *
	 * @throws IllegalArgumentException with a one-line message if the image or
	 *           channel cannot be located
	 */
	static PreviewTarget current(final ImagePlus imp, final int channel) {
		final ImagePlusPlaneSource source = new ImagePlusPlaneSource(imp, channel);
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final int stackIndex = !rgb && channel > 0 && imp.getNChannels() > 1
			? imp.getStackIndex(channel, imp.getSlice(), imp.getFrame()) : imp.getCurrentSlice();
		for (int i = 0; i < source.size(); i++)
			if (source.position(i).stackIndex() == stackIndex)
				return new PreviewTarget(imp.getID(), channel, source.position(i), source, i);
		throw new IllegalArgumentException("the current plane (stack slice " + stackIndex + ") is not in channel " + channel);
	}

	/** Identifies the plane's pixels for {@link PlanePreview}'s cache. */
	Object key() {
		return java.util.List.of(imageId, channel, position.stackIndex());
	}

	/** Reads the plane. */
	Plane read() {
		try {
			return source.newReader().read(index).asPlane();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
