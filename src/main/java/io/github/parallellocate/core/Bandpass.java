package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * trackpy's {@code preprocessing.bandpass} followed by {@code convert_to_int}:
 * the image that maxima, refinement and characterisation work on.
 * <ul>
 * <li>Gaussian lowpass ({@code lowpass}): float64, zero padded
 * (scipy mode 'constant'), kernel half-width {@code int(4 sigma + 0.5)},
 * normalised with numpy's pairwise sum, axis 0 then axis 1, each output
 * {@code c * k0 + sum_j (in[-j] + in[+j]) * kj} from the outermost pair in
 * (scipy's symmetric correlate1d).</li>
 * <li>Boxcar background ({@code boxcar}): scipy's {@code uniform_filter1d},
 * mode 'nearest', in the image's own type: for integer images a running sum,
 * one division, truncation to the type after each axis; for float32 a double
 * running sum updated by {@code (new - old)}, rounded to float32 per axis.</li>
 * <li>{@code result = lowpass - boxcar}, kept where {@code >= threshold}, else 0.</li>
 * <li>Rescaled to {@code 0..gamut} with {@code (int)(gamut / max * max(v, 0))}
 * (truncation); mass and signal are later divided by that factor.</li>
 * </ul>
 * <b>How it runs.</b> The rows are cut into bands (run in parallel when a
 * splitter has threads) and every band into vertical strips of about
 * {@value #STRIP} columns (plus a halo of the filters' half-widths on both
 * sides), and the rows of a strip stream through a ring of input rows of the
 * strip's width: every pass over a row of a strip (loading it from the
 * plane's own pixels, the boxcar's column sums and quotients, the Gaussian
 * along each axis, subtract and threshold) works on a few kilobytes that stay
 * in the L1 cache, where a pass over whole 2048-pixel rows would stream
 * through L2. Every row kernel reads and writes whole arrays at one index
 * {@code i}, the only loops HotSpot 17's SuperWord vectorises (it gives up
 * on a loop that reads one array at several offsets, or at an offset it
 * cannot see): the Gaussian along a row reads shifted copies of the row, and
 * the Gaussian taps of one output are summed in one pass, in scipy's order.
 * The integer boxcar runs in doubles, exact for sums of integers (any order
 * of summing gives the same integers), with a nudged floor of the reciprocal
 * product as its exact integer division. The filters' values depend only on
 * the input pixels around each pixel, so the result is the same however the
 * image is cut into bands and strips.
 * <p>
 * Without preprocessing, integer planes are used as they are (factor 1) and
 * float planes are rescaled in float32 arithmetic, as numpy does.
 */
final class Bandpass {

	/**
	 * Added before flooring a boxcar quotient computed as {@code t * (1 / s)}:
	 * larger than the product's rounding error ({@code t / s <= 65535} gives
	 * at most about 2e-11) and smaller than the distance {@code 1 / s} from a
	 * non-integral quotient to the next integer (for {@code s < 2^24}), so the
	 * floor is exactly the integer division {@code t / s}.
	 */
	static final double QUOTIENT_NUDGE = 1e-9;


	private final LocateParameters params;
	private final double[] kernel; // null when noise_size == 0
	private final int lw; // the kernel's half-width
	private final int smoothing, s1, s2;
	private final double inverse; // 1 / smoothing
	private final int back, ahead; // rows the ring keeps before and after the current one
	private final int pad; // halo columns of a strip on either side

	private int[] img = new int[0]; // the integer image
	private Band[] bands = new Band[0]; // the scratch of each row band (one unless a splitter runs bands in parallel)
	private double[] asDouble = new double[0]; // asDouble[v] == v, for integer pixels
	private float[] boxF = new float[0], boxF2 = new float[0];
	private double[] colSumF = new double[0];

