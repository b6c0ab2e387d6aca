package io.github.parallellocate.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * The volumes of a movie stored as pages: every {@code slices} consecutive
 * frames of a {@link FileFrameSource} (after the channel choice: the Z slices
 * of one time point of an ImageJ hyperstack, or {@code --slices N} pages of
 * any other input) form one {@link Volume}, frame {@code t} of this source.
 * Each worker reads the slices of its volume itself.
 */
public final class VolumeSource implements PlaneSource {

	private final FileFrameSource pages;
	private final int slices;

	/**
	 * @throws IllegalArgumentException if the number of pages is not a multiple of {@code slices}
	 */
	public VolumeSource(final FileFrameSource pages, final int slices) {
		if (slices < 1)
			throw new IllegalArgumentException("slices must be at least 1, got " + slices);
		if (pages.size() % slices != 0)
			throw new IllegalArgumentException(pages.describe(0).replaceFirst(", page.*", "") + ": " + pages.size() + (pages.size() == 1 ? " page is" : " pages are")
				+ " not a whole number of volumes of " + slices + " slices");
		this.pages = pages;
		this.slices = slices;
	}

	/** Z slices per volume. */
	public int slices() {
		return slices;
	}

	/** The pages. */
	public FileFrameSource pages() {
		return pages;
	}

	@Override
	public int ndim() {
		return 3;
	}

	@Override
	public long framePixels() {
		return pages.framePixels() * slices;
	}

	@Override
	public int size() {
		return pages.size() / slices;
	}

	/** {@code "stack.tif, volume 3 (pages 121-160)"}. */
	@Override
	public String describe(final int index) {
		final String first = pages.describe(index * slices);
		final String last = pages.describe(index * slices + slices - 1);
		final int comma = first.indexOf(", page ");
		if (comma >= 0 && last.startsWith(first.substring(0, comma + 7)))
			return first.substring(0, comma) + ", volume " + index + " (pages " + first.substring(comma + 7) + "-" + last.substring(comma + 7) + ")";
		return "volume " + index + " (" + first + " to " + last + ")";
	}

	@Override
	public PlaneReader newReader() throws IOException {
		final PlaneReader reader = pages.newReader();
		return new PlaneReader() {
			/** Set once the pages' reader is seen reusing its buffer: every slice is then copied. */
			private boolean copy;

			@Override
			public Image read(final int index) throws IOException {
				List<Plane> planes = readSlices(index);
				if (planes == null) {
					copy = true;
					planes = readSlices(index);
				}
				return Volume.ofPlanes(planes);
			}

			/** The slices, or null if two share an array (a reader that reuses its buffer). */
			private List<Plane> readSlices(final int index) throws IOException {
				final List<Plane> planes = new ArrayList<>(slices);
				final Map<Object, Boolean> arrays = new IdentityHashMap<>();
				for (int z = 0; z < slices; z++) {
					final Plane p = reader.read(index * slices + z).asPlane();
					if (copy)
						planes.add(copy(p));
					else if (arrays.put(p.pixels(), Boolean.TRUE) != null)
						return null;
					else
						planes.add(p);
				}
				return planes;
			}

			@Override
			public void close() throws IOException {
				reader.close();
			}
		};
	}

	private static Plane copy(final Plane p) {
		final Object px = p.pixels();
		final Object c = px instanceof byte[] ? ((byte[]) px).clone() : px instanceof short[] ? ((short[]) px).clone() : ((float[]) px).clone();
		return Plane.of(c, p.width(), p.height());
	}
}
