package io.github.parallellocate.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

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
 * The rows stream through a ring of input rows, and every row kernel reads
 * and writes whole row arrays at one index {@code x}, the only loops
 * HotSpot 17 vectorises (it gives up on a loop that reads one array at
 * several offsets, or at an offset it cannot see). The integer boxcar runs in
 * doubles, exact for sums of integers, with a nudged floor of the reciprocal
 * product as its exact integer division.
 * <p>
 * The truncation needs the whole image's maximum. With the vector kernels,
 * images of at least {@link #ONE_PASS_PIXELS} truncate each row as soon as it
 * is filtered, with the largest value known then (a probe's first), and do
 * again the few rows truncated before a larger one turned up ({@code
 * onePass}); others keep every row of doubles until the maximum is known.
 * </p>
 * <p>
 * Without preprocessing, integer planes are used as they are (factor 1) and
 * float planes are rescaled in float32 arithmetic, as numpy does.
 */
final class Bandpass {

	private final LocateParameters params;
	private final double[] kernel; // null when noise_size == 0
	private final int lw; // the kernel's half-width
	private final int smoothing, s1, s2;
	private final double inverse; // 1 / smoothing
	private final int back, ahead; // rows the ring keeps before and after the current one
	/** Row kernels on the Vector API ({@link VectorRows}) where they read a row at several offsets: for this image. */
	private boolean vector;
	/** The kernels a test asked for (null: the vector ones once compiled, {@link Simd#useVector()}). */
	private final Boolean forced;

	// Every row kernel works on whole row arrays indexed [x] (HotSpot 17
	// vectorises only loops whose accesses share one alignment).
	private int[] img = new int[0]; // the integer image
	/** The scratch of the bands running now: one a thread, taken by a band and given back when it is done. */
	private final Spares<Band> spare = new Spares<>(Band::new);
	/**
	 * Each band's rows of the thresholded band pass, row-major from its first
	 * row: borrowed from the {@link ScratchPool} for one image by the thread
	 * that fills them (a new array is zeroed by that thread, so a fresh
	 * locator's first large frame does not clear the whole image on one
	 * thread), given back after the integer pass.
	 */
	private double[][] bandRows = new double[0][];
	/** The counts of the integer pass's workers after the first (merged into the plane's). */
	private Histogram[] workerCounts = new Histogram[0];
	private double[] asDouble = new double[0]; // asDouble[v] == v, for integer pixels
	/** The single pass's maximum each row was truncated with. */
	private double[] used = new double[0];
	/** The probe's key per other row: its brightest raw pixel. */
	private double[] probeKeys = new double[0];
	/** Rows around each probed pixel on either side, and probes ({@link #probe}). */
	private static final int PROBE_HALF = 2, PROBES = 4;
	/** The smallest image of the single pass, and its fewest rows (smaller images' rows of doubles stay in the cache). */
	static final int ONE_PASS_PIXELS = 1 << 20, PROBE_MIN_ROWS = 64;
	private int probes = PROBES;
	private int staleRows;
	/**
	 * When the probe missed the maximum by far (more than a {@code MISSED}th of
	 * the rows done again), the next {@code AFTER_MISS} images of this
	 * locator (a movie's next frames) take two passes, then the single pass
	 * is tried again: an image whose maximum the brightest pixels do not hold
	 * costs at most one such image's extra rows in every {@code AFTER_MISS +
	 * 1}.
	 */
	static final int MISSED = 8, AFTER_MISS = 8;
	private int twoPassesFor, passes;
	private float[] boxF = new float[0], boxF2 = new float[0];
	private double[] colSumF = new double[0];
	/** Where the next image's percentile is expected: its values are counted in a window around it. */
	private final PercentileWindow window = new PercentileWindow();

	Bandpass(final LocateParameters params) {
		this(params, null);
	}

	/** With the vector kernels ({@code vector}, only if {@link Simd#enabled()}) or the scalar ones: the same image. */
	Bandpass(final LocateParameters params, final Boolean vector) {
		this.forced = Simd.forced(vector);
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
	 * {@code hist} and marks its non-zero pixels in {@code nz}.
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
	 * Gives the integer image back to the {@link ScratchPool} once the
	 * image's work is done, so that later locators (a new run) need not
	 * allocate it; the next {@link #apply} borrows it again. {@code raw}
	 * forgets the plane.
	 */
	void release(final RawImage raw) {
		ScratchPool.give(img);
		img = new int[0];
		raw.release();
	}

	/**
	 * {@link #apply(RawImage, Histogram, NonZeroBits)} with the rows split
	 * into bands that the splitter may run in parallel; the result is the
	 * same. Each band's rows of the band pass are allocated (when the
	 * {@link ScratchPool} has none) by the band's thread: the JVM zeroes a new
	 * array on the thread that allocates it.
	 */
	double apply(final RawImage raw, final Histogram hist, final NonZeroBits nz, final Splitter splitter) {
		vector = Simd.choose(forced);
		final int w = raw.width, h = raw.height, size = w * h;
		final int gamut = raw.type.gamut();
		if (img.length < size)
			img = ScratchPool.ints(size);
		nz.reset(w, h);
		final int[] img = this.img;
		if (!params.preprocess()) {
			hist.reset(gamut);
			final double scale = withoutPreprocessing(raw, img, size, gamut);
			for (int y = 0; y < h; y++) {
				hist.addAll(img, y * w, w);
				nz.packRow(img, y * w, w, y);
			}
			return scale;
		}
		// bands from large to small (Splitter.guided), of at least 16 rows and 2 rings' worth (a band starts by loading a
		// ring of rows), on images of at least 128 rows and 16 rings
		final int ring = back + ahead + 1;
		final int[] bounds = splitter.guided(h, Math.max(16, 2 * ring), Math.max(128, 16 * ring));
		final int n = bounds.length - 1;
		final int m = Math.min(n, splitter.parallelism()); // the integer pass's workers
		ensure(gamut, n, m);
		final boolean integer = raw.isInteger();
		final boolean box = smoothing > 1;
		final float[] bgF = integer || !box ? null : boxcarFloat(raw.floats, w, h);
		final double threshold = params.threshold(raw.type);
		passes = 2;
		if (vector && (long) w * h >= ONE_PASS_PIXELS && h >= PROBE_MIN_ROWS) {
			if (twoPassesFor == 0) {
				passes = 1;
				final double scale = onePass(raw, hist, nz, splitter, bgF, threshold, bounds, m);
				if (staleRows > h / MISSED)
					twoPassesFor = AFTER_MISS;
				return scale;
			}
			twoPassesFor--;
		}
		// every band's rows kept, the maximum found, then the integer pass (the scalar kernels, and images whose rows
		// of doubles stay in the cache)
		final double[][] rows = bandRows;
		final double[] maxima = new double[n];
		// a band takes the scratch of one that is done (or a new one, sized on its own thread)
		splitter.run(n, i -> {
			final Band s = spare.take();
			try {
				s.ensure(w);
				maxima[i] = s.filterRows(raw, bgF, threshold, bounds[i], bounds[i + 1], rows, i);
			}
			finally {
				spare.give(s);
			}
		});
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++)
			max = Math.max(max, maxima[i]);
		// convert_to_int: (dtype)(gamut / max * clip(v, 0)), truncating
		final double scale = max == 0 ? 1. : gamut / max;
		if (vector)
			window.apply(hist, gamut, scale);
		else
			hist.reset(gamut);
		// one part per thread here, each with its own counts (every part but the first clears a histogram of the whole
		// gamut, merged below), taking the bands one at a time: a thread that starts late, or is slowed, takes fewer
		final AtomicInteger nextBand = new AtomicInteger();
		workers(splitter, m, hist, gamut, true, w, (s, counts) -> {
			for (int i; (i = nextBand.getAndIncrement()) < n;) {
				final int ya = bounds[i], yb = bounds[i + 1];
				for (int y = ya; y < yb; y++)
					s.integerRow(rows[i], ya, y, w, scale, img, counts, nz);
			}
		});
		for (int j = 1; j < m; j++)
			hist.addLanes(workerCounts[j]);
		// the bands' rows back to the pool: the next image borrows them again
		for (int i = 0; i < n; i++) {
			ScratchPool.give(rows[i]);
			rows[i] = null;
		}
		return scale;
	}

	/**
	 * The vector kernels' single pass: each worker takes bands (large to
	 * small), filters their rows, and truncates each row to integers at once,
	 * while it is in the cache, counting its values and marking its non-zero
	 * pixels; the scale comes from the largest value known at that moment
	 * ({@link KnownMax}: at first the {@link #probe}, then any larger row
	 * maximum found). Rows truncated with a smaller maximum than the image's
	 * turn out to be a prefix of their band (the maximum known only grows);
	 * they are uncounted, filtered and truncated again at the end, with the
	 * image's maximum. Every row's values and the image's maximum are those of
	 * the two-pass path, so the integer image is the same; but the rows of
	 * doubles are never written to memory and read back (for a 2048x2048
	 * frame 32 MB each way, the largest part of its memory traffic, and the
	 * part two threads wait for each other on).
	 */
	private double onePass(final RawImage raw, final Histogram hist, final NonZeroBits nz, final Splitter splitter, final float[] bgF,
			final double threshold, final int[] bounds, final int m) {
		final int w = raw.width, h = raw.height, n = bounds.length - 1, gamut = raw.type.gamut();
		if (used.length < h)
			used = new double[h];
		final double[] used = this.used;
		final double probed = probe(raw, bgF, threshold, splitter);
		final KnownMax known = new KnownMax(probed, false);
		// the scale the rows will most likely be truncated with
		window.apply(hist, gamut, probed > 0 ? gamut / probed : Double.NaN);
		final AtomicInteger nextBand = new AtomicInteger();
		workers(splitter, m, hist, gamut, true, w, (s, counts) -> {
			final Counting c = new Counting(known, used, gamut, img, counts, nz);
			for (int i; (i = nextBand.getAndIncrement()) < n;)
				s.rows(raw, bgF, threshold, bounds[i], bounds[i + 1], null, c);
		});
		final double max = known.value();
		// the rows truncated with a smaller maximum, in runs (each a prefix of a band), again with the image's
		final int[] runs = staleRuns(used, bounds, max);
		final int r = runs.length / 2;
		if (r > 0) {
			final KnownMax image = new KnownMax(max, true);
			final AtomicInteger nextRun = new AtomicInteger();
			workers(splitter, Math.min(r, m), hist, gamut, false, w, (s, counts) -> {
				final Counting c = new Counting(image, used, gamut, img, counts, nz);
				for (int k; (k = nextRun.getAndIncrement()) < r;) {
					final int ya = runs[2 * k], yb = runs[2 * k + 1];
					for (int y = ya; y < yb; y++)
						counts.remove(img, y * w, w);
					s.rows(raw, bgF, threshold, ya, yb, null, c);
				}
			});
		}
		for (int j = 1; j < m; j++)
			hist.addLanes(workerCounts[j]);
		staleRows = 0;
		for (int k = 0; k < r; k++)
			staleRows += runs[2 * k + 1] - runs[2 * k];
		// convert_to_int: (dtype)(gamut / max * clip(v, 0)), truncating
		return max == 0 ? 1. : gamut / max;
	}

	/**
	 * Runs {@code body} on {@code m} workers, each with a band's scratch and
	 * its own counts: the first worker's are {@code hist}, the others' (the
	 * integer pass's {@link #workerCounts}) cleared first when {@code clear},
	 * all to be added to {@code hist} by the caller.
	 */
	private void workers(final Splitter splitter, final int m, final Histogram hist, final int gamut, final boolean clear, final int w,
			final BiConsumer<Band, Histogram> body) {
		final Histogram[] wc = workerCounts;
		splitter.run(m, j -> {
			final Histogram counts = j == 0 ? hist : wc[j];
			if (j > 0 && clear)
				counts.reset(gamut, hist.lo(), hist.hi());
			final Band s = spare.take();
			try {
				s.ensure(w);
				body.accept(s, counts);
			}
			finally {
				spare.give(s);
			}
		});
	}

	/** The index of the largest of {@code key[0..n)} that is not negative infinity (a probe's choice), or -1. */
	static int brightest(final double[] key, final int n) {
		int best = -1;
		for (int k = 0; k < n; k++)
			if (key[k] != Double.NEGATIVE_INFINITY && (best < 0 || key[k] > key[best]))
				best = k;
		return best;
	}

	/**
	 * The percentile threshold of the last image's {@code nonZero} non-zero
	 * pixels from its counts {@code hist} and bits {@code nz}, counted again
	 * if their window missed it ({@link PercentileWindow#percentile}).
	 */
	double percentile(final Histogram hist, final NonZeroBits nz, final long nonZero, final double percentile, final double scale,
			final int w, final int h) {
		return window.percentile(hist, nonZero, percentile, scale, img, w, h, nz.bits);
	}

	/** Rows {@code [a, b)} truncated with a maximum other than {@code max}, as pairs {@code a, b}: a prefix of each band. */
	private static int[] staleRuns(final double[] used, final int[] bounds, final double max) {
		final int n = bounds.length - 1;
		final int[] runs = new int[2 * n];
		int r = 0;
		for (int i = 0; i < n; i++) {
			int y = bounds[i];
			while (y < bounds[i + 1] && used[y] != max)
				y++;
			if (y > bounds[i]) {
				runs[r++] = bounds[i];
				runs[r++] = y;
			}
		}
		return Arrays.copyOf(runs, r);
	}

	/** Images whose counts' window held their percentile, and those it missed (for tests). */
	int[] windows() {
		return window.counts();
	}

	/** Rows done twice by the last {@link #onePass} (for tests). */
	int staleRows() {
		return staleRows;
	}

	/** Tests: 1 if the last image with preprocessing took the single pass, 2 if two. */
	int passes() {
		return passes;
	}

	/**
	 * A value of the band pass at least as large as most of it, exact: the
	 * largest value of a few rows around the brightest raw pixels (in every
	 * other row), each filtered as a band of its own, before the single pass
	 * (the rows' keys and the probes split over the threads). It is the
	 * image's maximum when a bright spot holds it, as it usually does;
	 * otherwise the rows truncated before a larger value turned up are done
	 * again.
	 */
	private double probe(final RawImage raw, final float[] bgF, final double threshold, final Splitter splitter) {
		final int w = raw.width, h = raw.height;
		if (probes == 0)
			return Double.NEGATIVE_INFINITY;
		final int keys = (h + 1) / 2;
		if (probeKeys.length < keys)
			probeKeys = new double[keys];
		final double[] key = probeKeys;
		// the image's first split: in parts of 64 keys or more, four a thread, so that a helper that starts late (measured:
		// 0.1 ms after the split, on the 2-vCPU machine of docs/performance.md) finds parts left and the threads end together
		final int kp = splitter.parts(keys, 64, 4);
		splitter.run(kp, i -> {
			for (int k = Splitter.bound(i, kp, keys), end = Splitter.bound(i + 1, kp, keys); k < end; k++) {
				final int o = 2 * k * w;
				key[k] = raw.isInteger() ? VectorRows.maxUnsigned(raw.pixels, o, w, raw.invert) : maxOf(raw.floats, o, w);
			}
		});
		// the brightest rows, each one's neighbourhood left out of the next choices
		final int[] at = new int[probes];
		int n = 0;
		for (; n < probes; n++) {
			final int best = brightest(key, keys);
			if (best < 0)
				break;
			at[n] = 2 * best;
			for (int k = Math.max(0, best - PROBE_HALF), end = Math.min(keys - 1, best + PROBE_HALF); k <= end; k++)
				key[k] = Double.NEGATIVE_INFINITY;
		}
		final double[] maxima = new double[n];
		splitter.run(n, i -> {
			final int ya = Math.max(0, at[i] - PROBE_HALF), yb = Math.min(h, at[i] + PROBE_HALF + 1);
			final Band s = spare.take();
			final double[] buffer = ScratchPool.doubles((yb - ya) * w);
			try {
				s.ensure(w);
				maxima[i] = s.rows(raw, bgF, threshold, ya, yb, buffer, null);
			}
			finally {
				spare.give(s);
				ScratchPool.give(buffer);
			}
		});
		double max = Double.NEGATIVE_INFINITY;
		for (final double m : maxima)
			max = Math.max(max, m);
		return max;
	}

	/** The largest of {@code f[o..o + w)} (the probes' key of a float image). */
	static double maxOf(final float[] f, final int o, final int w) {
		float a = Float.NEGATIVE_INFINITY, b = a;
		int x = 0;
		for (; x + 1 < w; x += 2) {
			a = Math.max(a, f[o + x]);
			b = Math.max(b, f[o + x + 1]);
		}
		if (x < w)
			a = Math.max(a, f[o + x]);
		return Math.max(a, b);
	}

	/** Tests: the number of probes (0: none, so that the single pass meets larger maxima and does rows again). */
	void probes(final int p) {
		probes = p;
	}

	/** What the single pass does with each row of a worker's bands: truncated with the maximum known, counted, marked. */
	private static final class Counting {
		final KnownMax known;
		final double[] used;
		final int gamut;
		final int[] img;
		final Histogram counts;
		final NonZeroBits nz;

		Counting(final KnownMax known, final double[] used, final int gamut, final int[] img, final Histogram counts, final NonZeroBits nz) {
			this.known = known;
			this.used = used;
			this.gamut = gamut;
			this.img = img;
			this.counts = counts;
			this.nz = nz;
		}

		void row(final double[] values, final int y, final int w, final double rowMax) {
			final double max = known.atLeast(rowMax);
			used[y] = max;
			final double scale = max == 0 ? 1. : gamut / max;
			final int o = y * w;
			VectorRows.quantize(values, 0, scale, img, o, w);
			counts.countRow(img, o, w, nz.bits, y * nz.words);
		}
	}

	/** {@code q = floor(scale * max(q, 0))}: the truncation of convert_to_int, still as doubles. */
	private static void quantize(final double[] q, final double scale, final int w) {
		for (int x = 0; x < w; x++)
			q[x] = Math.floor(scale * Math.max(q[x], 0.));
	}

	private static double withoutPreprocessing(final RawImage raw, final int[] img, final int size, final int gamut) {
		if (raw.isInteger()) {
			for (int i = 0; i < size; i++)
				img[i] = (int) raw.at(i);
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

	private void ensure(final int gamut, final int bands, final int workers) {
		if (bandRows.length < bands)
			bandRows = new double[bands][];
		workerCounts = Splitter.perPart(workerCounts, workers, Histogram::new);
		if (!vector && asDouble.length < gamut + 1) { // the scalar kernels' conversion table (the vector ones convert)
			asDouble = new double[gamut + 1];
			for (int v = 0; v <= gamut; v++)
				asDouble[v] = v;
		}
	}


	/**
	 * The scratch of a band of rows while it runs: its own ring of input rows
	 * and row buffers, so that bands can run on different threads (a band
	 * that is done hands its scratch on to the next). Every row's values
	 * depend only on the input rows around it (the boxcar's column sums, exact
	 * integers in doubles, are summed afresh at a band's first row), so the
	 * integer image is the same however the rows are split into bands.
	 */
	private final class Band {
		private double[][] ring = new double[0][0]; // input rows as doubles, by row mod ring length
		private double[] zeros = new double[0];
		private double[] lowRow = new double[0], lowRow2 = new double[0];
		private double[][] shifted = new double[0][0]; // row copies for the axis-1 taps
		private final double[][] taps = new double[2 * lw + 1][];
		private double[] colSum = new double[0], boxRow = new double[0], background = new double[0];
		private double[] resultRow = new double[0], columnMax = new double[0];
		// the vector kernels' padded rows: the lowpass row between lw zeros, the boxcar's quotients between copies of their ends
		private double[] gaussPad = new double[0], boxPad = new double[0];
		private double[][] levels = new double[0][0]; // the box sums' doubling rows

		void ensure(final int w) {
			final int rows = back + ahead + 1;
			if (ring.length != rows || ring[0].length < w)
				ring = new double[rows][w];
			if (zeros.length < w) {
				zeros = new double[w];
				lowRow = new double[w];
				lowRow2 = new double[w];
				colSum = new double[w];
				boxRow = new double[w];
				background = new double[w];
				resultRow = new double[w];
				columnMax = new double[w];
			}
			if (vector) {
				if (gaussPad.length < w + 2 * lw)
					gaussPad = new double[w + 2 * lw];
				if (boxPad.length < w + smoothing - 1) {
					boxPad = new double[w + smoothing - 1];
					levels = new double[VectorRows.levels()][w + smoothing];
				}
			}
			else if (shifted.length != 2 * lw + 1 || shifted[0].length < w)
				shifted = new double[2 * lw + 1][w];
		}

		/**
		 * Rows {@code y0..y1} of the thresholded band pass into {@code
		 * rows[band]} (borrowed here). Rows stream through the ring:
		 * background and lowpass of row y are finished while its neighbours
		 * are in cache, then thresholded.
		 *
		 * @return the largest value of the rows
		 */
		double filterRows(final RawImage raw, final float[] bgF, final double threshold, final int y0, final int y1,
				final double[][] rows, final int band) {
			return rows(raw, bgF, threshold, y0, y1, rows[band] = ScratchPool.doubles((y1 - y0) * raw.width), null);
		}

		/**
		 * Rows {@code y0..y1} of the thresholded band pass into {@code result}
		 * (row-major from row {@code y0}), or (vector kernels, {@code result}
		 * null) each handed to {@code c} as soon as it is done.
		 *
		 * @return the largest value of the rows
		 */
		double rows(final RawImage raw, final float[] bgF, final double threshold, final int y0, final int y1, final double[] result,
				final Counting c) {
			final int w = raw.width, h = raw.height;
			final boolean integer = raw.isInteger();
			final boolean box = smoothing > 1;
			for (int y = Math.max(0, y0 - back); y <= y0 + ahead && y < h; y++)
				loadRow(raw, y);
			if (integer && box)
				startColumnSums(y0, h, w);
			double max = Double.NEGATIVE_INFINITY; // the vector kernels' rows' maxima
			final double[] colMax = columnMax; // the scalar kernel's column maxima
			if (!vector)
				Arrays.fill(colMax, 0, w, Double.NEGATIVE_INFINITY);
			for (int y = y0; y < y1; y++) {
				if (y > y0 && y + ahead < h)
					loadRow(raw, y + ahead);
				final double[] bg;
				if (!box)
					bg = ring[y % ring.length];
				else if (integer)
					bg = boxcarRow(y, y0, w, h);
				else
					bg = floatRow(bgF, y * w, w);
				final double[] lowpass = kernel == null ? ring[y % ring.length] : lowpassRow(y, w, h);
				if (c != null) {
					final double rowMax = VectorRows.subtractAndThreshold(lowpass, bg, threshold, resultRow, 0, w);
					max = Math.max(max, rowMax);
					c.row(resultRow, y, w, rowMax);
					continue;
				}
				if (vector) {
					max = Math.max(max, VectorRows.subtractAndThreshold(lowpass, bg, threshold, result, (y - y0) * w, w));
					continue;
				}
				RowKernels.subtractAndThreshold(lowpass, bg, threshold, resultRow, colMax, w);
				System.arraycopy(resultRow, 0, result, (y - y0) * w, w);
			}
			if (!vector)
				for (int x = 0; x < w; x++)
					max = Math.max(max, colMax[x]);
			return max;
		}

		/**
		 * Row {@code y} of the integer image from the thresholded result (the
		 * rows of a band, from its first row {@code y0}), with
		 * its values counted and its non-zero pixels marked (a method of its own,
		 * called once a row, so that the JIT compiles it early and once). One
		 * loop does all three rather than writing the row and then calling
		 * {@link Histogram#addAll} and {@link NonZeroBits#packRow}, as the path
		 * without preprocessing does: measured, the separate passes cost 0.1 to
		 * 0.2 ms a 640x424 frame more.
		 */
		private void integerRow(final double[] result, final int y0, final int y, final int w, final double scale, final int[] img,
				final Histogram hist, final NonZeroBits nz) {
			final double[] q = resultRow;
			final long[] bits = nz.bits;
			final int words = nz.words;
			final int o = y * w;
			if (vector) {
				VectorRows.quantize(result, (y - y0) * w, scale, img, o, w);
				hist.countRow(img, o, w, nz.bits, y * nz.words);
				return;
			}
			System.arraycopy(result, (y - y0) * w, q, 0, w);
			quantize(q, scale, w);
			for (int wd = 0, x = 0; wd < words; wd++) {
				final int end = Math.min(w, x + 64);
				long b = 0;
				for (int bit = 0; x < end; x++, bit++) {
					final int v = (int) q[x];
					img[o + x] = v;
					hist.add(v, x);
					b |= NonZeroBits.nonZero(v) << bit;
				}
				bits[y * words + wd] = b;
			}
		}

		private void loadRow(final RawImage raw, final int y) {
			final double[] dst = ring[y % ring.length];
			final int src = y * raw.width, w = raw.width;
			if (raw.isInteger()) {
				if (vector) {
					VectorRows.toDoubles(raw.pixels, src, dst, w, raw.invert);
					return;
				}
				final double[] d = asDouble; // a table lookup is cheaper than HotSpot's int-to-double conversion
				final int flip = raw.flip;
				if (raw.shorts != null) {
					final short[] r = raw.shorts;
					for (int x = 0; x < w; x++)
						dst[x] = d[(r[src + x] & 0xffff) ^ flip];
				}
				else {
					final byte[] r = raw.bytes;
					for (int x = 0; x < w; x++)
						dst[x] = d[(r[src + x] & 0xff) ^ flip];
				}
			}
			else {
				final float[] r = raw.floats;
				for (int x = 0; x < w; x++)
					dst[x] = r[src + x];
			}
		}

		private double[] floatRow(final float[] src, final int o, final int w) {
			final double[] d = background;
			for (int x = 0; x < w; x++)
				d[x] = src[o + x];
			return d;
		}

		/**
		 * Integer boxcar, axis 0: column sums over rows {@code [y0 - s1, y0 + s2]} of the band's first row {@code y0}
		 * (clamped to the image: scipy's mode 'nearest'). Sums of integers are
		 * exact in doubles, so this is the integer running sum.
		 */
		private void startColumnSums(final int y0, final int h, final int w) {
			final double[] sum = colSum;
			Arrays.fill(sum, 0, w, 0.);
			for (int k = -s1; k <= s2; k++) {
				final double[] r = ring[clamp(y0 + k, h) % ring.length];
				for (int x = 0; x < w; x++)
					sum[x] += r[x];
			}
		}

		/**
		 * Row {@code y} of the integer boxcar: the column sums moved to row
		 * {@code y}, divided by the size and truncated (axis 0), then a running
		 * sum along the row, divided and truncated (axis 1).
		 */
		private double[] boxcarRow(final int y, final int y0, final int w, final int h) {
			final double[] sum = colSum;
			if (y > y0) {
				final double[] add = ring[clamp(y + s2, h) % ring.length], sub = ring[clamp(y - 1 - s1, h) % ring.length];
				for (int x = 0; x < w; x++)
					sum[x] += add[x] - sub[x];
			}
			final double[] b = background;
			if (vector) {
				// (HotSpot's own loop floors faster than the Vector API, which has no floor in Java 17)
				RowKernels.floorQuotients(sum, boxRow, w, smoothing, inverse);
				VectorRows.nearestBoxSums(boxRow, smoothing, boxPad, levels, b, w);
				RowKernels.floorQuotients(b, b, w, smoothing, inverse);
				return b;
			}
			final double[] a = boxRow;
			RowKernels.floorQuotients(sum, a, w, smoothing, inverse);
			double t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[clamp(k, w)];
			b[0] = t;
			// clamped edges on both sides, no clamping in between
			final int left = Math.min(w, s1 + 1), right = Math.max(left, w - s2);
			for (int x = 1; x < left; x++) {
				t += a[clamp(x + s2, w)] - a[0];
				b[x] = t;
			}
			t = runningSums(a, b, left, right, t);
			for (int x = right; x < w; x++) {
				t += a[w - 1] - a[clamp(x - 1 - s1, w)];
				b[x] = t;
			}
			RowKernels.floorQuotients(b, b, w, smoothing, inverse);
			return b;
		}

		/**
		 * The unclamped part of the running box sums, {@code b[x] = b[x - 1] +
		 * a[x + s2] - a[x - 1 - s1]} for {@code x} in {@code [from, to)}, given
		 * {@code t = b[from - 1]}, as four interleaved running sums over quarters
		 * of the range (each quarter starting from its own directly summed box):
		 * four independent chains of additions instead of one, with the same
		 * exact integer results.
		 *
		 * @return {@code b[to - 1]}
		 */
		private double runningSums(final double[] a, final double[] b, final int from, final int to, final double t) {
			final int q = (to - from) / 4;
			if (q == 0) { // a short range (or none: a row narrower than the box), one running sum
				double last = t;
				for (int x = from; x < to; x++) {
					last += a[x + s2] - a[x - 1 - s1];
					b[x] = last;
				}
				return last;
			}
			final int x1 = from + q, x2 = x1 + q, x3 = x2 + q;
			double t0 = t, t1 = boxSum(a, x1 - 1), t2 = boxSum(a, x2 - 1), t3 = boxSum(a, x3 - 1);
			for (int i = 0; i < q; i++) {
				t0 += a[from + i + s2] - a[from + i - 1 - s1];
				b[from + i] = t0;
				t1 += a[x1 + i + s2] - a[x1 + i - 1 - s1];
				b[x1 + i] = t1;
				t2 += a[x2 + i + s2] - a[x2 + i - 1 - s1];
				b[x2 + i] = t2;
				t3 += a[x3 + i + s2] - a[x3 + i - 1 - s1];
				b[x3 + i] = t3;
			}
			double last = q > 0 ? t3 : t;
			for (int x = x3 + q; x < to; x++) {
				last += a[x + s2] - a[x - 1 - s1];
				b[x] = last;
			}
			return last;
		}

		private double boxSum(final double[] a, final int x) {
			double t = 0;
			for (int k = x - s1; k <= x + s2; k++)
				t += a[k];
			return t;
		}

		/**
		 * Row {@code y} of the Gaussian lowpass: axis 0 from the ring, then axis 1
		 * from shifted copies of that row, both by {@link RowKernels#correlate}.
		 */
		private double[] lowpassRow(final int y, final int w, final int h) {
			final double[][] t = taps;
			for (int i = 0; i <= 2 * lw; i++)
				t[i] = row(y - lw + i, h);
			if (lw == 0) {
				RowKernels.correlate(lowRow, w, t, kernel);
				return lowRow;
			}
			if (vector) {
				// axis 1 from the row between lw zeros (scipy's mode 'constant'; the pad's ends are never written)
				VectorRows.correlateRows(gaussPad, lw, w, t, kernel);
				Arrays.fill(gaussPad, lw + w, 2 * lw + w, 0.); // a wider frame's values, after a narrower one
				VectorRows.correlateAlong(gaussPad, kernel, lowRow2, w);
				return lowRow2;
			}
			RowKernels.correlate(lowRow, w, t, kernel);
			// shifted[i][x] = lowRow[x + i - lw], zero outside the row (scipy's mode 'constant')
			for (int i = 0; i <= 2 * lw; i++) {
				if (i == lw) {
					t[i] = lowRow;
					continue;
				}
				final double[] d = shifted[i];
				final int shift = i - lw;
				if (shift < 0) {
					final int n = Math.min(-shift, w);
					Arrays.fill(d, 0, n, 0.);
					System.arraycopy(lowRow, 0, d, n, w - n);
				}
				else {
					final int n = Math.min(shift, w);
					System.arraycopy(lowRow, n, d, 0, w - n);
					Arrays.fill(d, w - n, w, 0.);
				}
				t[i] = d;
			}
			RowKernels.correlate(lowRow2, w, t, kernel);
			return lowRow2;
		}

		private double[] row(final int y, final int h) {
			return y < 0 || y >= h ? zeros : ring[y % ring.length];
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
