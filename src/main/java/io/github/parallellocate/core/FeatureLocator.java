package io.github.parallellocate.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * trackpy's {@code locate} on one 2D plane: bandpass, local maxima above a
 * percentile, centre-of-mass refinement, duplicate removal, mass/size
 * filters, {@code topn} and the static error {@code ep}, with trackpy's
 * numerics (see the package documentation for the details that decide
 * parity).
 * <p>
 * <b>Not thread-safe, by contract:</b> a locator owns the full-frame buffers it
 * reuses from plane to plane, so that locating allocates nothing proportional
 * to the image. Use one locator per worker thread; the parallel engine does.
 * </p>
 * <p>
 * Non-finite pixels of float planes (NaN, &plusmn;Inf), for which trackpy's
 * result is undefined, are read as 0 so that one bad pixel cannot wipe out a
 * plane's features.
 * </p>
 */
public final class FeatureLocator {

	private final LocateParameters params;
	private final int radius;
	private final CircularMask mask;
	/** Gaussian kernel (length 2 lw + 1), or null when noise_size is 0. */
	private final double[] kernel;
	private final int smoothing;
	private final double separation;
	private final double margin;
	private final int dilationSize;
	private StageTimes times;

	// --- full-frame buffers, grown on demand and reused ---
	private int capacity;
	private int[] rawI; // raw (inverted) integer image
	private float[] rawF; // raw (inverted) float image
	private double[] work; // raw as double: Gaussian input
	private double[] bp; // bandpassed image
	private int[] boxA, boxB; // integer boxcar passes
	private float[] boxAF, boxBF; // float boxcar passes
	private int[] img; // bandpassed image rescaled to integers
	private int[] rowMax; // horizontal running maximum of img
	private int[] dist; // per-row distance to the nearest non-zero pixel
	private float[] bgF; // background pixels of a float plane, in row-major order
	// --- row buffers ---
	private double[] pad = new double[0];
	private double[] colSum = new double[0];
	private int[] colSumI = new int[0];
	private int[] hvPrefix = new int[0], hvSuffix = new int[0], hvRow = new int[0];
	private boolean[] fg = new boolean[0];
	private int[] hist = new int[0];
	// --- per-feature buffers ---
	private int n;
	private int[] cy = new int[64], cx = new int[64];
	private double[] fy = new double[64], fx = new double[64], fmass = new double[64], fsize = new double[64],
			fecc = new double[64], fsignal = new double[64], fraw = new double[64];
	private boolean[] drop = new boolean[64];
	private Integer[] order = new Integer[0];

	/** A locator for the given parameters. */
	public FeatureLocator(final LocateParameters params) {
		this.params = params;
		radius = params.radius();
		if (radius < 1)
			throw new IllegalArgumentException("diameter must be at least 3, got " + params.diameter());
		mask = new CircularMask(radius);
		kernel = params.noiseSize() > 0 ? gaussianKernel(params.noiseSize(), 4.0) : null;
		smoothing = params.smoothingSize();
		separation = params.separation();
		margin = params.margin();
		dilationSize = Math.max(1, params.dilationSize());
	}

	/** The parameters this locator runs with. */
	public LocateParameters parameters() {
		return params;
	}

	/** Accumulate per-stage wall time into {@code t} (null to stop timing). */
	public void setStageTimes(final StageTimes t) {
		times = t;
	}

	/**
	 * trackpy's {@code masks.gaussian_kernel}: a normalised, truncated 1D
	 * Gaussian of half-width {@code int(truncate * sigma + 0.5)}.
	 */
	static double[] gaussianKernel(final double sigma, final double truncate) {
		final int lw = (int) (truncate * sigma + 0.5);
		final double[] k = new double[2 * lw + 1];
		final double denom = -2 * (sigma * sigma);
		for (int i = 0; i < k.length; i++) {
			final int x = i - lw;
			k[i] = StrictMath.exp((double) (x * x) / denom);
		}
		final double sum = NumpyMath.pairwiseSum(k, 0, k.length);
		for (int i = 0; i < k.length; i++)
			k[i] /= sum;
		return k;
	}

