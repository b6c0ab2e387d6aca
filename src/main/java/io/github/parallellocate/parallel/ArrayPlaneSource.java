package io.github.parallellocate.parallel;

import java.util.List;
import io.github.parallellocate.core.Image;

/** Planes or volumes already in memory (all of one dimensionality). */
public final class ArrayPlaneSource implements PlaneSource {

	private final List<? extends Image> images;
	private final int ndim;

	/**
	 * @throws IllegalArgumentException if planes and volumes are mixed
	 */
	public ArrayPlaneSource(final List<? extends Image> images) {
		this.images = List.copyOf(images);
		ndim = this.images.isEmpty() ? 2 : this.images.get(0).ndim();
		for (final Image i : this.images)
			if (i.ndim() != ndim)
				throw new IllegalArgumentException("frames must all be planes or all be volumes");
	}

	@Override
	public int size() {
		return images.size();
	}

	@Override
	public int ndim() {
		return ndim;
	}

	@Override
	public long framePixels() {
		return images.isEmpty() ? 0 : images.get(0).pixelCount();
	}

	@Override
	public String describe(final int index) {
		return (ndim == 2 ? "plane " : "volume ") + (index + 1) + " of " + images.size();
	}

	@Override
	public PlaneReader newReader() {
		return images::get;
	}
}
