package io.github.parallellocate.core;

import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * trackpy's {@code locate} on one plane or one volume: the band pass
 * (Gaussian {@code noise_size} and boxcar {@code smoothing_size} per axis,
 * rescaled to integers), local maxima above a percentile in a dilation box
 * per axis, centre-of-mass refinement in the elliptical mask
 * {@code sum (x_i / r_i)^2 <= 1} with the 0.6 px shift rule per axis,
 * duplicate removal with per-axis {@code separation}, the {@code minmass}/
 * {@code maxsize} filters, {@code topn} (numpy's introsort, as trackpy's
 * {@code argsort}), and the static error from the background noise: each
 * stage reproducing trackpy's numerics, so that the features and their
 * values equal trackpy's (see docs/parity.md for what is compared and the
 * few deliberate deviations).
 * <ul>
 * <li>Planes with isotropic parameters run a fast path tuned for 2D;
 * volumes and per-axis parameters (anisotropic 2D) run the N-dimensional
 * path. Both give trackpy's numbers.</li>
 * <li>Per-axis parameters are resolved against each image
 * ({@link PerAxis#resolve}, trackpy's {@code validate_tuple}): a number
 * applies to every axis; 3 values need a volume, 2 a plane.</li>
 * </ul>
 * <p>
 * Measurements, as trackpy's numba engines compute them on the integer
 * (band-passed, rescaled) image {@code I} over the mask pixels at the final
 * position, with offsets {@code d_i} from the mask's centre:
 * {@code mass = sum I}; {@code size = sqrt(sum (sum_i d_i^2) I / mass)},
 * or per axis (anisotropic diameter) {@code size_i = sqrt(ndim * sum d_i^2 I /
 * mass)}; {@code ecc = sqrt((sum cos(2t) I)^2 + (sum sin(2t) I)^2) / (mass -
 * I_centre + 1e-6)} with {@code t = atan2(dy, dx)} in 2D (the 1e-6 is
 * trackpy's), NaN in 3D; {@code signal = max I}; {@code raw_mass} = sum of
 * the raw (inverted) image; mass and signal are then divided by the rescale
 * factor. Static error: {@code ep = noise / (raw_mass - N * black) *
 * noise_size * sqrt(sum d_0^2)}, per axis {@code ep_i = noise / (raw_mass - N
 * * black) * (noise_size_i * sqrt(sum d_i^2))}, with {@code N} the mask's
 * pixel count and {@code black}, {@code noise} the mean and standard
 * deviation of the raw image outside the mask-dilated non-zero pixels.
 * </p>
 * <p>
 * <b>Not thread-safe, by contract:</b> a locator owns the full-frame buffers it
 * reuses from image to image, so that locating allocates nothing proportional
 * to the image. Use one locator per worker thread; the parallel engine does.
 * </p>
 * <p>
 * Deliberate choices where trackpy is undefined or wrong: non-finite pixels
 * of float images (NaN, &plusmn;Inf) are read as 0; each feature gets its own
 * per-axis {@code ep} (trackpy bug #609 misaligns them); a diameter larger
 * than the image is refused.
 * </p>
 */
public final class FeatureLocator {

	private final LocateParameters params;
	private PlaneLocator plane; // made on first use
	private NdLocator nd2, nd3;
	private StageTimes times;
	private Splitter splitter = Splitter.SERIAL;
	/** The pixels (voxels) of an image from which the next image's helpers are asked for before it is read ({@link #standby}). */
	static final long STANDBY_PIXELS = 1 << 18;
	private long lastPixels; // of the last image located

	/**
	 * A locator for the given parameters.
	 *
	 * @throws IllegalArgumentException if a diameter is below 3 on some axis
	 */
	public FeatureLocator(final LocateParameters params) {
		this.params = params;
		final PerAxis d = params.diameter();
		for (int i = 0; i < d.size(); i++)
			if (d.get(i) / 2 < 1)
				throw new IllegalArgumentException("diameter must be at least 3, got " + d);
	}

	/** The parameters this locator runs with. */
	public LocateParameters parameters() {
		return params;
	}

	/** The output columns for images of {@code ndim} dimensions ({@link FeatureColumns#of(LocateParameters, int)}). */
	public FeatureColumns columns(final int ndim) {
		return FeatureColumns.of(params, ndim);
	}

	/**
	 * Lets the work on one image (row bands of the band pass and of the
	 * maxima, ranges of features) run on up to {@code parallelism} threads: the
	 * calling one and helpers from {@code executor} (null, or a parallelism of
	 * 1: all on the calling thread). The features are the same, bit for bit.
	 * A helper that the executor starts late finds nothing left to do, so any
	 * executor is safe, even one whose threads are busy.
	 */
	public void setExecutor(final java.util.concurrent.Executor executor, final int parallelism) {
		splitter = new Splitter(executor, parallelism);
		if (plane != null)
			plane.setSplitter(splitter);
		if (nd2 != null)
			nd2.setSplitter(splitter);
		if (nd3 != null)
			nd3.setSplitter(splitter);
	}

	/**
	 * Call before reading the next image: when this locator's last image was
	 * large enough for its first stage to be split ({@link
	 * #STANDBY_PIXELS}), the helpers that stage will want are asked for now
	 * and wait for it, so that their start overlaps the read. Nothing when
	 * serial. The features do not change.
	 */
	public void standby() {
		if (splitsFramesOf(lastPixels))
			splitter.standby();
	}

	/**
	 * Whether images of {@code pixels} pixels (voxels) are large enough for
	 * the work of one to be split among threads from its start: their
	 * helpers are asked for before they are read ({@link #standby}).
	 */
	public static boolean splitsFramesOf(final long pixels) {
		return pixels >= STANDBY_PIXELS;
	}

	/** Helpers working on this locator's image or waiting for its next split (tests). */
	int attachedHelpers() {
		return splitter.attached();
	}

	/** Accumulate per-stage wall time into {@code t} (null to stop timing). */
	public void setStageTimes(final StageTimes t) {
		times = t;
		if (plane != null)
			plane.setStageTimes(t);
		if (nd2 != null)
			nd2.setStageTimes(t);
		if (nd3 != null)
			nd3.setStageTimes(t);
	}

	/**
	 * Locates the features of one plane or volume.
	 *
	 * @return the features in trackpy's row order (row-major order of the
	 *         maxima, or ascending mass when {@code topn} cut the list)
	 * @throws IllegalArgumentException if the parameters do not fit the
	 *           image: per-axis values for another number of dimensions, a
	 *           diameter larger than the image
	 */
	public List<Feature> locate(final Image image) {
		params.requireFits(image);
		lastPixels = image.pixelCount();
		try {
			return locateWith(image);
		}
		finally {
			splitter.idle(); // helpers waiting for a next split of this image: there is none
		}
	}

	private List<Feature> locateWith(final Image image) {
		if (image instanceof Plane p && PlaneLocator.handles(params)) {
			if (plane == null) {
				plane = new PlaneLocator(params);
				plane.setStageTimes(times);
				plane.setSplitter(splitter);
			}
			return plane.locate(p);
		}
		if (image.ndim() == 2) {
			if (nd2 == null) {
				nd2 = new NdLocator(params, 2);
				nd2.setStageTimes(times);
				nd2.setSplitter(splitter);
			}
			return nd2.locate(image);
		}
		if (nd3 == null) {
			nd3 = new NdLocator(params, 3);
			nd3.setStageTimes(times);
			nd3.setSplitter(splitter);
		}
		return nd3.locate(image);
	}

	/** {@link #locate(Image)} for a plane. */
	public List<Feature> locate(final Plane plane) {
		return locate((Image) plane);
	}

	/**
	 * Locates the features of a 2D or 3D ImgLib2 image (dimensions x, y(, z);
	 * {@link Images#of}: zero copy for {@code ArrayImg} and {@code PlanarImg}).
	 *
	 * @throws IllegalArgumentException for other dimensionalities or pixel
	 *           types, or parameters that do not fit the image
	 */
	public <T extends RealType<T>> List<Feature> locate(final RandomAccessibleInterval<T> img) {
		return locate(Images.of(img));
	}
}
