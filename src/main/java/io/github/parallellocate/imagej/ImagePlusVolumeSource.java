package io.github.parallellocate.imagej;

import java.awt.Rectangle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * The volumes of an ImageJ hyperstack with Z slices: one {@link Volume} per
 * time point and channel (all channels, or the chosen one), its slices read
 * through {@link ImagePlusPlaneSource} exactly as planes are (virtual stacks
 * one slice at a time, RGB as the chosen colour, cropped to a selection). A
 * plain Z-stack (one time point) is one volume.
 */
public final class ImagePlusVolumeSource implements PlaneSource {

	private final ImagePlusPlaneSource planes;
	private final String title;
	private final int width, height, depth;
	private final List<int[]> volumes = new ArrayList<>(); // plane indices of planes, per volume
	private final List<PlanePosition> positions = new ArrayList<>();

	/**
	 * @param channel as {@link ImagePlusPlaneSource}
	 * @param crop the rectangle each slice is cropped to, or null
	 * @throws IllegalArgumentException one line, if the image has no Z slices
	 *           or cannot be read
	 */
	public ImagePlusVolumeSource(final ImagePlus imp, final int channel, final Rectangle crop) {
		planes = new ImagePlusPlaneSource(imp, channel, crop);
		title = imp.getTitle();
		final int nz = imp.getNSlices();
		final boolean zStack = nz > 1 && imp.getNChannels() * nz * imp.getNFrames() == imp.getStackSize();
		if (!zStack)
			throw new IllegalArgumentException("3d needs Z slices: '" + title + "' has " + imp.getNSlices()
				+ (imp.getNSlices() == 1 ? " slice" : " slices") + " per time point (set them in Image > Properties...)");
		final Rectangle c = planes.crop();
		width = c == null ? imp.getWidth() : c.width;
		height = c == null ? imp.getHeight() : c.height;
		depth = nz;
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final int nc = rgb || channel > 0 ? 1 : imp.getNChannels();
		for (int t = 1; t <= imp.getNFrames(); t++)
			for (int ch = 1; ch <= nc; ch++) {
				final int cc = rgb ? 1 : channel > 0 ? channel : ch;
				final int[] idx = new int[nz];
				for (int z = 1; z <= nz; z++)
					idx[z - 1] = indexOf(imp.getStackIndex(cc, z, t));
				volumes.add(idx);
				final PlanePosition first = planes.position(idx[0]);
				positions.add(new PlanePosition(first.stackIndex(), t - 1, 0, first.channel()));
			}
	}

	private int indexOf(final int stackIndex) {
		for (int i = 0; i < planes.size(); i++)
			if (planes.position(i).stackIndex() == stackIndex)
				return i;
		throw new IllegalStateException("stack index " + stackIndex + " is not located");
	}

	/** Z slices per volume. */
	public int depth() {
		return depth;
	}

	/** The crop of every slice, or null. */
	public Rectangle crop() {
		return planes.crop();
	}

	/**
	 * Where volume {@code index} sits: its first slice's stack index, the
	 * 0-based time frame, slice 0 (the whole volume) and the channel.
	 */
	public PlanePosition position(final int index) {
		return positions.get(index);
	}

	@Override
	public int ndim() {
		return 3;
	}

	@Override
	public long framePixels() {
		return (long) width * height * depth;
	}

	@Override
	public int size() {
		return volumes.size();
	}

	@Override
	public String describe(final int index) {
		final PlanePosition p = positions.get(index);
		return title + ", time point " + (p.frame() + 1) + (p.channel() > 0 ? ", channel " + p.channel() : "") + " (volume of "
			+ depth + " slices)";
	}

	@Override
	public PlaneReader newReader() throws IOException {
		final PlaneReader reader = planes.newReader();
		return new PlaneReader() {
			@Override
			public Volume read(final int index) throws IOException {
				final int[] idx = volumes.get(index);
				final List<Object> slices = new ArrayList<>(idx.length);
				for (final int i : idx) {
					final Plane p = (Plane) reader.read(i);
					slices.add(copyIfShared(p.pixels()));
				}
				return Volume.ofSlices(slices, width, height);
			}

			@Override
			public void close() throws IOException {
				reader.close();
			}
		};
	}

	/** The plane reader reuses its RGB buffer: a volume needs each slice's own array. */
	private Object copyIfShared(final Object pixels) {
		return planes.reusesBuffers() ? copy(pixels) : pixels;
	}

	private static Object copy(final Object a) {
		if (a instanceof byte[])
			return ((byte[]) a).clone();
		if (a instanceof short[])
			return ((short[]) a).clone();
		return ((float[]) a).clone();
	}
}
