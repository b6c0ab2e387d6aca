package io.github.parallellocate.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The N-dimensional path of {@link FeatureLocator}: trackpy's {@code locate}
 * on volumes, and on planes with per-axis parameters, every step per axis as
 * trackpy's source does it. A plane is held as a volume of depth 1 whose z
 * axis does nothing (no Gaussian, no boxcar, radius 0, a dilation box of 1),
 * while every constant that depends on the number of dimensions (the
 * dilation box {@code int(2 sep / sqrt(ndim))}, the {@code ndim} factor of
 * anisotropic sizes) uses the image's true {@code ndim}.
 * <ol>
 * <li>Band pass ({@code preprocessing.bandpass}): the boxcar
 * ({@code uniform_filter1d}, mode 'nearest') per axis with
 * {@code smoothing_size > 1}, axis 0 first, in the image's type (running sum
 * in doubles, the quotient truncated to integers or rounded to float32 after
 * each axis); the Gaussian ({@code correlate1d}, mode 'constant') per axis
 * with {@code noise_size > 0}, axis 0 first, in doubles, the symmetric sum
 * from the outermost pair in; {@code lowpass - boxcar} kept where {@code >=
 * threshold}; {@code convert_to_int}.</li>
 * <li>Maxima ({@code find.grey_dilation}): above the percentile of the
 * non-zero pixels, equal to the maximum of the box of side
 * {@code int(2 separation_i / sqrt(ndim))} per axis, placed as scipy places
 * an even box ({@code [p - (S-1)/2, p + S/2]}), outside the per-axis margin
 * {@code max(r_i, separation_i // 2 - 1, smoothing_size_i // 2)}.</li>
 * <li>Refinement (trackpy's numba {@code _numba_refine_2D*} and
 * {@code _numba_refine_3D}): centroid of the elliptical mask
 * {@code sum (d_i / r_i)^2 <= 1}; when the centroid is more than
 * {@value #SHIFT_THRESH} px off the centre along an axis, the mask moves one
 * pixel that way (clamped to {@code [r_i, shape_i - r_i - 1]}), at most
 * {@code max_iterations} times.</li>
 * <li>Duplicates ({@code find.where_close}), filters, {@code topn}
 * ({@link NumpySort#argsort}), noise and static error
 * ({@code uncertainty.measure_noise}, {@code _static_error}).</li>
 * </ol>
 * <p>
 * Speed, with the same numbers: the band pass is streamed ({@link
 * VolumeBandpass}); the maxima are a separable dilation on the Vector API
 * ({@link VectorMaxima3d}) when the JVM has it, else screened by whole rows
 * before the box test; only features above {@code minmass} go to duplicate removal and only
 * the survivors are characterised ({@link #refineAndFilter}); the noise
 * estimate works on bits. With a {@link Splitter} of several threads every
 * stage splits one image's work (boxes of the band pass; ranges of rows of
 * the integer image, the maxima and the noise estimate, or slabs of slices
 * for the maxima by dilation; ranges of features),
 * each part with its own output, merged in part order, so the features are
 * the same bit for bit on any number of threads ({@code NdSplitAgreesTest}).
 * </p>
 */
final class NdLocator {

	/** trackpy's {@code shift_thresh}: the centroid offset (px) beyond which the mask moves. */
	static final double SHIFT_THRESH = 0.6;
	/** trackpy's {@code where_close}: pairs closer than {@code 1 - 1e-7} separations are duplicates. */
	static final double CLOSE = 1 - 1e-7;
	/** trackpy's regulariser in the eccentricity's denominator. */
	static final double ECC_EPSILON = 1e-6;

	private final LocateParameters params;
	private final int ndim;
	// per axis z, y, x (a plane: the z entries are neutral)
	private final int[] radius = new int[3];
	private final double[] separation = new double[3];
	private final double[] noiseSize = new double[3];
	private final int[] smoothing = new int[3];
	private final double[][] kernels = new double[3][];
	private final int[] boxLo = new int[3], boxHi = new int[3];
	private final double[] margin = new double[3];
	private final boolean anisotropic, epPerAxis, dropDuplicates;
	// the mask: offsets from the box corner, per mask pixel, in numpy's nonzero order
	private final int[] mz, my, mx;
	private final int nMask;
	private final long[] r2; // sum of squared offsets from the centre
	private final long[][] axis2; // per axis: ndim * d_i^2
	private final double[] cos2, sin2; // 2D only
	private final double[] coordMoments = new double[3]; // sqrt(sum over the mask of d_i^2)
	private final int[][] halfWidth; // [dz + rz][dy + ry]: largest |dx| in the mask, -1 if none
	private StageTimes times;
	private Splitter splitter = Splitter.SERIAL;
	private final VolumeBandpass volumeBandpass;
	/**
	 * The Vector API's kernels ({@link VectorRows}, {@link VectorMaxima3d}):
	 * the integer image's truncation and bits, and the maxima by a separable
	 * dilation.
	 */
	private boolean vector; // for this image
	/** The kernels a test asked for (null: the vector ones once compiled, {@link Simd#useVector()}). */
	private final Boolean forced;
	private int maximaZParts, maximaYParts; // tests: the maxima's split (0: automatic)

	// per-image buffers, reused
	private float[] rawF = new float[0];
	/**
	 * The thresholded band pass, before rescaling, a slice an array: the
	 * arrays are allocated (and so zeroed by the JVM) in parallel, so that a
	 * fresh locator's first volume does not clear it all on one thread.
	 */
	private double[][] low = new double[0][];
	private float[] bgF = new float[0];
	private int[] img = new int[0];
	private double[] line = new double[0], lineOut = new double[0], colSum = new double[0];
	private int[] offsets = new int[0];
	private float[] tmpF = new float[0];
	private double[][] scaled = new double[0][0];
	private int offsetsW = -1, offsetsH = -1;
	private float[] bgPixels = new float[0];
	/** The integer image's counts: the whole volume's, and each worker's but the first while they are counted ({@link #quantizeAndCount}). */
	private final Histogram values = new Histogram();
	private Histogram[] partCounts = new Histogram[0];
	/** Where the next volume's percentile is expected: the vector kernels count its values in a window around it. */
	private final PercentileWindow window = new PercentileWindow();
	/** The last volume's percentile threshold ({@link #percentile}; NaN: none, no pixel is above 0). */
	private double percentileThreshold = Double.NaN;
	/** The single pass ({@link #onePass}): the maximum each row was truncated with, the probe's keys. */
	private double[] usedMax = new double[0], probeKeys = new double[0];
	private int[] probeBoxes = new int[0]; // the probe's boxes: slices from, to, rows from, to
	private double lastProbe = Double.NaN;
	private int probes = 4, staleSlices, twoPassesFor;
	/** Rows a probe key covers (see {@link #probe}). */
	private static final int PROBE_BLOCK = 8;
	/** The smallest volume of the single pass (smaller volumes' rows of doubles stay in the cache). */
	static final int ONE_PASS_VOXELS = Bandpass.ONE_PASS_PIXELS;
	private int[][] partHits = new int[0][];
	private float[][] partFloats = new float[0][];
	private Feats fs = new Feats(64);
	/** The black level and noise of the last volume's background ({@link #refineAndFilter} measures them). */
	private double[] backgroundNoise = { Double.NaN, Double.NaN };
	/** The time spent measuring the noise (beside the filtering) in the last {@link #refineAndFilter}. */
	private long noiseNanos;

	NdLocator(final LocateParameters params, final int ndim) {
		this(params, ndim, null);
	}

	/**
	 * With the maxima by a separable dilation on the Vector API ({@code
	 * vector}, only if {@link Simd#enabled()}) or by the screen and box test:
	 * the same maxima.
	 */
	NdLocator(final LocateParameters params, final int ndim, final Boolean vector) {
		this.forced = Simd.forced(vector);
		Simd.prepare();
		this.params = params;
		this.ndim = ndim;
		final double[] d = params.diameter().resolve(ndim, "diameter");
		final double[] sep = params.separation().resolve(ndim, "separation");
		final double[] ns = params.noiseSize().resolve(ndim, "noise_size");
		final double[] sm = params.smoothingSize().resolve(ndim, "smoothing_size");
		final int o = 3 - ndim;
		radius[0] = 0;
		separation[0] = 0;
		noiseSize[0] = 0;
		smoothing[0] = 1;
		for (int i = 0; i < ndim; i++) {
			radius[o + i] = (int) d[i] / 2;
			separation[o + i] = sep[i];
			noiseSize[o + i] = ns[i];
			smoothing[o + i] = (int) sm[i];
		}
		for (int a = 0; a < 3; a++) {
			kernels[a] = noiseSize[a] > 0 ? Bandpass.gaussianKernel(noiseSize[a], 4.0) : null;
			if (a < o) {
				boxLo[a] = boxHi[a] = 0;
				margin[a] = 0;
				continue;
			}
			// trackpy: the box's side is int(2 * separation / sqrt(ndim)) (at least 1)
			final int s = Math.max(1, (int) (2 * separation[a] / Math.sqrt(ndim)));
			boxLo[a] = (s - 1) / 2;
			boxHi[a] = s / 2;
			// trackpy: margin = max(radius, separation // 2 - 1, smoothing_size // 2)
			margin[a] = Math.max(Math.max(radius[a], Math.floor(separation[a] / 2) - 1), smoothing[a] / 2);
		}
		anisotropic = params.isAnisotropic();
		epPerAxis = params.isEpPerAxis();
		boolean allPositive = true;
		for (int i = 0; i < ndim; i++)
			allPositive &= sep[i] > 0;
		dropDuplicates = allPositive;

		// trackpy's binary_mask: sum over axes of (d_i / r_i)^2 <= 1, row-major
		final int rz = radius[0], ry = radius[1], rx = radius[2];
		final int sz = 2 * rz + 1, sy = 2 * ry + 1, sx = 2 * rx + 1;
		final List<int[]> pts = new ArrayList<>();
		halfWidth = new int[sz][sy];
		for (final int[] row : halfWidth)
			Arrays.fill(row, -1);
		for (int z = 0; z < sz; z++)
			for (int y = 0; y < sy; y++)
				for (int x = 0; x < sx; x++) {
					double s = 0;
					if (ndim == 3)
						s += sq((double) (z - rz) / rz);
					s += sq((double) (y - ry) / ry);
					s += sq((double) (x - rx) / rx);
					if (s <= 1) {
						pts.add(new int[] { z, y, x });
						halfWidth[z][y] = Math.max(halfWidth[z][y], Math.abs(x - rx));
					}
				}
		nMask = pts.size();
		mz = new int[nMask];
		my = new int[nMask];
		mx = new int[nMask];
		r2 = new long[nMask];
		axis2 = new long[3][nMask];
		cos2 = new double[nMask];
		sin2 = new double[nMask];
		final long[] sum2 = new long[3];
		for (int k = 0; k < nMask; k++) {
			final int[] p = pts.get(k);
			mz[k] = p[0];
			my[k] = p[1];
			mx[k] = p[2];
			final long dz = p[0] - rz, dy = p[1] - ry, dx = p[2] - rx;
			r2[k] = dz * dz + dy * dy + dx * dx;
			axis2[0][k] = ndim * dz * dz;
			axis2[1][k] = ndim * dy * dy;
			axis2[2][k] = ndim * dx * dx;
			sum2[0] += dz * dz;
			sum2[1] += dy * dy;
			sum2[2] += dx * dx;
			// trackpy's theta_mask: arctan2(y - ry, x - rx)
			final double theta = Math.atan2(dy, dx);
			cos2[k] = Math.cos(2 * theta);
			sin2[k] = Math.sin(2 * theta);
		}
		for (int a = 0; a < 3; a++)
			coordMoments[a] = Math.sqrt(sum2[a]);
		volumeBandpass = new VolumeBandpass(kernels, smoothing, vector);
		// the dilation's mask rows (dz, dy) with their half-widths, widest first (they cover most)
		final List<int[]> rows = new ArrayList<>();
		for (int dz = -rz; dz <= rz; dz++)
			for (int dy = -ry; dy <= ry; dy++)
				if (halfWidth[dz + rz][dy + ry] >= 0)
					rows.add(new int[] { dz, dy, halfWidth[dz + rz][dy + ry] });
		rows.sort((a, b) -> b[2] != a[2] ? Integer.compare(b[2], a[2])
			: Integer.compare(Math.abs(a[0]) + Math.abs(a[1]), Math.abs(b[0]) + Math.abs(b[1])));
		maskRows = rows.toArray(new int[0][]);
		// the mask's rows, box coordinates: z, y and the run x0..x1
		final List<int[]> runs = new ArrayList<>();
		for (int z = 0; z <= 2 * rz; z++)
			for (int y = 0; y <= 2 * ry; y++)
				if (halfWidth[z][y] >= 0)
					runs.add(new int[] { z, y, rx - halfWidth[z][y], rx + halfWidth[z][y] });
		rowZ = new int[runs.size()];
		rowY = new int[runs.size()];
		rowX0 = new int[runs.size()];
		rowX1 = new int[runs.size()];
		rowOffsets = new int[runs.size()];
		for (int r = 0; r < runs.size(); r++) {
			rowZ[r] = runs.get(r)[0];
			rowY[r] = runs.get(r)[1];
			rowX0[r] = runs.get(r)[2];
			rowX1[r] = runs.get(r)[3];
		}
	}

	private final int[] rowZ, rowY, rowX0, rowX1, rowOffsets;

	private final int[][] maskRows;

	/** Lets the work on one image run on the splitter's threads (the features are the same). */
	void setSplitter(final Splitter s) {
		splitter = s == null ? Splitter.SERIAL : s;
	}

	/** Tests: split the band pass into bands of rows (or else slabs of slices) whatever the volume's shape. */
	void splitRowBands(final boolean b) {
		volumeBandpass.split(b ? 2 : 1);
	}

	/** The integer image (band pass or not), its histogram and non-zero bits; returns the scale. */
	private double integerImage(final Image image) {
		vector = Simd.choose(forced);
		percentileThreshold = Double.NaN;
		final int w = image.width(), h = image.height(), dep = image.depth();
		final int n = w * h * dep;
		final PixelType type = image.type();
		// a fresh locator's integer image is allocated (and zeroed by the JVM) alongside the band pass
		final boolean alongside = params.preprocess() && img.length < n;
		if (!alongside && img.length < n)
			img = ScratchPool.ints(n);
		load(image, params.invert());
		if (params.preprocess())
			return bandpass(w, h, dep, type);
		final double scale = withoutPreprocessing(n, type);
		quantizeAndCount(w, h, h * dep, type.gamut(), Double.NaN);
		return scale;
	}

	/** Tests: the local maxima of {@code image} (before refinement), {@code z, y, x} each, in order. */
	int[] maxima(final Image image) {
		integerImage(image);
		fs.n = 0;
		findMaxima(image.width(), image.height(), image.depth());
		final int[] out = new int[3 * fs.n];
		for (int i = 0; i < fs.n; i++) {
			out[3 * i] = fs.cz[i];
			out[3 * i + 1] = fs.cy[i];
			out[3 * i + 2] = fs.cx[i];
		}
		return out;
	}

	private static double sq(final double v) {
		return v * v;
	}

	void setStageTimes(final StageTimes t) {
		times = t;
	}

	List<Feature> locate(final Image image) {
		if (image.ndim() != ndim)
			throw new IllegalArgumentException("a " + ndim + "D locator got a " + image.ndim() + "D image");
		final int w = image.width(), h = image.height(), dep = image.depth();
		final int n = w * h * dep;
		final PixelType type = image.type();
		final boolean integer = type.isInteger();
		final long t0 = System.nanoTime();
		final double scale = integerImage(image);
		final long t1 = System.nanoTime();
		stage(StageTimes.Stage.BANDPASS, t1 - t0);

		fs.n = 0;
		findMaxima(w, h, dep);
		final long t2 = System.nanoTime();
		stage(StageTimes.Stage.MAXIMA, t2 - t1);

		final boolean characterize = params.characterize();
		if (offsetsW != w || offsetsH != h) {
			if (offsets.length < nMask)
				offsets = new int[nMask];
			for (int i = 0; i < nMask; i++)
				offsets[i] = (mz[i] * h + my[i]) * w + mx[i];
			for (int r = 0; r < rowOffsets.length; r++)
				rowOffsets[r] = (rowZ[r] * h + rowY[r]) * w;
			offsetsW = w;
			offsetsH = h;
		}
		// the background noise (for ep) is measured on the helper threads beside the serial steps of the filtering:
		// it reads only the raw image and the non-zero bits; measured only when there may be features
		final boolean measure = characterize && fs.n > 0;
		noiseNanos = 0;
		final int[] kept = refineAndFilter(w, h, dep, integer, characterize, scale, measure);
		final long t3 = System.nanoTime();
		stage(StageTimes.Stage.REFINE, t3 - t2 - noiseNanos);

		final List<Feature> out = new ArrayList<>(kept.length);
		double black = Double.NaN, noise = Double.NaN;
		if (characterize && kept.length > 0) {
			black = backgroundNoise[0];
			noise = backgroundNoise[1];
		}
		final int o = 3 - ndim;
		for (final int i : kept) {
			final double[] pos = new double[ndim];
			for (int a = 0; a < ndim; a++)
				pos[a] = fs.pos[o + a][i];
			if (!characterize) {
				out.add(Feature.of(pos, fs.mass[i], new double[] { Double.NaN }, Double.NaN, Double.NaN, Double.NaN,
					new double[] { Double.NaN }));
				continue;
			}
			final double[] size;
			if (anisotropic) {
				size = new double[ndim];
				for (int a = 0; a < ndim; a++)
					size[a] = fs.size[o + a][i];
			}
			else {
				size = new double[] { fs.size[0][i] };
			}
			// trackpy: mass = raw_mass - N * black; N_S = noise / mass;
			// ep = N_S * noise_size[0] * moments[0], or per axis N_S * (noise_size * moments)
			final double massBg = fs.rawMass[i] - nMask * black;
			final double ns = noise / massBg;
			final double[] ep;
			if (epPerAxis) {
				ep = new double[ndim];
				for (int a = 0; a < ndim; a++)
					ep[a] = ns * (noiseSize[o + a] * coordMoments[o + a]);
			}
			else {
				ep = new double[] { ns * noiseSize[o] * coordMoments[o] };
			}
			out.add(Feature.of(pos, fs.mass[i], size, ndim == 2 ? fs.ecc[i] : Double.NaN, fs.signal[i], fs.rawMass[i], ep));
		}
		stage(StageTimes.Stage.NOISE, System.nanoTime() - t3 + noiseNanos);
		// the integer image back to the pool, as the band pass's slices
		ScratchPool.give(img);
		img = new int[0];
		if (times != null)
			times.frameDone();
		return out;
	}

	private void stage(final StageTimes.Stage s, final long ns) {
		if (times != null)
			times.add(s, ns);
	}

	// ---------------------------------------------------------------- input

	/**
	 * Binds the raw image: an integer image is read where it is ({@link
	 * #rawInt}, and by the band pass slice by slice); a float image is loaded
	 * into {@link #rawF} after {@code invert} ({@code 1 - v}, non-finite read
	 * as 0). Without preprocessing an integer image is loaded after {@code
	 * invert} ({@code max - v}) straight into the integer image.
	 */
	private void load(final Image image, final boolean invert) {
		final int w = image.width(), h = image.height(), d = image.depth(), slice = w * h, n = slice * d;
		final PixelType type = image.type();
		if (srcArrays.length < d) {
			srcArrays = new Object[d];
			srcOffsets = new int[d];
		}
		for (int z = 0; z < d; z++) {
			if (image instanceof Volume v) {
				srcArrays[z] = v.sliceArray(z);
				srcOffsets[z] = v.sliceOffset(z);
			}
			else {
				srcArrays[z] = ((Plane) image).pixels();
				srcOffsets[z] = 0;
			}
		}
		srcSlice = slice;
		srcType = type;
		srcInvert = invert;
		final int[] target;
		if (type.isInteger()) {
			if (params.preprocess())
				return;
			target = img;
		}
		else {
			if (rawF.length < n)
				rawF = new float[n];
			target = null;
		}
		final int parts = splitter.parts(d, 4, 2);
		splitter.run(parts, i -> {
			for (int z = Splitter.bound(i, parts, d), end = Splitter.bound(i + 1, parts, d); z < end; z++)
				loadSlice(type, invert, z, slice, target);
		});
	}

	private Object[] srcArrays = new Object[0];
	private int[] srcOffsets = new int[0];
	private int srcSlice;
	private PixelType srcType;
	private boolean srcInvert;

	/** The raw integer image's value at linear index {@code i}, after {@code invert}. */
	private int rawInt(final int i) {
		final int z = i / srcSlice;
		return rawAt(srcArrays[z], srcOffsets[z] + i - z * srcSlice);
	}

	/** The integer raw image's value at index {@code at} of a slice's array {@code slice} (inverted if asked). */
	private int rawAt(final Object slice, final int at) {
		if (srcType == PixelType.UINT8) {
			final int v = ((byte[]) slice)[at] & 0xff;
			return srcInvert ? 255 - v : v;
		}
		final int v = ((short[]) slice)[at] & 0xffff;
		return srcInvert ? 65535 - v : v;
	}

	private void loadSlice(final PixelType type, final boolean invert, final int z, final int slice, final int[] target) {
		final Object a = srcArrays[z];
		final int off = srcOffsets[z];
		final int dst = z * slice;
		switch (type) {
			case UINT8: {
				final byte[] px = (byte[]) a;
				final int[] r = target;
				if (invert)
					for (int i = 0; i < slice; i++)
						r[dst + i] = 255 - (px[off + i] & 0xff);
				else
					for (int i = 0; i < slice; i++)
						r[dst + i] = px[off + i] & 0xff;
				break;
			}
			case UINT16: {
				final short[] px = (short[]) a;
				final int[] r = target;
				if (invert)
					for (int i = 0; i < slice; i++)
						r[dst + i] = 65535 - (px[off + i] & 0xffff);
				else
					for (int i = 0; i < slice; i++)
						r[dst + i] = px[off + i] & 0xffff;
				break;
			}
			default: {
				final float[] px = (float[]) a;
				final float[] r = rawF;
				for (int i = 0; i < slice; i++) {
					float v = px[off + i];
					if (!Float.isFinite(v))
						v = 0f;
					r[dst + i] = invert ? 1f - v : v;
				}
			}
		}
	}

	// ---------------------------------------------------------------- band pass

	/**
	 * The band pass ({@link VolumeBandpass}: streamed, split into slabs),
	 * rescaled to integers with the values counted.
	 *
	 * @return trackpy's scale factor
	 */
	private double bandpass(final int w, final int h, final int d, final PixelType type) {
		final int n = w * h * d;
		final int[] shape = { d, h, w };
		final boolean integer = type.isInteger();
		float[] bg = null;
		if (!integer && (smoothing[0] > 1 || smoothing[1] > 1 || smoothing[2] > 1)) {
			// float32: the boxcar's running sums round differently wherever they start: the whole volume first
			ensureLines(Math.max(w, Math.max(h, d)));
			if (bgF.length < n)
				bgF = new float[n];
			System.arraycopy(rawF, 0, bgF, 0, n);
			for (int a = 0; a < 3; a++)
				if (smoothing[a] > 1)
					boxcarAxis(a, shape);
			bg = bgF;
		}
		final int slice = w * h;
		if (vector && (long) n >= ONE_PASS_VOXELS && h * d >= Bandpass.PROBE_MIN_ROWS) {
			// as Bandpass: after a probe that missed by far, the next volumes take two passes
			if (twoPassesFor == 0) {
				final double scale = onePass(w, h, d, type, bg);
				if (staleSlices > d / Bandpass.MISSED)
					twoPassesFor = Bandpass.AFTER_MISS;
				return scale;
			}
			twoPassesFor--;
		}
		if (low.length < d || low[0].length < slice) {
			// borrowed from the pool (a run before this one gave them back), or new: allocated (and zeroed) on the split's threads
			final double[][] slices = new double[d][];
			final int aparts = splitter.parts(d, 8, 1);
			splitter.run(aparts, i -> {
				for (int z = Splitter.bound(i, aparts, d), end = Splitter.bound(i + 1, aparts, d); z < end; z++)
					slices[z] = ScratchPool.doubles(slice);
			});
			low = slices;
		}
		final int gamut = type.gamut();
		final double max = volumeBandpass.filter(integer ? srcArrays : null, srcOffsets, srcInvert, integer ? null : rawF, bg, gamut, params.threshold(type), w, h,
			d, low, splitter, img.length < n ? () -> img = ScratchPool.ints(n) : null);
		// convert_to_int: (dtype)(gamut / max * clip(v, 0))
		final double scale = max == 0 ? 1. : gamut / max;
		quantizeAndCount(w, h, h * d, gamut, scale);
		// the band pass's slices back to the pool: the next volume (or the next run's locator) borrows them again
		for (final double[] a : low)
			ScratchPool.give(a);
		low = new double[0][];
		return scale;
	}

	/**
	 * The vector kernels' single pass for large volumes, as {@link Bandpass}'s
	 * for planes: {@link VolumeBandpass} hands over each row as soon as it is
	 * filtered, and it is truncated at once, with the largest value known then
	 * ({@link KnownMax}: at first the {@link #probe}), counted (each running
	 * box with its own counts) and its non-zero pixels marked. Slices with a
	 * row truncated with a smaller maximum than the volume's are uncounted,
	 * filtered and truncated again at the end. The rows of doubles are not
	 * written to memory and read back (32 MB each way for 64x256x256).
	 *
	 * @return trackpy's scale factor
	 */
	private double onePass(final int w, final int h, final int d, final PixelType type, final float[] bg) {
		final int n = w * h * d, rows = h * d, words = (w + 63) >>> 6, gamut = type.gamut();
		final boolean integer = type.isInteger();
		if (img.length < n)
			img = ScratchPool.ints(n);
		if (nzBits.length < rows * words)
			nzBits = new long[rows * words];
		if (usedMax.length < rows)
			usedMax = new double[rows];
		final Histogram c0 = values;
		final double threshold = params.threshold(type);
		final Object[] sl = integer ? srcArrays : null;
		final float[] rf = integer ? null : rawF;
		final double[] used = usedMax;
		final int[] im = img;
		final long[] bits = nzBits;
		final double probed = probe(w, h, d, sl, rf, bg, gamut, threshold);
		lastProbe = probed;
		final KnownMax known = new KnownMax(probed, false);
		// the scale the rows will most likely be truncated with
		window.apply(c0, gamut, probed > 0 ? gamut / probed : Double.NaN);
		volumeBandpass.filter(sl, srcOffsets, srcInvert, rf, bg, gamut, threshold, w, h, d, null, truncate(known, used, gamut, im, bits, w, h),
			c0, 0, d, 0, h, splitter, null);
		volumeBandpass.addCounts(c0);
		final double max = known.value();
		// slices with a row truncated with a smaller maximum, in runs: uncounted, then again with the volume's
		staleSlices = 0;
		final KnownMax volume = new KnownMax(max, true);
		for (int za = 0; za < d;) {
			if (!stale(used, za, h, max)) {
				za++;
				continue;
			}
			int zb = za + 1;
			while (zb < d && stale(used, zb, h, max))
				zb++;
			for (int row = za * h; row < zb * h; row++)
				c0.remove(im, row * w, w);
			volumeBandpass.filter(sl, srcOffsets, srcInvert, rf, bg, gamut, threshold, w, h, d, null, truncate(volume, used, gamut, im, bits, w, h),
				c0, za, zb, 0, h, splitter, null);
			volumeBandpass.addCounts(c0);
			staleSlices += zb - za;
			za = zb;
		}
		final double scale = max == 0 ? 1. : gamut / max;
		percentile(rows, w, scale);
		return scale;
	}

	/**
	 * The integer image's number of non-zero pixels ({@link #nonZero}) and
	 * their percentile threshold ({@link #percentileThreshold}) from its
	 * counts ({@link #values}; {@link PercentileWindow#percentile}).
	 */
	private void percentile(final int rows, final int w, final double scale) {
		values.finish();
		nonZero = (long) rows * w - values.zeros();
		if (nonZero > 0)
			percentileThreshold = window.percentile(values, nonZero, params.percentile(), scale, img, w, rows, nzBits);
	}

	/** What the single pass does with each row: truncated with the maximum known, its bits, its values counted. */
	private static VolumeBandpass.Rows truncate(final KnownMax known, final double[] used, final int gamut, final int[] im, final long[] bits,
			final int w, final int h) {
		final int words = (w + 63) >>> 6;
		return (values, z, y, ww, rowMax, c) -> {
			final double max = known.atLeast(rowMax);
			final int row = z * h + y, o = row * w;
			used[row] = max;
			VectorRows.quantize(values, 0, max == 0 ? 1. : gamut / max, im, o, w);
			c.countRow(im, o, w, bits, row * words);
		};
	}

	private static boolean stale(final double[] used, final int z, final int h, final double max) {
		for (int row = z * h; row < (z + 1) * h; row++)
			if (used[row] != max)
				return true;
		return false;
	}

	/** The last volume's integer image and its values' counts (for tests; valid until the next volume). */
	int[][] integerImage() {
		return new int[][] { img, values.finish() };
	}

	/** Volumes whose single pass's window held their percentile, and those it missed (for tests). */
	int[] windows() {
		return window.counts();
	}

	/** Slices done twice by the last single pass (for tests). */
	int staleSlices() {
		return staleSlices;
	}

	/** Tests: the last single pass's {@link #probe} (NaN before any). */
	double lastProbe() {
		return lastProbe;
	}

	/** Tests: the number of probes (0: none, so that the single pass meets larger maxima and does slices again). */
	void probes(final int p) {
		probes = p;
	}

	/**
	 * An exact value of the band pass, usually its maximum: the largest over
	 * a few small boxes (3 slices by 12 rows) around the brightest raw pixels,
	 * found by blocks of {@link #PROBE_BLOCK} rows of every other slice (one
	 * contiguous run of pixels a block: a row at a time, a 256-wide volume's
	 * 16,384 rows took 1 ms), as {@link Bandpass}'s probe. The blocks, then
	 * the boxes, are split over the threads (each box whole on one): on one
	 * thread they took 0.5-0.6 ms of a 64x256x256 volume while the other waited.
	 */
	private double probe(final int w, final int h, final int d, final Object[] sl, final float[] rf, final float[] bg, final int gamut,
			final double threshold) {
		if (probes == 0)
			return Double.NEGATIVE_INFINITY;
		final int blocks = (h + PROBE_BLOCK - 1) / PROBE_BLOCK, keys = d * blocks;
		if (probeKeys.length < keys)
			probeKeys = new double[keys];
		final double[] key = probeKeys;
		final int[] so = srcOffsets;
		final boolean inv = srcInvert;
		// the even slices' blocks (a box reaches the odd ones on either side; a spot spans slices)
		final int parts = splitter.parts(keys, 64, 4);
		splitter.run(parts, i -> {
			for (int k = Splitter.bound(i, parts, keys), end = Splitter.bound(i + 1, parts, keys); k < end; k++) {
				final int z = k / blocks, y = PROBE_BLOCK * (k % blocks), n = Math.min(PROBE_BLOCK, h - y) * w;
				key[k] = z % 2 == 1 && d > 1 ? Double.NEGATIVE_INFINITY
					: sl != null ? VectorRows.maxUnsigned(sl[z], so[z] + y * w, n, inv) : Bandpass.maxOf(rf, (z * h + y) * w, n);
			}
		});
		// the boxes around the brightest blocks, none around a block next to one chosen before
		if (probeBoxes.length < 4 * probes)
			probeBoxes = new int[4 * probes];
		final int[] box = probeBoxes;
		int n = 0;
		for (int p = 0; p < probes; p++) {
			final int best = Bandpass.brightest(key, keys);
			if (best < 0)
				break;
			final int z = best / blocks, b = best % blocks;
			for (int zz = Math.max(0, z - 1); zz <= Math.min(d - 1, z + 1); zz++)
				for (int bb = Math.max(0, b - 1); bb <= Math.min(blocks - 1, b + 1); bb++)
					key[zz * blocks + bb] = Double.NEGATIVE_INFINITY;
			final int y0 = PROBE_BLOCK * b;
			box[4 * n] = Math.max(0, z - 1);
			box[4 * n + 1] = Math.min(d, z + 2);
			box[4 * n + 2] = Math.max(0, y0 - 2);
			box[4 * n + 3] = Math.min(h, y0 + PROBE_BLOCK + 2);
			n++;
		}
		return volumeBandpass.maxOfBoxes(sl, so, inv, rf, bg, gamut, threshold, w, h, d, box, n, splitter);
	}

	/**
	 * The integer image from the band pass ({@code (int) (scale * max(v, 0))},
	 * unless {@code scale} is NaN: the image is already there), the counts of
	 * its values ({@link #values}: with the vector kernels in a window around
	 * the expected percentile, {@link PercentileWindow}), its percentile
	 * ({@link #percentile}) and the bits of its non-zero pixels ({@link
	 * #nzBits}), by ranges of rows. Row by row, in separate loops (the first
	 * vectorised): {@code floor(scale * max(v, 0))}, the same as the
	 * truncation for these non-negative products; the conversion to integers;
	 * the bits; the counts. One worker a thread, each with its own counts
	 * (cleared by the worker, merged here), taking the ranges of rows one at
	 * a time.
	 */
	private void quantizeAndCount(final int w, final int h, final int rows, final int gamut, final double scale) {
		final int parts = splitter.parts(rows, 64, 4), workers = Math.min(parts, splitter.parallelism());
		partCounts = Splitter.perPart(partCounts, workers, Histogram::new);
		final int words = (w + 63) >>> 6;
		if (nzBits.length < rows * words)
			nzBits = new long[rows * words];
		final Histogram c0 = values;
		final Histogram[] pc = partCounts;
		final boolean quantize = !Double.isNaN(scale);
		if (vector && quantize)
			window.apply(c0, gamut, scale);
		else
			c0.reset(gamut);
		final java.util.concurrent.atomic.AtomicInteger nextPart = new java.util.concurrent.atomic.AtomicInteger();
		splitter.run(workers, j -> {
			final Histogram c = j == 0 ? c0 : pc[j];
			if (j > 0)
				c.reset(gamut, c0.lo(), c0.hi());
			final int[] im = img;
			final long[] bits = nzBits;
			final double[] q = quantize ? new double[w] : null;
			final int[] v = new int[w];
			final int quantizeRows = Math.max(1, VectorRows.QUANTIZE_PIXELS / w);
			for (int i; (i = nextPart.getAndIncrement()) < parts;) {
				int quantized = 0; // the vector path: rows truncated so far
				for (int row = Splitter.bound(i, parts, rows), end = Splitter.bound(i + 1, parts, rows); row < end; row++) {
					final int o = row * w;
					if (vector) {
						// the truncation and the bits on the Vector API, straight from the band pass into the image; a run
						// of rows of one slice truncated at once (VectorRows.QUANTIZE_PIXELS)
						if (quantize && row >= quantized) {
							quantized = Math.min(end, Math.min(row + quantizeRows, (row / h + 1) * h));
							VectorRows.quantize(low[row / h], (row % h) * w, scale, im, o, (quantized - row) * w);
						}
						c.countRow(im, o, w, bits, row * words);
						continue;
					}
					if (quantize) {
						System.arraycopy(low[row / h], (row % h) * w, q, 0, w);
						floorScaled(q, scale, w);
						toInts(q, v, w);
						System.arraycopy(v, 0, im, o, w);
					}
					else {
						System.arraycopy(im, o, v, 0, w);
					}
					packNonZero(v, bits, row * words, w);
					c.countFromBits(v, 0, w, bits, row * words);
				}
			}
		});
		for (int j = 1; j < workers; j++)
			c0.addLanes(pc[j]);
		percentile(rows, w, scale);
	}

	private static void floorScaled(final double[] q, final double scale, final int w) {
		for (int x = 0; x < w; x++)
			q[x] = Math.floor(scale * Math.max(q[x], 0.));
	}

	private static void toInts(final double[] q, final int[] v, final int w) {
		for (int x = 0; x < w; x++)
			v[x] = (int) q[x];
	}

	/** The bits of a row's non-zero values, 64 a word: four chains of 16 bits (the values are never negative). */
	private static void packNonZero(final int[] v, final long[] bits, final int at, final int w) {
		int x = 0, wd = 0;
		for (; x + 64 <= w; x += 64, wd++) {
			long b0 = 0, b1 = 0, b2 = 0, b3 = 0;
			for (int bit = 0; bit < 16; bit++) {
				b0 |= (long) (-v[x + bit] >>> 31) << bit;
				b1 |= (long) (-v[x + 16 + bit] >>> 31) << 16 + bit;
				b2 |= (long) (-v[x + 32 + bit] >>> 31) << 32 + bit;
				b3 |= (long) (-v[x + 48 + bit] >>> 31) << 48 + bit;
			}
			bits[at + wd] = b0 | b1 | b2 | b3;
		}
		if (x < w) {
			long b = 0;
			for (int bit = 0; x < w; x++, bit++)
				b |= (long) (-v[x] >>> 31) << bit;
			bits[at + wd] = b;
		}
	}

	private long[] nzBits = new long[0];
	private long[][] dilated = new long[0][];
	private long nonZero;

	private double withoutPreprocessing(final int n, final PixelType type) {
		if (type.isInteger())
			return 1.; // loaded into img

		// convert_to_int on a float32 image: numpy keeps float32 arithmetic
		float max = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++)
			max = Math.max(max, rawF[i]);
		final float scale = max == 0f ? 1f : type.gamut() / max;
		for (int i = 0; i < n; i++)
			img[i] = (int) (scale * Math.max(rawF[i], 0f));
		return scale;
	}

	private void ensureLines(final int len) {
		final int pad = 2 * (len + 8);
		if (line.length < len + pad)
			line = new double[len + 2 * pad];
		if (lineOut.length < len)
			lineOut = new double[len];
	}

	/** The linear index step of axis {@code a} (0 = z, 1 = y, 2 = x) in a (d, h, w) array. */
	private static int stride(final int a, final int[] shape) {
		return a == 0 ? shape[1] * shape[2] : a == 1 ? shape[2] : 1;
	}

	/**
	 * scipy's {@code uniform_filter1d(mode='nearest')} along axis {@code a}
	 * of a float32 image's background ({@link #bgF}): a running sum in doubles
	 * ({@code tmp += new - old}) from the start of each line, each output
	 * {@code tmp / size} rounded to float32. Axes z and y run a row at a time
	 * (a sum per column of the row), x a line at a time: the same arithmetic
	 * per pixel. (Integer images' boxcar is exact whatever the order, and is
	 * streamed with the rest of the band pass in {@link VolumeBandpass}.)
	 */
	private void boxcarAxis(final int a, final int[] shape) {
		final int len = shape[a], st = stride(a, shape), s = smoothing[a];
		final int s1 = s / 2, s2 = s - s1 - 1;
		final int n = shape[0] * shape[1] * shape[2];
		if (st == 1) {
			final double[] buf = line;
			final int pad = s1 + 1; // buf[pad + i] = element i, clamped beyond
			for (int start = 0; start < n; start += len) {
				for (int i = -s1 - 1; i < len + s2 + 1; i++)
					buf[pad + i] = bgF[start + (i < 0 ? 0 : i >= len ? len - 1 : i)];
				double tmp = 0;
				for (int k = -s1; k <= s2; k++)
					tmp += buf[pad + k];
				final double[] out = lineOut;
				out[0] = tmp / s;
				for (int i = 1; i < len; i++) {
					tmp += buf[pad + i + s2] - buf[pad + i - 1 - s1];
					out[i] = tmp / s;
				}
				for (int i = 0; i < len; i++)
					bgF[start + i] = (float) out[i];
			}
			return;
		}
		if (colSum.length < st)
			colSum = new double[st];
		if (tmpF.length < n)
			tmpF = new float[n];
		final double[] sum = colSum;
		final int block = len * st;
		for (int base = 0; base < n; base += block) {
			java.util.Arrays.fill(sum, 0, st, 0.);
			for (int k = -s1; k <= s2; k++) {
				final int row = base + clampIndex(k, len) * st;
				for (int j = 0; j < st; j++)
					sum[j] += bgF[row + j];
			}
			for (int i = 0; i < len; i++) {
				if (i > 0) {
					final int add = base + clampIndex(i + s2, len) * st, sub = base + clampIndex(i - 1 - s1, len) * st;
					for (int j = 0; j < st; j++)
						sum[j] += (double) bgF[add + j] - (double) bgF[sub + j];
				}
				final int o = base + i * st;
				for (int j = 0; j < st; j++)
					tmpF[o + j] = (float) (sum[j] / s);
			}
		}
		System.arraycopy(tmpF, 0, bgF, 0, n);
	}

	private static int clampIndex(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	// ---------------------------------------------------------------- maxima

	/**
	 * The local maxima above the percentile, in row-major order: by a
	 * separable dilation ({@link #findMaximaByDilation}, with the Vector API)
	 * or by ranges of the rows inside the margins, each part's maxima
	 * appended in part order. (Measured on 3D and 2D images of boxes from 3
	 * to 11 pixels a side, the dilation took a quarter to a third of the
	 * screen's time.)
	 */
	private void findMaxima(final int w, final int h, final int d) {
		if (nonZero == 0)
			return; // trackpy: "Image is completely black."
		final int least = (int) Math.floor(percentileThreshold) + 1;
		final int[] shape = { d, h, w };
		final int[] lo = new int[3], hi = new int[3];
		for (int a = 0; a < 3; a++) {
			lo[a] = (int) Math.ceil(margin[a]);
			hi[a] = (int) Math.floor(shape[a] - margin[a] - 1);
			if (lo[a] > hi[a])
				return;
		}
		if (vector) {
			findMaximaByDilation(w, h, d, least, lo, hi);
			return;
		}
		final int ny = hi[1] - lo[1] + 1, rows = (hi[0] - lo[0] + 1) * ny;
		prepareBoxOrder(w, h);
		final int parts = splitter.parts(rows, 32, 4);
		if (partHits.length < parts)
			partHits = Arrays.copyOf(partHits, parts);
		final int[][] hits = partHits;
		final int[] found = new int[parts];
		splitter.run(parts, i -> {
			int[] list = hits[i] == null ? new int[64] : hits[i];
			int k = 0;
			final int[] im = img;
			final int[][] rw = screenRows(i, w);
			final int[] cur = rw[0], left = rw[1], right = rw[2], up = rw[3], down = rw[4], front = rw[5], back = rw[6], flag = rw[7];
			for (int r = Splitter.bound(i, parts, rows), end = Splitter.bound(i + 1, parts, rows); r < end; r++) {
				final int z = lo[0] + r / ny, y = lo[1] + r % ny;
				final int row = (z * h + y) * w;
				// the nearest neighbours in the box, whole rows at once: flag[x] < 0 where one exceeds v (or v < least)
				System.arraycopy(im, row, cur, 0, w);
				neighbourRow(im, row, -1, boxLo[2] >= 1, cur, left, 1, w);
				neighbourRow(im, row, 1, boxHi[2] >= 1, cur, right, 0, w - 1);
				neighbourRow(im, row, -w, boxLo[1] >= 1 && y > 0, cur, up, 0, w);
				neighbourRow(im, row, w, boxHi[1] >= 1 && y + 1 < h, cur, down, 0, w);
				neighbourRow(im, row, -w * h, boxLo[0] >= 1 && z > 0, cur, front, 0, w);
				neighbourRow(im, row, w * h, boxHi[0] >= 1 && z + 1 < d, cur, back, 0, w);
				screen(cur, left, right, up, down, front, back, least, flag, w);
				for (int x = lo[2]; x <= hi[2]; x++) {
					// eight flags at a time: all negative (most) when their AND is
					if (x + 8 <= hi[2] && (flag[x] & flag[x + 1] & flag[x + 2] & flag[x + 3] & flag[x + 4] & flag[x + 5] & flag[x + 6]
						& flag[x + 7]) < 0) {
						x += 7;
						continue;
					}
					if (flag[x] < 0)
						continue;
					final int v = cur[x];
					if (isBoxMaximum(w, h, d, z, y, x, v)) {
						if (k == list.length)
							list = Arrays.copyOf(list, 2 * k);
						list[k++] = row + x;
					}
				}
			}
			hits[i] = list;
			found[i] = k;
		});
		final int slice = w * h;
		for (int i = 0; i < parts; i++)
			for (int k = 0; k < found[i]; k++) {
				final int at = hits[i][k], z = at / slice, rest = at - z * slice;
				fs.add(z, rest / w, rest % w);
			}
	}

	/** Tests: split the maxima into {@code zParts} ranges of slices times {@code yParts} ranges of rows (0: automatic). */
	void splitMaxima(final int zParts, final int yParts) {
		maximaZParts = zParts;
		maximaYParts = yParts;
	}

	private Object[] dilationParts = new Object[0];

	/**
	 * The maxima by {@link VectorMaxima3d}: parts of ranges of output slices
	 * (each dilates its own halo of slices) or, when there are too few slices
	 * for the threads, also ranges of rows; each part's maxima in raster
	 * order, merged in raster order.
	 */
	private void findMaximaByDilation(final int w, final int h, final int d, final int least, final int[] lo, final int[] hi) {
		final int nz = hi[0] - lo[0] + 1, ny = hi[1] - lo[1] + 1;
		final int[] split = maximaParts(splitter, nz, ny, boxLo[0] + boxHi[0] + 1, boxLo[1] + boxHi[1] + 1);
		int zParts = split[0], yParts = split[1];
		if (maximaZParts > 0) {
			zParts = Math.min(maximaZParts, nz);
			yParts = Math.min(Math.max(1, maximaYParts), ny);
		}
		final int parts = zParts * yParts, zp = zParts, yp = yParts;
		final Object[] scratch = dilationScratch(parts);
		final int[] im = img;
		splitter.run(parts, i -> {
			final int iz = i / yp, iy = i % yp;
			VectorMaxima3d.find(im, w, h, d, boxLo, boxHi, least, lo[0] + Splitter.bound(iz, zp, nz),
				lo[0] + Splitter.bound(iz + 1, zp, nz), lo[1] + Splitter.bound(iy, yp, ny), lo[1] + Splitter.bound(iy + 1, yp, ny),
				lo[2], hi[2], (VectorMaxima3d.Scratch) scratch[i]);
		});
		int total = 0;
		for (int i = 0; i < parts; i++)
			total += ((VectorMaxima3d.Scratch) scratch[i]).count;
		final int[] all = new int[total];
		for (int i = 0, at = 0; i < parts; i++) {
			final VectorMaxima3d.Scratch s = (VectorMaxima3d.Scratch) scratch[i];
			System.arraycopy(s.hits, 0, all, at, s.count);
			at += s.count;
		}
		if (yParts > 1)
			Arrays.sort(all); // parts of rows: their maxima interleave in raster order
		final int slice = w * h;
		for (final int at : all) {
			final int z = at / slice, rest = at - z * slice;
			fs.add(z, rest / w, rest % w);
		}
	}

	/**
	 * How {@link #findMaximaByDilation} splits {@code nz} output slices of
	 * {@code ny} rows for a box of {@code sz} slices and {@code sy} rows:
	 * {@code {zParts, yParts}}, ranges of at least four boxes' slices (each part
	 * dilates its own halo), the same number for every thread (60 output
	 * slices and a box of 5 gave 3 slabs, and one of 2 threads ran two: on the
	 * benchmark's volume, split so, 4.5 ms against 3.1-3.4 in 2 slabs, best of
	 * 40 rounds), and ranges of rows too when there are fewer slabs than
	 * threads.
	 */
	static int[] maximaParts(final Splitter splitter, final int nz, final int ny, final int sz, final int sy) {
		final int threads = splitter.parallelism();
		int zParts = splitter.parts(nz, 4 * sz, 2), yParts = 1;
		if (zParts > threads)
			zParts -= zParts % threads;
		if (zParts < threads)
			yParts = Math.max(1, splitter.parts(ny, 4 * sy, 2) / zParts);
		return new int[] { zParts, yParts };
	}

	/** The scratch of {@code parts} parts of {@link #findMaximaByDilation} (typed Object: VectorMaxima3d loads only when used). */
	private Object[] dilationScratch(final int parts) {
		if (dilationParts.length < parts) {
			final int old = dilationParts.length;
			dilationParts = Arrays.copyOf(dilationParts, parts);
			for (int i = old; i < parts; i++)
				dilationParts[i] = new VectorMaxima3d.Scratch();
		}
		return dilationParts;
	}

	private int[][][] screenBufs = new int[0][][];

	/** Part {@code i}'s row buffers for the screen of the maxima (cur, left, right, up, down, front, back, flag). */
	private synchronized int[][] screenRows(final int i, final int w) {
		if (screenBufs.length <= i)
			screenBufs = Arrays.copyOf(screenBufs, i + 1);
		if (screenBufs[i] == null || screenBufs[i][0].length < w)
			screenBufs[i] = new int[8][w];
		return screenBufs[i];
	}

	/**
	 * {@code dst[x] = img[row + step + x]} for {@code x} in {@code [from, to)},
	 * {@code cur[x]} elsewhere and everywhere when the neighbour is not in the
	 * box ({@code v - v == 0} passes the screen).
	 */
	private static void neighbourRow(final int[] img, final int row, final int step, final boolean inBox, final int[] cur,
			final int[] dst, final int from, final int to) {
		if (!inBox) {
			System.arraycopy(cur, 0, dst, 0, cur.length);
			return;
		}
		final int w = cur.length;
		for (int x = 0; x < from; x++)
			dst[x] = cur[x];
		System.arraycopy(img, row + step + from, dst, from, to - from);
		for (int x = to; x < w; x++)
			dst[x] = cur[x];
	}

	/**
	 * {@code flag[x] >= 0} exactly when {@code v >= least} and no nearest
	 * neighbour in the box exceeds {@code v = cur[x]} (differences of values in
	 * {@code 0..gamut}: no overflow): a necessary condition for a maximum, in a
	 * loop the JIT vectorises.
	 */
	private static void screen(final int[] cur, final int[] l, final int[] r, final int[] u, final int[] dn, final int[] f,
			final int[] b, final int least, final int[] flag, final int w) {
		// two loops: HotSpot 17 does not vectorise the loop with all seven
		for (int x = 0; x < w; x++) {
			final int v = cur[x];
			flag[x] = v - least | v - l[x] | v - r[x] | v - u[x];
		}
		for (int x = 0; x < w; x++) {
			final int v = cur[x];
			flag[x] |= v - dn[x] | v - f[x] | v - b[x];
		}
	}

	private int[] boxOrder = new int[0];
	private int boxOrderW = -1, boxOrderH = -1;

	/**
	 * The box's rows as linear index steps to their first pixel, nearest row
	 * first: a candidate that is not a maximum mostly has a larger pixel near
	 * it, so the test stops after a few rows, each read as one run of
	 * neighbouring pixels.
	 */
	private void prepareBoxOrder(final int w, final int h) {
		if (boxOrderW == w && boxOrderH == h)
			return;
		final List<int[]> rows = new ArrayList<>();
		for (int dz = -boxLo[0]; dz <= boxHi[0]; dz++)
			for (int dy = -boxLo[1]; dy <= boxHi[1]; dy++)
				rows.add(new int[] { dz * dz + dy * dy, (dz * h + dy) * w - boxLo[2] });
		rows.sort((a, b) -> Integer.compare(a[0], b[0]));
		final int[] order = new int[rows.size()];
		for (int i = 0; i < order.length; i++)
			order[i] = rows.get(i)[1];
		boxOrder = order;
		boxOrderW = w;
		boxOrderH = h;
	}

	/** Whether no pixel of the dilation box around (z, y, x) exceeds {@code v}. */
	private boolean isBoxMaximum(final int w, final int h, final int d, final int z, final int y, final int x, final int v) {
		final int i = (z * h + y) * w + x;
		if (z >= boxLo[0] && z + boxHi[0] < d && y >= boxLo[1] && y + boxHi[1] < h && x >= boxLo[2] && x + boxHi[2] < w) {
			// the whole box inside the image: nearest rows first
			final int[] order = boxOrder, im = img;
			final int len = boxLo[2] + boxHi[2] + 1;
			for (final int off : order) {
				final int o = i + off;
				for (int k = 0; k < len; k++)
					if (im[o + k] > v)
						return false;
			}
			return true;
		}
		final int za = Math.max(0, z - boxLo[0]), zb = Math.min(d - 1, z + boxHi[0]);
		final int ya = Math.max(0, y - boxLo[1]), yb = Math.min(h - 1, y + boxHi[1]);
		final int xa = Math.max(0, x - boxLo[2]), xb = Math.min(w - 1, x + boxHi[2]);
		for (int zz = za; zz <= zb; zz++)
			for (int yy = ya; yy <= yb; yy++) {
				final int o = (zz * h + yy) * w;
				for (int xx = xa; xx <= xb; xx++)
					if (img[o + xx] > v)
						return false;
			}
		return true;
	}

	// ---------------------------------------------------------------- refinement

	/**
	 * Refines every maximum's position and mass (ranges of features, in
	 * parallel); keeps those with {@code mass / scale > minmass} before
	 * duplicate removal, which is exact: trackpy's {@code where_close} drops
	 * the dimmer member of every close pair, all pairs judged at once, so a
	 * feature below {@code minmass} can only remove an even dimmer one, itself
	 * below {@code minmass} (dividing by the positive scale keeps the order,
	 * ties included); removes the duplicates among the rest, characterises
	 * only the survivors, then {@link #filterAndRank} ({@code maxsize}, which
	 * is not monotone in mass, waits for duplicate removal). With {@code
	 * noise}, measures the background noise ({@link #backgroundNoise}) on the
	 * helper threads beside the serial steps, its time in {@link #noiseNanos}.
	 *
	 * @return the indices of the features kept, in output order
	 */
	private int[] refineAndFilter(final int w, final int h, final int d, final boolean integer, final boolean characterize,
			final double scale, final boolean noise) {
		final int n = fs.n;
		final Splitter sp = splitter;
		final int parts = sp.parts(n, 32, 4);
		final int[] touched = new int[parts]; // kept, so that the JIT keeps refine's first reads
		sp.run(parts, i -> {
			int t = 0;
			for (int f = Splitter.bound(i, parts, n), end = Splitter.bound(i + 1, parts, n); f < end; f++)
				t |= refine(f, w, h, d);
			touched[i] = t;
		});
		final Runnable candidates = () -> {
			// the candidates, in order, to the front
			final double minmass = params.minmass();
			int m = 0;
			for (int f = 0; f < n; f++)
				if (fs.mass[f] / scale > minmass)
					fs.moveTo(f, m++);
			fs.n = m;
			if (dropDuplicates)
				markDuplicates();
		};
		if (noise)
			dilateNonZero(w, h, d, candidates);
		else
			candidates.run();
		final int m = fs.n;
		if (characterize) {
			final int[] survivors = new int[m];
			int s = 0;
			for (int f = 0; f < m; f++)
				if (!fs.drop[f])
					survivors[s++] = f;
			final int count = s;
			final int cparts = sp.parts(count, 16, 4);
			sp.run(cparts, i -> {
				for (int k = Splitter.bound(i, cparts, count), end = Splitter.bound(i + 1, cparts, count); k < end; k++)
					characterize(survivors[k], w, h, integer);
			});
		}
		if (!noise)
			return filterAndRank(scale);
		final int[][] kept = new int[1][];
		backgroundNoise = measureBackground(w, h, d, integer, () -> kept[0] = filterAndRank(scale));
		return kept[0];
	}

	/**
	 * trackpy's numba refinement of feature {@code f}: position, mass and the
	 * final mask's corner.
	 * <p>
	 * A volume's image is rarely in the cache around a maximum, and the
	 * mask's rows (dozens, each a short run along x) are summed in loops whose
	 * ends the processor mispredicts, so that their cache misses would come
	 * one after another: each evaluation first reads both ends of every row,
	 * reads with no branch between them whose misses overlap, then sums the
	 * rows from the cache (the 64x256x256 volume's refinement took 6-8 ms,
	 * then 2.6-3).
	 * </p>
	 *
	 * @return the OR of those first reads (for the caller to keep, so that
	 *         the JIT keeps the reads)
	 */
	private int refine(final int f, final int w, final int h, final int d) {
		final int rz = radius[0], ry = radius[1], rx = radius[2];
		final int upZ = d - rz - 1, upY = h - ry - 1, upX = w - rx - 1;
		int cz = fs.cz[f], cy = fs.cy[f], cx = fs.cx[f];
		final int maxIt = params.effectiveMaxIterations();
		double iz = cz, iy = cy, ix = cx, mass = 0;
		int corner = 0, touch = 0;
		for (int it = 0; it < maxIt; it++) {
			corner = ((cz - rz) * h + cy - ry) * w + cx - rx;
			// the mask by rows (dz, dy), each a run along x: exact integer sums, in any order
			long sz = 0, sy = 0, sx = 0, sm = 0;
			final int[] im = img, ro = rowOffsets;
			for (int r = 0; r < ro.length; r++) {
				final int base = corner + ro[r];
				touch |= im[base + rowX0[r]] | im[base + rowX1[r]];
			}
			for (int r = 0; r < ro.length; r++) {
				final int base = corner + ro[r], x0 = rowX0[r], x1 = rowX1[r];
				long rs = 0, rxs = 0;
				for (int x = x0; x <= x1; x++) {
					final int px = im[base + x];
					rs += px;
					rxs += (long) px * x;
				}
				sm += rs;
				sz += rs * rowZ[r];
				sy += rs * rowY[r];
				sx += rxs;
			}
			mass = sm;
			// a neighbourhood of mass 0 counts as centred (trackpy's python engine)
			final double nz = sm == 0 ? rz : sz / mass, ny = sm == 0 ? ry : sy / mass, nx = sm == 0 ? rx : sx / mass;
			iz = nz - rz + cz;
			iy = ny - ry + cy;
			ix = nx - rx + cx;
			final double oz = nz - rz, oy = ny - ry, ox = nx - rx;
			if (Math.abs(oz) < SHIFT_THRESH && Math.abs(oy) < SHIFT_THRESH && Math.abs(ox) < SHIFT_THRESH)
				break;
			cz += oz > SHIFT_THRESH ? 1 : oz < -SHIFT_THRESH ? -1 : 0;
			cy += oy > SHIFT_THRESH ? 1 : oy < -SHIFT_THRESH ? -1 : 0;
			cx += ox > SHIFT_THRESH ? 1 : ox < -SHIFT_THRESH ? -1 : 0;
			cz = Math.min(Math.max(cz, rz), upZ);
			cy = Math.min(Math.max(cy, ry), upY);
			cx = Math.min(Math.max(cx, rx), upX);
		}
		fs.pos[0][f] = iz;
		fs.pos[1][f] = iy;
		fs.pos[2][f] = ix;
		fs.mass[f] = mass;
		fs.corner[f] = corner;
		return touch;
	}

	/** trackpy's characterisation of feature {@code f} in the mask at its final position. */
	private void characterize(final int f, final int w, final int h, final boolean integer) {
		final int rz = radius[0], ry = radius[1], rx = radius[2];
		final int corner = fs.corner[f];
		final double mass = fs.mass[f];
		// numba accumulates integer products in float64: exact, as these long sums
		long rg = 0;
		final long[] ra = new long[3];
		double e1 = 0, e2 = 0, rawMass = 0;
		int signal = 0;
		long rawInt = 0;
		for (int i = 0; i < nMask; i++) {
			final int idx = corner + offsets[i];
			final int px = img[idx];
			rg += r2[i] * px;
			ra[0] += axis2[0][i] * px;
			ra[1] += axis2[1][i] * px;
			ra[2] += axis2[2][i] * px;
			if (ndim == 2) {
				e1 += cos2[i] * px;
				e2 += sin2[i] * px;
			}
			if (integer)
				rawInt += rawInt(idx);
			else
				rawMass += rawF[idx];
			signal = Math.max(signal, px);
		}
		if (integer)
			rawMass = rawInt;
		fs.size[0][f] = Math.sqrt(rg / mass);
		if (anisotropic)
			for (int a = 0; a < 3; a++)
				fs.size[a][f] = Math.sqrt(ra[a] / mass);
		if (ndim == 2) {
			final int centre = img[corner + (rz * h + ry) * w + rx];
			fs.ecc[f] = Math.sqrt(e1 * e1 + e2 * e2) / (mass - centre + ECC_EPSILON);
		}
		else {
			fs.ecc[f] = Double.NaN;
		}
		fs.signal[f] = signal;
		fs.rawMass[f] = rawMass;
	}

	// ---------------------------------------------------------------- duplicates, filters, topn

	/**
	 * trackpy's {@code where_close}: positions divided by the separation per
	 * axis; every pair at most {@link #CLOSE} apart loses its dimmer member
	 * (on equal mass, the one whose scaled coordinates have the smaller sum,
	 * or the first of the pair); all pairs judged at once. Pairs are found in
	 * a grid of cells of one separation: a close pair lies in the same or
	 * neighbouring cells.
	 */
	private void markDuplicates() {
		final int n = fs.n;
		if (n < 2)
			return;
		final int o = 3 - ndim;
		if (scaled.length < ndim || scaled[0].length < n)
			scaled = new double[ndim][Math.max(n, 64)];
		final double[][] r = scaled;
		// cells of side 1 (one separation): a close pair lies in the same or neighbouring cells
		final long[] cell = new long[n];
		final long[] lo = new long[ndim], span = new long[ndim];
		java.util.Arrays.fill(lo, Long.MAX_VALUE);
		long[] hi = new long[ndim];
		java.util.Arrays.fill(hi, Long.MIN_VALUE);
		for (int i = 0; i < n; i++)
			for (int a = 0; a < ndim; a++) {
				r[a][i] = fs.pos[o + a][i] / separation[o + a];
				final long c = (long) Math.floor(r[a][i]);
				lo[a] = Math.min(lo[a], c);
				hi[a] = Math.max(hi[a], c);
			}
		for (int a = 0; a < ndim; a++)
			span[a] = hi[a] - lo[a] + 3; // room for the neighbours of the edge cells
		final long[] order = new long[n];
		for (int i = 0; i < n; i++) {
			long key = 0;
			for (int a = 0; a < ndim; a++)
				key = key * span[a] + ((long) Math.floor(r[a][i]) - lo[a] + 1);
			cell[i] = key;
			order[i] = key << 24 | i;
		}
		if (n >= 1 << 24 || cellKeysTooLarge(span)) {
			markDuplicatesPairwise(r, n);
			return;
		}
		java.util.Arrays.sort(order, 0, n);
		final int neighbours = ndim == 3 ? 27 : 9;
		final long[] c = new long[ndim];
		for (int i = 0; i < n; i++) {
			long own = cell[i];
			for (int a = ndim - 1; a >= 0; a--) {
				c[a] = own % span[a];
				own /= span[a];
			}
			for (int k = 0; k < neighbours; k++) {
				// neighbour offset (-1, 0, 1) per axis
				long key = 0;
				int rest = k;
				for (int a = 0; a < ndim; a++) {
					key = key * span[a] + c[a] + (rest % 3) - 1;
					rest /= 3;
				}
				int at = lowerBound(order, n, key << 24);
				for (; at < n && order[at] >>> 24 == key; at++) {
					final int j = (int) (order[at] & 0xffffff);
					if (j > i)
						judgePair(r, i, j);
				}
			}
		}
	}

	private static boolean cellKeysTooLarge(final long[] span) {
		double cells = 1;
		for (final long s : span)
			cells *= s;
		return cells >= (double) (1L << 38);
	}

	private static int lowerBound(final long[] a, final int n, final long key) {
		int l = 0, h = n;
		while (l < h) {
			final int m = (l + h) >>> 1;
			if (a[m] < key)
				l = m + 1;
			else
				h = m;
		}
		return l;
	}

	/** Every pair, for images whose cells would not fit the keys. */
	private void markDuplicatesPairwise(final double[][] r, final int n) {
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				judgePair(r, i, j);
	}

	/** Marks the victim of pair (i0, i1), i0 < i1, if it is closer than {@link #CLOSE}. */
	private void judgePair(final double[][] r, final int i0, final int i1) {
		double dist2 = 0;
		for (int a = 0; a < ndim; a++) {
			final double dd = r[a][i0] - r[a][i1];
			dist2 += dd * dd;
		}
		if (dist2 > CLOSE * CLOSE)
			return;
		final double m0 = fs.mass[i0], m1 = fs.mass[i1];
		final int victim;
		if (m0 > m1)
			victim = i1;
		else if (m0 < m1)
			victim = i0;
		else {
			double s0 = 0, s1 = 0;
			for (int a = 0; a < ndim; a++) {
				s0 += r[a][i0];
				s1 += r[a][i1];
			}
			victim = s0 > s1 ? i1 : i0;
		}
		fs.drop[victim] = true;
	}

	/** Mass and signal divided by the scale; {@code mass > minmass}, {@code size < maxsize}; {@code topn}. */
	private int[] filterAndRank(final double scale) {
		final double minmass = params.minmass();
		final Double maxsize = params.maxsize();
		final int[] kept = new int[fs.n];
		int count = 0;
		for (int i = 0; i < fs.n; i++) {
			if (fs.drop[i])
				continue;
			fs.mass[i] /= scale;
			fs.signal[i] /= scale;
			if (!(fs.mass[i] > minmass))
				continue;
			if (maxsize != null && !(fs.size[0][i] < maxsize))
				continue;
			kept[count++] = i;
		}
		return Ranking.topn(kept, count, fs.mass, params.topn());
	}

	// ---------------------------------------------------------------- noise

	/**
	 * trackpy's {@code measure_noise}: mean and standard deviation of the raw
	 * image outside the binary dilation of the non-zero pixels of the integer
	 * image by the mask ({@code NaN} where undefined).
	 * <p>
	 * On bits, 64 pixels a word: a pixel is inside the dilation when some mask
	 * row {@code (dz, dy)} of half-width {@code hw} has a non-zero pixel within
	 * {@code hw} of it along x, i.e. when its bit is set in that row's
	 * non-zero bits dilated along x by {@code hw} ({@link #nzBits} dilated
	 * one pixel at a time, each level kept). The covered bits of an output row
	 * are the OR of its mask rows' dilated bits; the pixels left are the
	 * background, taken in row order. Both passes run by ranges of rows (a
	 * row's dilations along x need only the row); the integer sums are exact
	 * and merged, float pixels gathered in row order.
	 * </p>
	 * <p>
	 * This is the first pass, {@link #measureBackground} the second: each
	 * lets the calling thread run serial work ({@code beside}, null: none)
	 * while the helpers start on the passes ({@link Splitter#runBeside}).
	 * </p>
	 */
	private void dilateNonZero(final int w, final int h, final int d, final Runnable beside) {
		final int rows = h * d, words = (w + 63) >>> 6;
		final long lastMask = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1;
		final int levels = radius[2] + 1; // half-widths 0..rx
		if (dilated.length < levels)
			dilated = Arrays.copyOf(dilated, levels);
		for (int k = 1; k < levels; k++)
			if (dilated[k] == null || dilated[k].length < rows * words)
				dilated[k] = new long[rows * words];
		dilated[0] = nzBits;
		final long[][] dil = dilated;
		final Splitter sp = splitter;
		// in parts of about 0.05 ms (a 64x256x256 volume), so that the calling thread, which joins late (beside), finds some
		final int dparts = sp.parts(rows, 64, 8);
		noisePass(beside, dparts, i -> {
			final int from = Splitter.bound(i, dparts, rows), end = Splitter.bound(i + 1, dparts, rows);
			for (int k = 1; k < levels; k++)
				dilateRows(dil[k - 1], dil[k], from * words, end * words, words, lastMask);
		});
	}

	/**
	 * {@code out} = {@code in} dilated by one bit along its rows of {@code
	 * words} words, for words {@code [a, b)} (whole rows): a bit is set if it
	 * or a neighbour in its row is; the last word of a row masked by {@code
	 * lastMask}. One run over all the rows' words (bits carried between
	 * neighbouring words, rows' ends mended after) rather than a short loop a
	 * row: a 64x256x256 volume's 16,384 rows of 4 words, four levels, in
	 * 0.82 ms instead of 1.09 (one thread, the fastest of 20 rounds).
	 */
	static void dilateRows(final long[] in, final long[] out, final int a, final int b, final int words, final long lastMask) {
		for (int j = a + 1; j < b - 1; j++) {
			final long x = in[j];
			out[j] = x | x << 1 | x >>> 1 | in[j - 1] >>> 63 | in[j + 1] << 63;
		}
		// every row's first and last words: no bit carried from the row before or after, the last word masked
		for (int o = a; o < b; o += words) {
			final int last = o + words - 1;
			long x = in[o];
			if (words == 1) {
				out[o] = (x | x << 1 | x >>> 1) & lastMask;
				continue;
			}
			out[o] = x | x << 1 | x >>> 1 | in[o + 1] << 63;
			x = in[last];
			out[last] = (x | x << 1 | x >>> 1 | in[last - 1] >>> 63) & lastMask;
		}
	}

	/**
	 * One pass of the noise measurement by {@code parts} parts, with {@code
	 * beside} (null: none) on the calling thread first ({@link
	 * Splitter#runBeside}); the pass's own time, without {@code beside}'s, is
	 * added to {@link #noiseNanos}.
	 */
	private void noisePass(final Runnable beside, final int parts, final java.util.function.IntConsumer pass) {
		final long t0 = System.nanoTime();
		final long[] besideNanos = new long[1];
		splitter.runBeside(beside == null ? null : () -> {
			final long b0 = System.nanoTime();
			beside.run();
			besideNanos[0] = System.nanoTime() - b0;
		}, parts, pass);
		noiseNanos += System.nanoTime() - t0 - besideNanos[0];
	}

	/**
	 * The second pass of trackpy's {@code measure_noise} ({@link #dilateNonZero}): the statistics of the pixels
	 * outside the dilation; the calling thread runs {@code beside} first (null:
	 * nothing), while helpers start.
	 *
	 * @return the black level and the noise
	 */
	private double[] measureBackground(final int w, final int h, final int d, final boolean integer, final Runnable beside) {
		final int rows = h * d, words = (w + 63) >>> 6;
		final long lastMask = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1;
		final long[][] dil = dilated;
		final Splitter sp = splitter;
		// in parts of about 0.1 ms (a 64x256x256 volume): the edge slices, with fewer features, have more background, and
		// with four parts a thread one thread waited 0.36-0.44 ms for the other's last part (measured, the fastest rounds)
		final int parts = sp.parts(rows, 64, 16);
		if (partHits.length < parts)
			partHits = Arrays.copyOf(partHits, parts);
		if (!integer && partFloats.length < parts)
			partFloats = Arrays.copyOf(partFloats, parts);
		final long[] cnt = new long[parts], sum = new long[parts], sumSq = new long[parts];
		final int[] nfs = new int[parts];
		final float[][] floats = partFloats;
		final int[][] mr = maskRows;
		noisePass(beside, parts, i -> {
			float[] fl = integer ? null : floats[i] == null ? new float[Math.max(64, w)] : floats[i];
			long c = 0, s = 0, s2 = 0;
			int nf = 0;
			final int from = Splitter.bound(i, parts, rows), end = Splitter.bound(i + 1, parts, rows);
			final long[] cov = new long[Math.min(h, end - from) * words];
			// the part's rows slice by slice: each mask row ORs its source rows into the slice's covered bits in one run
			for (int first = from; first < end;) {
				final int z = first / h, ya = first % h, yb = Math.min(h, ya + end - first);
				Arrays.fill(cov, 0, (yb - ya) * words, 0L);
				for (final int[] m : mr) {
					final int zz = z + m[0], dy = m[1];
					final int lo = Math.max(ya, -dy), hi = Math.min(yb, h - dy);
					if (zz < 0 || zz >= d || lo >= hi)
						continue;
					final long[] bits = dil[m[2]];
					final int src = (zz * h + lo + dy) * words, dst = (lo - ya) * words, n = (hi - lo) * words;
					for (int j = 0; j < n; j++)
						cov[dst + j] |= bits[src + j];
				}
				// the pixels left uncovered, row by row (an integer image's slice array, its row's index)
				final Object slice = integer ? srcArrays[z] : null;
				for (int y = ya; y < yb; y++) {
					final int o = (z * h + y) * w, co = (y - ya) * words, at = integer ? srcOffsets[z] + y * w : 0;
					for (int j = 0; j < words; j++) {
						long bg = ~cov[co + j];
						if (j == words - 1)
							bg &= lastMask;
						while (bg != 0) {
							final int x = (j << 6) + Long.numberOfTrailingZeros(bg);
							bg &= bg - 1;
							if (integer) {
								final long v = rawAt(slice, at + x);
								s += v;
								s2 += v * v;
								c++;
							}
							else {
								if (nf == fl.length)
									fl = Arrays.copyOf(fl, 2 * nf);
								fl[nf++] = rawF[o + x];
							}
						}
					}
				}
				first += yb - ya;
			}
			cnt[i] = c;
			sum[i] = s;
			sumSq[i] = s2;
			nfs[i] = nf;
			if (!integer)
				floats[i] = fl;
		});
		if (!integer) {
			int nf = 0;
			for (int i = 0; i < parts; i++)
				nf += nfs[i];
			if (bgPixels.length < nf)
				bgPixels = new float[nf];
			for (int i = 0, at = 0; i < parts; at += nfs[i], i++)
				System.arraycopy(floats[i], 0, bgPixels, at, nfs[i]);
			if (nf == 0)
				return new double[] { Double.NaN, Double.NaN };
			if (nf == 1)
				return new double[] { bgPixels[0], Double.NaN };
			return NumpyMath.meanStdFloat32(bgPixels, nf);
		}
		long count = 0, total = 0, totalSq = 0;
		for (int i = 0; i < parts; i++) {
			count += cnt[i];
			total += sum[i];
			totalSq += sumSq[i];
		}
		if (count == 0)
			return new double[] { Double.NaN, Double.NaN };
		final double black = (double) total / count;
		if (count == 1)
			return new double[] { black, Double.NaN };
		final BigInteger bn = BigInteger.valueOf(count);
		final BigInteger num = bn.multiply(BigInteger.valueOf(totalSq)).subtract(BigInteger.valueOf(total).pow(2));
		return new double[] { black, Math.sqrt(num.doubleValue() / ((double) count * count)) };
	}

	// ---------------------------------------------------------------- feature columns

	/** Growable per-feature columns, reused from image to image. */
	private static final class Feats {
		int n;
		int[] cz, cy, cx, corner;
		double[][] pos = new double[3][], size = new double[3][];
		double[] mass, ecc, signal, rawMass;
		boolean[] drop;

		Feats(final int cap) {
			alloc(cap);
		}

		private void alloc(final int c) {
			cz = Arrays.copyOf(cz == null ? new int[0] : cz, c);
			cy = Arrays.copyOf(cy == null ? new int[0] : cy, c);
			cx = Arrays.copyOf(cx == null ? new int[0] : cx, c);
			corner = Arrays.copyOf(corner == null ? new int[0] : corner, c);
			for (int a = 0; a < 3; a++) {
				pos[a] = Arrays.copyOf(pos[a] == null ? new double[0] : pos[a], c);
				size[a] = Arrays.copyOf(size[a] == null ? new double[0] : size[a], c);
			}
			mass = Arrays.copyOf(mass == null ? new double[0] : mass, c);
			ecc = Arrays.copyOf(ecc == null ? new double[0] : ecc, c);
			signal = Arrays.copyOf(signal == null ? new double[0] : signal, c);
			rawMass = Arrays.copyOf(rawMass == null ? new double[0] : rawMass, c);
			drop = Arrays.copyOf(drop == null ? new boolean[0] : drop, c);
		}

		/** Feature {@code f}'s maximum, refined position, mass and corner to index {@code to <= f}, not dropped. */
		void moveTo(final int f, final int to) {
			cz[to] = cz[f];
			cy[to] = cy[f];
			cx[to] = cx[f];
			corner[to] = corner[f];
			for (int a = 0; a < 3; a++)
				pos[a][to] = pos[a][f];
			mass[to] = mass[f];
			drop[to] = false;
		}

		void add(final int z, final int y, final int x) {
			if (n == cz.length)
				alloc(2 * n);
			cz[n] = z;
			cy[n] = y;
			cx[n] = x;
			drop[n] = false;
			n++;
		}
	}
}