	/**
	 * Locates the features of one plane.
	 *
	 * @return the features in trackpy's row order (row-major order of the
	 *         maxima, or ascending mass when {@code topn} cut the list)
	 * @throws IllegalArgumentException if the plane is too small for the
	 *           diameter
	 */
	public List<Feature> locate(final Plane plane) {
		final int w = plane.width();
		final int h = plane.height();
		if (w < params.diameter() || h < params.diameter())
			throw new IllegalArgumentException("diameter " + params.diameter() + " is larger than the image (" + w + "x" + h + ")");
		ensureCapacity(w, h);
		final PixelType type = plane.type();
		final boolean integer = type.isInteger();

		long t0 = System.nanoTime();
		readRaw(plane);
		final double scale = preprocessAndRescale(w, h, type);
		long t1 = System.nanoTime();
		stage(StageTimes.Stage.BANDPASS, t1 - t0);

		n = 0;
		findMaxima(w, h, type);
		long t2 = System.nanoTime();
		stage(StageTimes.Stage.MAXIMA, t2 - t1);

		if (n == 0) {
			stage(StageTimes.Stage.REFINE, 0);
			frameDone();
			return new ArrayList<>(0);
		}
		refine(w, h, integer);
		removeDuplicates();
		final int[] kept = filterAndRank(scale);
		long t3 = System.nanoTime();
		stage(StageTimes.Stage.REFINE, t3 - t2);

		double black = Double.NaN, noise = Double.NaN;
		if (params.characterize() && kept.length > 0) {
			final double[] bn = measureNoise(w, h, integer);
			black = bn[0];
			noise = bn[1];
		}
		final List<Feature> out = new ArrayList<>(kept.length);
		final double noiseSize = params.noiseSize();
		for (final int i : kept) {
			if (params.characterize()) {
				final double massBg = fraw[i] - mask.size * black;
				final double ep = noise / massBg * noiseSize * mask.rootSumY2;
				out.add(new Feature(fy[i], fx[i], fmass[i], fsize[i], fecc[i], fsignal[i], fraw[i], ep));
			}
			else {
				out.add(new Feature(fy[i], fx[i], fmass[i], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
			}
		}
		stage(StageTimes.Stage.NOISE, System.nanoTime() - t3);
		frameDone();
		return out;
	}

	private void stage(final StageTimes.Stage s, final long ns) {
		if (times != null)
			times.add(s, ns);
	}

	private void frameDone() {
		if (times != null)
			times.frameDone();
	}

	private void ensureCapacity(final int w, final int h) {
		final int size = w * h;
		if (size > capacity) {
			capacity = size;
			rawI = null;
			rawF = null;
			work = new double[size];
			bp = new double[size];
			boxA = null;
			boxB = null;
			boxAF = null;
			boxBF = null;
			img = new int[size];
			rowMax = new int[size];
			dist = null;
		}
		final int lw = kernel == null ? 0 : kernel.length / 2;
		if (pad.length < w + 2 * lw)
			pad = new double[w + 2 * lw];
		if (colSum.length < w) {
			colSum = new double[w];
			colSumI = new int[w];
			fg = new boolean[w];
		}
		final int blocks = (w + dilationSize - 1 + dilationSize - 1) / dilationSize + 1;
		if (hvRow.length < blocks * dilationSize) {
			hvRow = new int[blocks * dilationSize];
			hvPrefix = new int[blocks * dilationSize];
			hvSuffix = new int[blocks * dilationSize];
		}
	}

	// ------------------------------------------------------------------
	// Bandpass

	/** Copies the plane into the raw buffer, inverting as trackpy does. */
	private void readRaw(final Plane plane) {
		final int size = plane.width() * plane.height();
		final boolean invert = params.invert();
		switch (plane.type()) {
			case UINT8: {
				if (rawI == null)
					rawI = new int[capacity];
				final byte[] px = (byte[]) plane.pixels();
				final int[] r = rawI;
				if (invert)
					for (int i = 0; i < size; i++)
						r[i] = 255 - (px[i] & 0xff);
				else
					for (int i = 0; i < size; i++)
						r[i] = px[i] & 0xff;
				break;
			}
			case UINT16: {
				if (rawI == null)
					rawI = new int[capacity];
				final short[] px = (short[]) plane.pixels();
				final int[] r = rawI;
				if (invert)
					for (int i = 0; i < size; i++)
						r[i] = 65535 - (px[i] & 0xffff);
				else
					for (int i = 0; i < size; i++)
						r[i] = px[i] & 0xffff;
				break;
			}
			default: {
				if (rawF == null)
					rawF = new float[capacity];
				final float[] px = (float[]) plane.pixels();
				final float[] r = rawF;
				for (int i = 0; i < size; i++) {
					float v = px[i];
					if (!Float.isFinite(v))
						v = 0f;
					r[i] = invert ? 1f - v : v;
				}
			}
		}
	}

	/**
	 * Bandpass (if preprocessing) and conversion to the integer image that
	 * maxima, refinement and characterisation work on.
	 *
	 * @return trackpy's scale factor (mass and signal are divided by it)
	 */
	private double preprocessAndRescale(final int w, final int h, final PixelType type) {
		final int size = w * h;
		final boolean integer = type.isInteger();
		final int gamut = type.gamut();
		if (!params.preprocess()) {
			if (integer) {
				System.arraycopy(rawI, 0, img, 0, size);
				return 1.;
			}
			// convert_to_int on a float32 image: numpy keeps float32 arithmetic.
			final float[] r = rawF;
			float max = Float.NEGATIVE_INFINITY;
			for (int i = 0; i < size; i++)
				if (r[i] > max)
					max = r[i];
			final float scale = max == 0f ? 1f : gamut / max;
			for (int i = 0; i < size; i++)
				img[i] = (int) (scale * Math.max(r[i], 0f));
			return scale;
		}
		// Gaussian lowpass, float64, zero padded, axis 0 then axis 1.
		if (integer) {
			final int[] r = rawI;
			for (int i = 0; i < size; i++)
				work[i] = r[i];
		}
		else {
			final float[] r = rawF;
			for (int i = 0; i < size; i++)
				work[i] = r[i];
		}
		if (kernel != null)
			gaussian(w, h);
		else
			System.arraycopy(work, 0, bp, 0, size);

		// Boxcar background in the image's own type, nearest-mode edges.
		final double threshold = params.threshold(type);
		double max = Double.NEGATIVE_INFINITY;
		final double[] b = bp;
		if (integer) {
			final int[] bg;
			if (smoothing > 1) {
				if (boxA == null) {
					boxA = new int[capacity];
					boxB = new int[capacity];
				}
				boxcarInt(w, h);
				bg = boxB;
			}
			else {
				bg = rawI;
			}
			for (int i = 0; i < size; i++) {
				double v = b[i] - bg[i];
				v = v >= threshold ? v : 0;
				b[i] = v;
				if (v > max)
					max = v;
			}
		}
		else {
			final float[] bg;
			if (smoothing > 1) {
				if (boxAF == null) {
					boxAF = new float[capacity];
					boxBF = new float[capacity];
				}
				boxcarFloat(w, h);
				bg = boxBF;
			}
			else {
				bg = rawF;
			}
			for (int i = 0; i < size; i++) {
				double v = b[i] - bg[i];
				v = v >= threshold ? v : 0;
				b[i] = v;
				if (v > max)
					max = v;
			}
		}
		// convert_to_int: scale to the gamut of the integer type, truncate.
		final double scale = max == 0 ? 1. : gamut / max;
		final int[] im = img;
		for (int i = 0; i < size; i++)
			im[i] = (int) (scale * Math.max(b[i], 0.));
		return scale;
	}

	/**
	 * scipy's {@code correlate1d} with a symmetric kernel, mode 'constant':
	 * {@code out = c * k0 + sum over j from outermost to 1 of (in[-j] + in[+j]) * kj}.
	 * Axis 0 from {@code work} into {@code bp}, then axis 1 in place.
	 */
	private void gaussian(final int w, final int h) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final double k0 = k[lw];
		final double[] in = work;
		final double[] out = bp;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				out[o + x] = in[o + x] * k0;
			for (int j = lw; j >= 1; j--) {
				final double kj = k[lw - j];
				final int ya = y - j;
				final int yb = y + j;
				if (ya >= 0 && yb < h) {
					final int oa = ya * w, ob = yb * w;
					for (int x = 0; x < w; x++)
						out[o + x] += (in[oa + x] + in[ob + x]) * kj;
				}
				else if (ya >= 0) {
					final int oa = ya * w;
					for (int x = 0; x < w; x++)
						out[o + x] += in[oa + x] * kj;
				}
				else if (yb < h) {
					final int ob = yb * w;
					for (int x = 0; x < w; x++)
						out[o + x] += in[ob + x] * kj;
				}
			}
		}
		final double[] p = pad; // zeros outside [lw, lw + w)
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			System.arraycopy(out, o, p, lw, w);
			for (int x = 0; x < w; x++)
				out[o + x] = p[lw + x] * k0;
			for (int j = lw; j >= 1; j--) {
				final double kj = k[lw - j];
				for (int x = 0; x < w; x++)
					out[o + x] += (p[lw + x - j] + p[lw + x + j]) * kj;
			}
		}
	}

	/**
	 * scipy's {@code uniform_filter1d}, mode 'nearest', on an integer image
	 * with integer output: a running sum, one division, truncation; axis 0
	 * from {@code rawI} into {@code boxA}, then axis 1 into {@code boxB}.
	 */
	private void boxcarInt(final int w, final int h) {
		final int s = smoothing;
		final int s1 = s / 2;
		final int s2 = s - s1 - 1;
		final int[] in = rawI;
		final int[] a = boxA;
		final int[] sum = colSumI;
		Arrays.fill(sum, 0, w, 0);
		for (int k = -s1; k <= s2; k++) {
			final int o = clamp(k, h) * w;
			for (int x = 0; x < w; x++)
				sum[x] += in[o + x];
		}
		for (int x = 0; x < w; x++)
			a[x] = sum[x] / s;
		for (int y = 1; y < h; y++) {
			final int oAdd = clamp(y + s2, h) * w;
			final int oSub = clamp(y - 1 - s1, h) * w;
			final int o = y * w;
			for (int x = 0; x < w; x++) {
				sum[x] += in[oAdd + x] - in[oSub + x];
				a[o + x] = sum[x] / s;
			}
		}
		final int[] b = boxB;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = t / s;
			if (w > s1 + s2 + 1) {
				// interior: no clamping needed for x in [s1 + 1, w - s2 - 1]
				int x = 1;
				for (; x <= s1 && x < w; x++) {
					t += a[o + clamp(x + s2, w)] - a[o + clamp(x - 1 - s1, w)];
					b[o + x] = t / s;
				}
				for (; x < w - s2; x++) {
					t += a[o + x + s2] - a[o + x - 1 - s1];
					b[o + x] = t / s;
				}
				for (; x < w; x++) {
					t += a[o + clamp(x + s2, w)] - a[o + x - 1 - s1];
					b[o + x] = t / s;
				}
			}
			else {
				for (int x = 1; x < w; x++) {
					t += a[o + clamp(x + s2, w)] - a[o + clamp(x - 1 - s1, w)];
					b[o + x] = t / s;
				}
			}
		}
	}

	/**
	 * scipy's {@code uniform_filter1d}, mode 'nearest', on a float32 image
	 * with float32 output: a double running sum updated by
	 * {@code (new - old)}, divided and rounded to float per pass.
	 */
	private void boxcarFloat(final int w, final int h) {
		final int s = smoothing;
		final int s1 = s / 2;
		final int s2 = s - s1 - 1;
		final float[] in = rawF;
		final float[] a = boxAF;
		final double[] sum = colSum;
		Arrays.fill(sum, 0, w, 0.);
		for (int k = -s1; k <= s2; k++) {
			final int o = clamp(k, h) * w;
			for (int x = 0; x < w; x++)
				sum[x] += in[o + x];
		}
		for (int x = 0; x < w; x++)
			a[x] = (float) (sum[x] / s);
		for (int y = 1; y < h; y++) {
			final int oAdd = clamp(y + s2, h) * w;
			final int oSub = clamp(y - 1 - s1, h) * w;
			final int o = y * w;
			for (int x = 0; x < w; x++) {
				sum[x] += (double) in[oAdd + x] - (double) in[oSub + x];
				a[o + x] = (float) (sum[x] / s);
			}
		}
		final float[] b = boxBF;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			double t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = (float) (t / s);
			for (int x = 1; x < w; x++) {
				t += (double) a[o + clamp(x + s2, w)] - (double) a[o + clamp(x - 1 - s1, w)];
				b[o + x] = (float) (t / s);
			}
		}
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	// ------------------------------------------------------------------
	// Local maxima

	/**
	 * trackpy's {@code grey_dilation(image, separation, percentile, margin,
	 * precise=False)}: pixels equal to the maximum of their dilation box
	 * (rows/columns {@code [p - (S-1)//2, p + S//2]}, zero outside) and
	 * strictly above the percentile of the non-zero pixels, outside the margin.
	 */
	private void findMaxima(final int w, final int h, final PixelType type) {
		final int size = w * h;
		final int[] im = img;
		final int maxValue = type.gamut();
		if (hist.length < maxValue + 1)
			hist = new int[maxValue + 1];
		final int[] hs = hist;
		Arrays.fill(hs, 0, maxValue + 1, 0);
		long nonZero = 0;
		for (int i = 0; i < size; i++) {
			final int v = im[i];
			if (v != 0) {
				hs[v]++;
				nonZero++;
			}
		}
		if (nonZero == 0)
			return; // "Image is completely black."
		final double threshold = NumpyMath.percentileOfHistogram(hs, nonZero, params.percentile());

		final int S = dilationSize;
		final int lo = (S - 1) / 2;
		final int hi = S / 2;
		final int y0 = (int) Math.ceil(margin);
		final int y1 = (int) Math.floor(h - margin - 1);
		final int x0 = (int) Math.ceil(margin);
		final int x1 = (int) Math.floor(w - margin - 1);
		if (y0 > y1 || x0 > x1)
			return;
		// Horizontal running maximum for the rows the vertical test reads.
		final int ra = Math.max(0, y0 - lo);
		final int rb = Math.min(h - 1, y1 + hi);
		for (int y = ra; y <= rb; y++)
			rowMaximum(y, w, lo, S);
		final int[] rm = rowMax;
		for (int y = y0; y <= y1; y++) {
			final int o = y * w;
			final int ya = Math.max(0, y - lo);
			final int yb = Math.min(h - 1, y + hi);
			for (int x = x0; x <= x1; x++) {
				final int v = im[o + x];
				if (v <= threshold || rm[o + x] != v)
					continue;
				boolean isMax = true;
				for (int yy = ya; yy <= yb; yy++) {
					if (rm[yy * w + x] > v) {
						isMax = false;
						break;
					}
				}
				if (isMax)
					addCandidate(y, x);
			}
		}
	}

	/**
	 * van Herk / Gil-Werman running maximum of row {@code y} of {@code img}
	 * over the window {@code [x - lo, x - lo + S - 1]}, zero outside the image.
	 */
	private void rowMaximum(final int y, final int w, final int lo, final int S) {
		final int len = w + S - 1;
		final int blocks = (len + S - 1) / S;
		final int total = blocks * S;
		final int[] p = hvRow, g = hvPrefix, hs = hvSuffix;
		final int o = y * w;
		Arrays.fill(p, 0, lo, 0);
		System.arraycopy(img, o, p, lo, w);
		Arrays.fill(p, lo + w, total, 0);
		for (int b = 0; b < total; b += S) {
			int m = p[b];
			g[b] = m;
			for (int i = b + 1; i < b + S; i++) {
				if (p[i] > m)
					m = p[i];
				g[i] = m;
			}
			m = p[b + S - 1];
			hs[b + S - 1] = m;
			for (int i = b + S - 2; i >= b; i--) {
				if (p[i] > m)
					m = p[i];
				hs[i] = m;
			}
		}
		final int[] rm = rowMax;
		for (int x = 0; x < w; x++) {
			final int a = hs[x];
			final int b = g[x + S - 1];
			rm[o + x] = a > b ? a : b;
		}
	}

	private void addCandidate(final int y, final int x) {
		if (n == cy.length) {
			final int c = 2 * n;
			cy = Arrays.copyOf(cy, c);
			cx = Arrays.copyOf(cx, c);
			fy = Arrays.copyOf(fy, c);
			fx = Arrays.copyOf(fx, c);
			fmass = Arrays.copyOf(fmass, c);
			fsize = Arrays.copyOf(fsize, c);
			fecc = Arrays.copyOf(fecc, c);
			fsignal = Arrays.copyOf(fsignal, c);
			fraw = Arrays.copyOf(fraw, c);
			drop = Arrays.copyOf(drop, c);
		}
		cy[n] = y;
		cx[n] = x;
		n++;
	}

	// ------------------------------------------------------------------
	// Refinement (trackpy's numba engine, _numba_refine_2D[_c])

	private void refine(final int w, final int h, final boolean integer) {
		final CircularMask m = mask;
		final int r = radius;
		final int[] mdy = m.dy, mdx = m.dx;
		final int nm = m.size;
		final int[] im = img;
		final int maxIter = params.effectiveMaxIterations();
		final double shift = 0.6;
		final int upperY = h - r - 1;
		final int upperX = w - r - 1;
		final boolean characterize = params.characterize();
		for (int f = 0; f < n; f++) {
			int coordY = cy[f];
			int coordX = cx[f];
			int squareY = 0, squareX = 0;
			double cmIY = coordY, cmIX = coordX;
			double mass = 0;
			for (int it = 0; it < maxIter; it++) {
				squareY = coordY - r;
				squareX = coordX - r;
				long sy = 0, sx = 0, sm = 0;
				for (int i = 0; i < nm; i++) {
					final int px = im[(squareY + mdy[i]) * w + squareX + mdx[i]];
					sy += (long) px * mdy[i];
					sx += (long) px * mdx[i];
					sm += px;
				}
				mass = sm;
				double cmNY, cmNX;
				if (sm == 0) { // trackpy's python engine: no shift
					cmNY = r;
					cmNX = r;
				}
				else {
					cmNY = sy / mass;
					cmNX = sx / mass;
				}
				cmIY = cmNY - r + coordY;
				cmIX = cmNX - r + coordX;
				final double offY = cmNY - r;
				final double offX = cmNX - r;
				if (Math.abs(offY) < shift && Math.abs(offX) < shift)
					break;
				if (offY > shift)
					coordY++;
				else if (offY < -shift)
					coordY--;
				if (offX > shift)
					coordX++;
				else if (offX < -shift)
					coordX--;
				if (coordY < r)
					coordY = r;
				if (coordX < r)
					coordX = r;
				if (coordY > upperY)
					coordY = upperY;
				if (coordX > upperX)
					coordX = upperX;
			}
			fy[f] = cmIY;
			fx[f] = cmIX;
			fmass[f] = mass;
			if (!characterize)
				continue;
			long rg = 0;
			double e1 = 0, e2 = 0, raw = 0;
			int signal = 0;
			final int[] r2 = m.r2;
			final double[] c2 = m.cos2, s2 = m.sin2;
			for (int i = 0; i < nm; i++) {
				final int idx = (squareY + mdy[i]) * w + squareX + mdx[i];
				final int px = im[idx];
				rg += (long) r2[i] * px;
				e1 += c2[i] * px;
				e2 += s2[i] * px;
				raw += integer ? rawI[idx] : rawF[idx];
				if (px > signal)
					signal = px;
			}
			fsize[f] = Math.sqrt(rg / mass);
			final int center = im[(squareY + r) * w + squareX + r];
			fecc[f] = Math.sqrt(e1 * e1 + e2 * e2) / (mass - center + 1e-6);
			fsignal[f] = signal;
			fraw[f] = raw;
		}
	}

	// ------------------------------------------------------------------
	// Duplicates (trackpy's find.where_close), filters and topn

	/**
	 * Marks, for every pair closer than {@code separation} (in units scaled
	 * by separation, pairs with distance <= 1 - 1e-7), the dimmer one; on equal
	 * mass the one whose scaled y + x is smaller... exactly as
	 * {@code where_close}.
	 */
	private void removeDuplicates() {
		Arrays.fill(drop, 0, n, false);
		if (!(separation > 0) || n < 2)
			return;
		if (order.length < n)
			order = new Integer[Math.max(n, 2 * order.length)];
		final double sep = separation;
		final double[] ry = new double[n], rx = new double[n];
		for (int i = 0; i < n; i++) {
			ry[i] = fy[i] / sep;
			rx[i] = fx[i] / sep;
			order[i] = i;
		}
		Arrays.sort(order, 0, n, (a, b) -> Double.compare(ry[a], ry[b]));
		final double r = 1 - 1e-7;
		final double r2 = r * r;
		for (int a = 0; a < n; a++) {
			final int ia = order[a];
			for (int b = a + 1; b < n; b++) {
				final int ib = order[b];
				if (ry[ib] - ry[ia] > 1)
					break;
				final int i0 = Math.min(ia, ib), i1 = Math.max(ia, ib);
				final double ddy = ry[i0] - ry[i1];
				final double ddx = rx[i0] - rx[i1];
				if (ddy * ddy + ddx * ddx > r2)
					continue;
				final double m0 = fmass[i0], m1 = fmass[i1];
				final int victim;
				if (m0 > m1)
					victim = i1;
				else if (m0 == m1)
					victim = ry[i0] + rx[i0] > ry[i1] + rx[i1] ? i1 : i0;
				else
					victim = i0;
				drop[victim] = true;
			}
		}
	}

	/**
	 * Divides mass and signal by the scale factor, keeps {@code mass >
	 * minmass} (and {@code size < maxsize}), then applies {@code topn}.
	 *
	 * @return indices of the surviving features, in output order
	 */
	private int[] filterAndRank(final double scale) {
		final double minmass = params.minmass();
		final Double maxsize = params.maxsize();
		int count = 0;
		final int[] kept = new int[n];
		for (int i = 0; i < n; i++) {
			if (drop[i])
				continue;
			fmass[i] /= scale;
			fsignal[i] /= scale;
			if (!(fmass[i] > minmass))
				continue;
			if (maxsize != null && !(fsize[i] < maxsize))
				continue;
			kept[count++] = i;
		}
		final Integer topn = params.topn();
		if (topn == null || count <= topn)
			return Arrays.copyOf(kept, count);
		if (topn == 1) {
			int best = kept[0];
			for (int k = 1; k < count; k++)
				if (fmass[kept[k]] > fmass[best])
					best = kept[k];
			return new int[] { best };
		}
		// numpy: iloc[argsort(mass)[-topn:]] -- ascending mass; topn == 0 keeps all.
		final Integer[] idx = new Integer[count];
		for (int k = 0; k < count; k++)
			idx[k] = kept[k];
		Arrays.sort(idx, (a, b) -> Double.compare(fmass[a], fmass[b]));
		final int take = topn == 0 ? count : topn;
		final int[] out = new int[take];
		for (int k = 0; k < take; k++)
			out[k] = idx[count - take + k];
		return out;
	}

	// ------------------------------------------------------------------
	// Noise (trackpy's uncertainty.measure_noise)

	/**
	 * Mean and population standard deviation of the raw image over the
	 * background: pixels outside the binary dilation of the non-zero pixels of
	 * the rescaled bandpassed image by the circular mask. Integer images are
	 * averaged in double (numpy accumulates them in float64); float images in
	 * numpy's float32 arithmetic ({@link NumpyMath#meanStdFloat32}).
	 *
	 * @return {black level, noise}, NaN where undefined
	 */
	private double[] measureNoise(final int w, final int h, final boolean integer) {
		final int size = w * h;
		if (dist == null)
			dist = new int[capacity];
		final int[] d = dist;
		final int[] im = img;
		final int far = radius + 1;
		// Horizontal distance to the nearest non-zero pixel in the row, capped.
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int last = -far - 1;
			for (int x = 0; x < w; x++) {
				if (im[o + x] != 0)
					last = x;
				d[o + x] = Math.min(far, x - last);
			}
			last = w + far + 1;
			for (int x = w - 1; x >= 0; x--) {
				if (im[o + x] != 0)
					last = x;
				final int dd = last - x;
				if (dd < d[o + x])
					d[o + x] = dd;
			}
		}
		final int[] hw = mask.halfWidth;
		final int r = radius;
		final boolean[] f = fg;
		if (!integer && (bgF == null || bgF.length < size))
			bgF = new float[capacity];
		long count = 0;
		double sum = 0;
		// Pass 1: count and sum of the background.
		for (int pass = 0; pass < 2; pass++) {
			final double mean = pass == 1 ? sum / count : 0;
			double acc = 0;
			for (int y = 0; y < h; y++) {
				Arrays.fill(f, 0, w, false);
				for (int k = -r; k <= r; k++) {
					final int yy = y + k;
					if (yy < 0 || yy >= h)
						continue;
					final int lim = hw[k + r];
					if (lim < 0)
						continue;
					final int o = yy * w;
					for (int x = 0; x < w; x++)
						f[x] |= d[o + x] <= lim;
				}
				final int o = y * w;
				if (pass == 0 && !integer) {
					for (int x = 0; x < w; x++)
						if (!f[x])
							bgF[(int) count++] = rawF[o + x];
				}
				else if (pass == 0) {
					for (int x = 0; x < w; x++) {
						if (!f[x]) {
							count++;
							acc += rawI[o + x];
						}
					}
				}
				else {
					for (int x = 0; x < w; x++) {
						if (!f[x]) {
							final double v = (integer ? rawI[o + x] : rawF[o + x]) - mean;
							acc += v * v;
						}
					}
				}
			}
			if (pass == 0) {
				if (count == 0)
					return new double[] { Double.NaN, Double.NaN };
				if (!integer) // numpy reduces float32 in float32
					return count == 1 ? new double[] { bgF[0], Double.NaN } : NumpyMath.meanStdFloat32(bgF, (int) count);
				sum = acc;
				if (count == 1)
					return new double[] { sum, Double.NaN };
			}
			else {
				return new double[] { mean, Math.sqrt(acc / count) };
			}
		}
		throw new AssertionError();
	}
}