	Bandpass(final LocateParameters params) {
		this.params = params;
		final double noiseSize = params.noiseSize().uniform();
		kernel = noiseSize > 0 ? gaussianKernel(noiseSize, 4.0) : null;
		lw = kernel == null ? 0 : kernel.length / 2;
		smoothing = (int) params.smoothingSize().uniform();
		s1 = smoothing / 2;
		s2 = smoothing - s1 - 1;
		inverse = 1. / smoothing;
		back = Math.max(lw, s1 + 1);
		ahead = Math.max(lw, s2);
		pad = Math.max(lw, Math.max(s1, s2));
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
	 * Computes the integer image ({@link #image()}), counts its values into
	 * {@code hist} and marks its non-zero pixels in {@code nz}; completes
	 * {@code raw}'s copy of the pixels.
	 *
	 * @return the scale factor trackpy divides mass and signal by
	 */
	double apply(final RawImage raw, final Histogram hist, final NonZeroBits nz) {
		return apply(raw, hist, nz, Splitter.SERIAL);
	}

	/** The integer image of the last {@link #apply} (row-major, at least width x height long). */
	int[] image() {
		return img;
	}

	/**
	 * {@link #apply(RawImage, Histogram, NonZeroBits)} with the rows split
	 * into bands that the splitter may run in parallel; the result is the
	 * same.
	 * <p>
	 * The full-frame arrays a fresh locator needs (the integer image, the raw
	 * image's integer copy, each band's rows of the band pass) are allocated
	 * on the threads of the split, in parallel: the JVM zeroes a new array on
	 * the thread that allocates it, and for a 2048x2048 frame that is
	 * milliseconds per array. The integer image and the raw copy are
	 * allocated as parts of their own that run beside the first bands of the
	 * band pass, and filled later, by rows.
	 * </p>
	 */
	double apply(final RawImage raw, final Histogram hist, final NonZeroBits nz, final Splitter splitter) {
		final int w = raw.width, h = raw.height, size = w * h;
		final int gamut = raw.type.gamut();
		hist.reset(gamut);
		nz.reset(w, h);
		if (!params.preprocess()) {
			if (img.length < size)
				img = new int[size];
			raw.fill(splitter);
			final double scale = withoutPreprocessing(raw, img, size, gamut);
			for (int y = 0; y < h; y++) {
				hist.addAll(img, y * w, w);
				nz.packRow(img, y * w, w, y);
			}
			return scale;
		}
		// bands of at least 64 rows and 8 rings' worth (a band starts by loading a ring of rows), up to four per thread for balance
		final int n = splitter.parts(h, Math.max(64, 8 * (back + ahead + 1)), 4);
		ensure(w, gamut, n, w + 2 * pad);
		final boolean integer = raw.isInteger();
		final boolean box = smoothing > 1;
		final float[] bgF = integer || !box ? null : boxcarFloat(raw.floats, w, h);
		final double threshold = params.threshold(raw.type);
		final Band[] b = bands;
		// the allocations first, so that with two threads or more they run beside each other and beside bands
		final boolean newImage = img.length < size, newInts = raw.needsInts();
		// (an image too small to split allocates here: no helper thread is started for it)
		final int allocations = n == 1 ? 0 : (newImage ? 1 : 0) + (newInts ? 1 : 0);
		if (n == 1) {
			if (newImage)
				img = new int[size];
			raw.ensureInts();
		}
		splitter.run(allocations + n, i -> {
			if (i < allocations) {
				if (i == 0 && newImage)
					img = new int[size];
				else
					raw.ensureInts();
				return;
			}
			final int band = i - allocations;
			b[band].filterRows(raw, bgF, threshold, Splitter.bound(band, n, h), Splitter.bound(band + 1, n, h));
		});
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++)
			max = Math.max(max, b[i].max);
		// convert_to_int: (dtype)(gamut / max * clip(v, 0)), truncating
		final double scale = max == 0 ? 1. : gamut / max;
		// one part per thread here: every part but the first clears and merges a histogram of the whole gamut
		final int m = Math.min(n, splitter.parallelism());
		final int[] image = img;
		splitter.run(m, j -> {
			final Histogram counts = j == 0 ? hist : b[j].histogram;
			if (j > 0)
				counts.reset(gamut);
			for (int i = Splitter.bound(j, m, n); i < Splitter.bound(j + 1, m, n); i++)
				for (int y = Splitter.bound(i, n, h), end = Splitter.bound(i + 1, n, h); y < end; y++) {
					b[i].integerRow(y, w, scale, image, counts, nz);
					if (integer)
						raw.fill(y * w, y * w + w);
				}
		});
		raw.filled();
		for (int i = 1; i < m; i++)
			hist.addLanes(b[i].histogram);
		return scale;
	}

	/**
	 * {@code v >= t ? v : 0.0} for finite values in arithmetic the JIT
	 * vectorises: {@code floor(v - t) + 1} is at least 1 when {@code v >= t}
	 * and at most 0 when {@code v < t} (then {@code v - t} is negative, never
	 * zero), so the clamped step is exactly 1 or 0. (Only the sign of a zero
	 * can differ, which no later step sees.)
	 */
	static double keepAtLeast(final double v, final double t) {
		return v * Math.min(1., Math.max(0., Math.floor(v - t) + 1.));
	}

	private static double withoutPreprocessing(final RawImage raw, final int[] img, final int size, final int gamut) {
		if (raw.isInteger()) {
			System.arraycopy(raw.ints, 0, img, 0, size);
			return 1.;
		}
		// convert_to_int on a float32 image: numpy keeps float32 arithmetic.
		final float[] r = raw.floats;
		float max = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < size; i++)
			max = Math.max(max, r[i]);
		final float scale = max == 0f ? 1f : gamut / max;
		for (int i = 0; i < size; i++)
			img[i] = (int) (scale * Math.max(r[i], 0f));
		return scale;
	}

	private void ensure(final int w, final int gamut, final int n, final int stripLength) {
		if (bands.length < n) {
			final Band[] more = Arrays.copyOf(bands, n);
			for (int i = bands.length; i < n; i++)
				more[i] = new Band();
			bands = more;
		}
		for (int i = 0; i < n; i++)
			bands[i].ensure(w, stripLength);
		if (asDouble.length < gamut + 1) {
			asDouble = new double[gamut + 1];
			for (int v = 0; v <= gamut; v++)
				asDouble[v] = v;
		}
	}

	// The Gaussian's row kernels: out = c * k0 + (a1 + b1) * k1 + ..., the
	// outermost pair first, two pairs a pass. (Measured: one pass over all
	// nine rows of a 9-tap kernel is slower than passes over five.)

	private static void centre(final double[] out, final int from, final int to, final double[] c, final double k0) {
		for (int x = from; x < to; x++)
			out[x] = c[x] * k0;
	}

	private static void first1(final double[] out, final int from, final int to, final double[] c, final double k0,
			final double[] a1, final double[] b1, final double k1) {
		for (int x = from; x < to; x++)
			out[x] = c[x] * k0 + (a1[x] + b1[x]) * k1;
	}

	private static void first2(final double[] out, final int from, final int to, final double[] c, final double k0,
			final double[] a1, final double[] b1, final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = from; x < to; x++) {
			double v = c[x] * k0;
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[x] = v;
		}
	}

