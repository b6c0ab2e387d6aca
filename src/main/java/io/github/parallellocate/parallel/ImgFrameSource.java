package io.github.parallellocate.parallel;

import io.github.parallellocate.core.Images;
import io.github.parallellocate.core.PixelType;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The frames of an ImgLib2 image (a SciJava {@code #@ Img}, a dataset's
 * image): planes ({@code ndim} 2) or volumes ({@code ndim} 3), one per
 * position of the further dimensions ({@link Images#frame}: zero copy for
 * {@code ArrayImg}s and {@code PlanarImg}s, a copy of a
 * {@code Views.hyperSlice} otherwise). The caller orders the dimensions
 * x, y(, z) first (e.g. with {@code Views.permute} from an axis-typed
 * dataset).
 */
public final class ImgFrameSource implements PlaneSource {

	private final RandomAccessibleInterval<?> img;
	private final int ndim;
	private final int size;
	private final String name;

	/**
	 * @param img the image, dimensions x, y(, z), then frame dimensions
	 * @param ndim 2 (planes) or 3 (volumes)
	 * @param name what messages call the image
	 * @throws IllegalArgumentException for an unsupported pixel type, too few
	 *           dimensions or more than 2^31 - 1 frames
	 */
	public <T extends RealType<T>> ImgFrameSource(final RandomAccessibleInterval<T> img, final int ndim, final String name) {
		final long n = Images.frameCount(img, ndim);
		final PixelType type = Images.pixelType(img.getType());
		if (n > Integer.MAX_VALUE)
			throw new IllegalArgumentException(name + ": too many frames (" + n + ")");
		this.img = img;
		this.ndim = ndim;
		this.size = (int) n;
		this.name = name + " (" + type + ")";
	}

	@Override
	public int size() {
		return size;
	}

	@Override
	public int ndim() {
		return ndim;
	}

	@Override
	public long framePixels() {
		long n = 1;
		for (int d = 0; d < ndim; d++)
			n *= img.dimension(d);
		return n;
	}

	@Override
	public String describe(final int index) {
		return name + ", " + (ndim == 3 ? "volume " : "plane ") + (index + 1) + " of " + size;
	}

	@Override
	public PlaneReader newReader() {
		return index -> Images.frame(img, ndim, index);
	}
}