	private static void next1(final double[] out, final int from, final int to, final double[] a1, final double[] b1,
			final double k1) {
		for (int x = from; x < to; x++)
			out[x] += (a1[x] + b1[x]) * k1;
	}

	private static void next2(final double[] out, final int from, final int to, final double[] a1, final double[] b1,
			final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = from; x < to; x++) {
			double v = out[x];
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[x] = v;
		}
	}

	/**
	 * scipy's symmetric {@code correlate1d} at one row, for {@code x} in
	 * {@code [from, to)}: {@code out = t[lw] * k0 + sum over j = lw..1 of
	 * (t[lw - j] + t[lw + j]) * kj}, the outer pair first. Each tap is a whole
	 * row array (rows of the ring for axis 0, shifted copies of a row for axis
	 * 1), read at the same index. A row of zeros stands for the padding:
	 * {@code (0 + v) * k == v * k} exactly.
	 */
	private static void correlate(final double[] k, final int lw, final double[] out, final int from, final int to,
			final double[][] t) {
		final double[] c = t[lw];
		final double k0 = k[lw];
		if (lw == 0) {
			centre(out, from, to, c, k0);
			return;
		}
		boolean first = true;
		for (int j = lw; j >= 1; j -= 2) {
			final double[] a1 = t[lw - j], b1 = t[lw + j];
			if (j >= 2) {
				final double[] a2 = t[lw - j + 1], b2 = t[lw + j - 1];
				if (first)
					first2(out, from, to, c, k0, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
				else
					next2(out, from, to, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
			}
			else if (first) {
				first1(out, from, to, c, k0, a1, b1, k[lw - j]);
			}
			else {
				next1(out, from, to, a1, b1, k[lw - j]);
			}
			first = false;
		}
	}

	/**
	 * The scratch of one band of rows: its own ring of input rows (of one
	 * strip's width) and row buffers, so that bands can run on different
	 * threads. Every value depends only on the input pixels around it (the
	 * boxcar's column sums, exact integers in doubles, are summed afresh at a
	 * strip's first row), so the integer image is the same however the image
	 * is split into bands and strips.
	 * <p>
	 * Strip arrays are indexed by {@code i = x - (c0 - pad)} for the strip's
	 * columns {@code [c0, c1)}: the strip's own columns are {@code [pad, pad +
	 * c1 - c0)}, the halo on either side is {@code pad} wide.
	 */
	private final class Band {
		private double[][] ring = new double[0][0]; // input rows of the strip as doubles, by row mod ring length
		private double[] zeros = new double[0];
		private double[] low = new double[0], low2 = new double[0];
		private double[][] shifted = new double[0][0]; // shifted copies of low for the axis-1 taps
		private final double[][] taps = new double[2 * lw + 1][];
		private double[] colSum = new double[0], quotients = new double[0], boxSums = new double[0], background = new double[0];
		private double[] out = new double[0], columnMax = new double[0];
		/**
		 * The band's rows of the thresholded band pass, row-major from row
		 * {@code y0}: allocated (and so zeroed by the JVM) by the thread that
		 * fills them, so that a fresh locator's first large frame does not
		 * clear the whole image on one thread.
		 */
		private double[] result = new double[0];
		private double[] resultRow = new double[0];
		private int y0;
		/** The largest value of this band's last {@link #filterRows}. */
		double max;
		/** Counts of this band's values (bands after the first; merged into the plane's). */
		final Histogram histogram = new Histogram();

		void ensure(final int w, final int length) {
			final int rows = back + ahead + 1;
			if (ring.length != rows || ring[0].length < length)
				ring = rows(rows, length);
			if (zeros.length < length) {
				zeros = scratchRow(length);
				low = scratchRow(length);
				low2 = scratchRow(length);
				colSum = scratchRow(length);
				quotients = scratchRow(length);
				boxSums = scratchRow(length);
				background = scratchRow(length);
				out = scratchRow(length);
				columnMax = scratchRow(length);
			}
			if (shifted.length != 2 * lw + 1 || shifted[0].length < length)
				shifted = rows(2 * lw + 1, length);
			if (resultRow.length < w)
				resultRow = new double[w];
		}

		/**
		 * Rows {@code y0..y1} of the thresholded band pass into the band's
		 * {@code result}, their maximum into {@link #max}, strip by strip; also
		 * writes these rows of the raw image's integer copy.
		 */
		void filterRows(final RawImage raw, final float[] bgF, final double threshold, final int y0, final int y1) {
			final int w = raw.width;
			this.y0 = y0;
			if (result.length < (y1 - y0) * w)
				result = new double[(y1 - y0) * w];
			max = Double.NEGATIVE_INFINITY;
			strip(raw, bgF, threshold, y0, y1, 0, w);
		}

		/** Rows {@code y0..y1} of columns {@code c0..c1}. */
		private void strip(final RawImage raw, final float[] bgF, final double threshold, final int y0, final int y1,
				final int c0, final int c1) {
			final int w = raw.width, h = raw.height;
			final boolean integer = raw.isInteger();
			final boolean box = smoothing > 1;
			final int p = pad, c = c1 - c0, base = c0 - p;
			final int lo = Math.max(0, -base), hi = Math.min(c + 2 * p, w - base); // the image's columns, in strip indices
			final int from = p, to = p + c; // the strip's own columns
			for (int y = Math.max(0, y0 - back); y <= y0 + ahead && y < h; y++)
				loadRow(raw, y, base, lo, hi);
			final double[] cmax = columnMax;
			Arrays.fill(cmax, from, to, Double.NEGATIVE_INFINITY);
			if (kernel != null && lw > 0) {
				// zeros beyond the image's edges, for the taps of axis 1
				Arrays.fill(low, 0, lo, 0.);
				Arrays.fill(low, hi, c + 2 * p, 0.);
			}
			final int bLo = Math.max(lo, p - s1), bHi = Math.min(hi, to + s2); // the boxcar's columns
			final int gLo = Math.max(lo, p - lw), gHi = Math.min(hi, to + lw); // the Gaussian's columns along axis 0
			for (int y = y0; y < y1; y++) {
				if (y > y0 && y + ahead < h)
					loadRow(raw, y + ahead, base, lo, hi);
				final double[] lowpass;
				if (kernel == null)
					lowpass = ring[y % ring.length];
				else
					lowpass = lowpassRow(y, h, gLo, gHi, from, to, c);
				final double[] o = out;
				if (box && integer) {
					boxcarSums(y, y0, h, bLo, bHi, from, to);
					if (smoothing < 1 << 24) {
						subtractBoxAndThreshold(lowpass, boxSums, inverse, threshold, o, cmax, from, to);
					}
					else {
						final double[] bg = background;
						for (int x = from; x < to; x++)
							bg[x] = Math.floor(boxSums[x] / smoothing);
						subtractAndThreshold(lowpass, bg, threshold, o, cmax, from, to);
					}
				}
				else {
					final double[] bg;
					if (box) {
						bg = background;
						final int row = y * w + base;
						for (int x = from; x < to; x++)
							bg[x] = bgF[row + x];
					}
					else {
						bg = ring[y % ring.length];
					}
					subtractAndThreshold(lowpass, bg, threshold, o, cmax, from, to);
				}
				System.arraycopy(o, from, result, (y - y0) * w + c0, c);
			}
			double m = max;
			for (int x = from; x < to; x++)
				m = Math.max(m, cmax[x]);
			max = m;
		}

		/**
		 * Row {@code y} of the integer image from the thresholded result, with
		 * its values counted and its non-zero pixels marked (a method of its own,
		 * called once a row, so that the JIT compiles it early and once). One
		 * loop does all three rather than writing the row and then calling
		 * {@link Histogram#addAll} and {@link NonZeroBits#packRow}, as the path
		 * without preprocessing does. Truncating {@code scale * v} and then clipping
		 * negative integers to 0 gives convert_to_int's {@code (int) (scale *
		 * max(v, 0))} without Java's {@code Math.max} of doubles, which costs
		 * several instructions when it does not vectorise.
		 */
		private void integerRow(final int y, final int w, final double scale, final int[] img, final Histogram hist,
				final NonZeroBits nz) {
			final double[] r = result;
			final int[] counts = hist.counts;
			final int bins = hist.bins;
			final long[] bits = nz.bits;
			final int words = nz.words;
			final int o = y * w, ro = (y - y0) * w;
			for (int wd = 0, x = 0; wd < words; wd++) {
				final int end = Math.min(w, x + 64);
				long b = 0;
				for (int bit = 0; x < end; x++, bit++) {
					final int t = (int) (scale * r[ro + x]);
					final int v = t & ~(t >> 31); // max(t, 0)
					img[o + x] = v;
					counts[Histogram.slot(v, x, bins)]++;
					b |= NonZeroBits.nonZero(v) << bit;
				}
				bits[y * words + wd] = b;
			}
		}

		/**
		 * Row {@code y} of the strip from the plane's pixels (inverted if asked)
		 * as doubles into the ring, strip indices {@code [lo, hi)}.
		 */
		private void loadRow(final RawImage raw, final int y, final int base, final int lo, final int hi) {
			final double[] dst = ring[y % ring.length];
			final int src = y * raw.width + base;
			switch (raw.type) {
				case UINT8: {
					final byte[] px = (byte[]) raw.pixels;
					final double[] d = asDouble; // a table lookup is cheaper than HotSpot's int-to-double conversion
					if (raw.invert)
						for (int i = lo; i < hi; i++)
							dst[i] = d[255 - (px[src + i] & 0xff)];
					else
						for (int i = lo; i < hi; i++)
							dst[i] = d[px[src + i] & 0xff];
					break;
				}
				case UINT16: {
					final short[] px = (short[]) raw.pixels;
					if (raw.invert) {
						for (int i = lo; i < hi; i++)
							dst[i] = 65535 - (px[src + i] & 0xffff);
					}
					else {
						final double[] d = asDouble;
						for (int i = lo; i < hi; i++)
							dst[i] = d[px[src + i] & 0xffff];
					}
					break;
				}
				default: {
					final float[] r = raw.floats;
					for (int i = lo; i < hi; i++)
						dst[i] = r[src + i];
				}
			}
		}

		/**
		 * Row {@code y} of the integer boxcar's sums along axis 1 into {@code
		 * boxSums[from..to)}: the column sums over rows {@code [y - s1, y + s2]}
		 * (clamped to the image: scipy's mode 'nearest'), started afresh at the
		 * strip's first row {@code y0} and then moved by a row, divided by the
		 * size and truncated (axis 0), the quotients beyond the image's edges
		 * repeating the edge's, then the running sums along the row. Sums of
		 * integers are exact in doubles, so this is the integer running sum.
		 */
		private void boxcarSums(final int y, final int y0, final int h, final int bLo, final int bHi, final int from,
				final int to) {
			final double[] sum = colSum, a = quotients;
			if (y == y0) {
				Arrays.fill(sum, bLo, bHi, 0.);
				for (int k = -s1; k <= s2; k++)
					addRow(sum, ring[clamp(y0 + k, h) % ring.length], bLo, bHi);
				floorQuotients(sum, a, bLo, bHi);
			}
			else if (smoothing < 1 << 24) {
				moveColumnSums(sum, ring[clamp(y + s2, h) % ring.length], ring[clamp(y - 1 - s1, h) % ring.length], a, inverse,
					bLo, bHi);
			}
			else {
				final double[] add = ring[clamp(y + s2, h) % ring.length], sub = ring[clamp(y - 1 - s1, h) % ring.length];
				for (int x = bLo; x < bHi; x++)
					sum[x] += add[x] - sub[x];
				floorQuotients(sum, a, bLo, bHi);
			}
			// beyond the image's edges the quotients repeat the edge's (scipy's mode 'nearest')
			for (int x = from - s1; x < bLo; x++)
				a[x] = a[bLo];
			for (int x = bHi; x < to + s2; x++)
				a[x] = a[bHi - 1];
			runningSums(a, boxSums, from, to);
		}

		/**
		 * The box sums {@code b[x] = a[x - s1] + ... + a[x + s2]} for {@code x}
		 * in {@code [from, to)}, as four interleaved running sums over quarters
		 * of the range (each quarter starting from its own directly summed box):
		 * four independent chains of additions instead of one, with the same
		 * exact integer results.
		 */
		private void runningSums(final double[] a, final double[] b, final int from, final int to) {
			final int q = (to - from) / 4;
			final int x1 = from + q, x2 = x1 + q, x3 = x2 + q;
			double t0 = boxSum(a, from), t1 = boxSum(a, x1), t2 = boxSum(a, x2), t3 = boxSum(a, x3);
			b[from] = t0;
			b[x1] = t1;
			b[x2] = t2;
			b[x3] = t3;
			for (int i = 1; i < q; i++) {
				t0 += a[from + i + s2] - a[from + i - 1 - s1];
				b[from + i] = t0;
				t1 += a[x1 + i + s2] - a[x1 + i - 1 - s1];
				b[x1 + i] = t1;
				t2 += a[x2 + i + s2] - a[x2 + i - 1 - s1];
				b[x2 + i] = t2;
				t3 += a[x3 + i + s2] - a[x3 + i - 1 - s1];
				b[x3 + i] = t3;
			}
			for (int x = Math.max(x3 + 1, x3 + q); x < to; x++) {
				t3 += a[x + s2] - a[x - 1 - s1];
				b[x] = t3;
			}
		}

		private double boxSum(final double[] a, final int x) {
			double t = 0;
			for (int k = x - s1; k <= x + s2; k++)
				t += a[k];
			return t;
		}

		/**
		 * {@code out = t / s}, the integer quotients of integral sums {@code t}:
		 * {@code floor(t * (1 / s) + nudge)}, which vectorises, for the smoothing
		 * sizes where the nudge is below {@code 1 / s} (any image's); a floored
		 * division beyond.
		 */
		private void floorQuotients(final double[] t, final double[] out, final int from, final int to) {
			if (smoothing < 1 << 24) {
				final double inv = inverse;
				for (int x = from; x < to; x++)
					out[x] = Math.floor(t[x] * inv + QUOTIENT_NUDGE);
			}
			else {
				for (int x = from; x < to; x++)
					out[x] = Math.floor(t[x] / smoothing);
			}
		}

		/**
		 * Row {@code y} of the Gaussian lowpass over the strip's own columns:
		 * axis 0 from the ring (columns {@code [gLo, gHi)}, zeros beyond the
		 * image), then axis 1 from shifted copies of that row.
		 */
		private double[] lowpassRow(final int y, final int h, final int gLo, final int gHi, final int from, final int to,
				final int c) {
			final double[][] t = taps;
			for (int i = 0; i <= 2 * lw; i++)
				t[i] = row(y - lw + i, h);
			correlate(kernel, lw, low, gLo, gHi, t);
			if (lw == 0)
				return low;
			// shifted[i][x] = low[x + i - lw]
			for (int i = 0; i <= 2 * lw; i++) {
				if (i == lw) {
					t[i] = low;
					continue;
				}
				System.arraycopy(low, from + i - lw, shifted[i], from, c);
				t[i] = shifted[i];
			}
			correlate(kernel, lw, low2, from, to, t);
			return low2;
		}

		private double[] row(final int y, final int h) {
			return y < 0 || y >= h ? zeros : ring[y % ring.length];
		}
	}

	/**
	 * A scratch row: 64 bytes longer than asked, so that rows allocated one
	 * after the other do not start at addresses that agree modulo 4096 (for
	 * 2048-pixel rows they would), which makes the kernels reading ten rows at
	 * one index fight over the same L1 cache sets.
	 */
	private static double[] scratchRow(final int length) {
		return new double[length + 8];
	}

	private static double[][] rows(final int n, final int length) {
		final double[][] r = new double[n][];
		for (int i = 0; i < n; i++)
			r[i] = scratchRow(length);
		return r;
	}

	private static void addRow(final double[] sum, final double[] r, final int from, final int to) {
		for (int x = from; x < to; x++)
			sum[x] += r[x];
	}

	/** The integer column sums moved down a row, and their quotients (see {@link #QUOTIENT_NUDGE}). */
	private static void moveColumnSums(final double[] sum, final double[] add, final double[] sub, final double[] a,
			final double inv, final int from, final int to) {
		for (int x = from; x < to; x++) {
			final double s = sum[x] + (add[x] - sub[x]);
			sum[x] = s;
			a[x] = Math.floor(s * inv + QUOTIENT_NUDGE);
		}
	}

	/**
	 * {@code out = keep(lowpass - background >= t)}, and the column maxima
	 * updated (a maximum per column rather than one running maximum keeps the
	 * loop free of a reduction, which HotSpot 17 would not vectorise with the
	 * store).
	 */
	private static void subtractAndThreshold(final double[] lowpass, final double[] bg, final double t, final double[] out,
			final double[] colMax, final int from, final int to) {
		for (int x = from; x < to; x++) {
			final double r = keepAtLeast(lowpass[x] - bg[x], t);
			out[x] = r;
			colMax[x] = Math.max(colMax[x], r);
		}
	}

	/** {@link #subtractAndThreshold} with the integer boxcar's last quotient {@code sums / s} taken here. */
	private static void subtractBoxAndThreshold(final double[] lowpass, final double[] sums, final double inv, final double t,
			final double[] out, final double[] colMax, final int from, final int to) {
		for (int x = from; x < to; x++) {
			final double r = keepAtLeast(lowpass[x] - Math.floor(sums[x] * inv + QUOTIENT_NUDGE), t);
			out[x] = r;
			colMax[x] = Math.max(colMax[x], r);
		}
	}

	/** Float32 boxcar of {@code in}, as scipy computes it for float32 arrays. */
	private float[] boxcarFloat(final float[] in, final int w, final int h) {
		final int size = w * h;
		if (boxF.length < size) {
			boxF = new float[size];
			boxF2 = new float[size];
		}
		if (colSumF.length < w)
			colSumF = new double[w];
		final int s = smoothing, s1 = s / 2, s2 = s - s1 - 1;
		final float[] a = boxF;
		final double[] sum = colSumF;
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
		final float[] b = boxF2;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			double t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = (float) (t / s);
			for (int x = 1; x < w; x++) {
				final int add = x + s2, sub = x - 1 - s1;
				t += (double) a[o + (add < w ? add : w - 1)] - (double) a[o + (sub > 0 ? sub : 0)];
				b[o + x] = (float) (t / s);
			}
		}
		return b;
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
