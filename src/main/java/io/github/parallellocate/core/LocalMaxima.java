package io.github.parallellocate.core;

import java.util.function.IntConsumer;

/**
 * trackpy's {@code find.grey_dilation(image, separation, percentile, margin,
 * precise=False)} on the integer image: pixels that equal the maximum of their
 * dilation box and are strictly above the percentile of the non-zero pixels,
 * outside the margin, in row-major order.
 * <p>
 * The box has side {@code S = int(2 * separation / sqrt(2))} and, as scipy's
 * {@code grey_dilation} places an even box, covers rows and columns
 * {@code [p - (S-1)//2, p + S//2]}; outside the image counts as 0. Instead of
 * a full dilation image, candidates are found a row at a time by a test the
 * JIT vectorises (above the threshold and not below any of the 4
 * neighbours, on copies of the rows so that every array is read at the same
 * index), and only those are tested against the whole box, nearest rows
 * first. For larger boxes ({@link #SEPARABLE_FROM} and up) the box maximum
 * of every pixel is computed instead, separably: along each row by doubling
 * windows (1, 2, 4, ... pixels, each step one vectorised max with a shifted
 * copy), then down the columns by van Herk / Gil-Werman (blocks of {@code S}
 * rows: a suffix maximum inside each block and a running prefix maximum
 * into the next, three maxima per pixel whatever the box size, each a
 * vectorised loop over whole rows), and a pixel is a maximum when it equals
 * that. Maxima are integer comparisons, so the order in which they are taken
 * changes nothing: the same maxima come out.
 * </p>
 */
final class LocalMaxima {

	/**
	 * The box side from which the separable dilation replaces the box test of
	 * the 4-neighbour candidates. Its cost per pixel is about the same for
	 * every box; the box test's grows with the box and with the candidates
	 * (measured, one thread: a 45 px box on 1024x1024 u8 4.7 -> 1.9 ms, 14 px
	 * on 2048x2048 u16 13.7 -> 8 ms, 512x512 u16 0.69 -> 0.35 ms; the bulk
	 * water movie's 16 px 0.41 -> 0.37 ms, its 8 px about even, its 5 px
	 * 0.49 -> 0.63 ms: its background is mostly zero, few candidates).
	 */
	static final int SEPARABLE_FROM = 8;

	private final double percentile;
	private final double margin;
	private final int lo, hi, side;
	private final boolean separable;
	/** The dilation's row maxima and the maxima test on the Vector API ({@link VectorRows}), for this image. */
	private final boolean vector = Simd.enabled();
	// the scratch of the bands running now, one a thread (a band that is done hands its scratch on)
	private final Spares<BandScan> scans = new Spares<>(Scan::new); // box test
	private final Spares<BandScan> dilations = new Spares<>(Dilation::new); // separable dilation
	private FeatureBuffer[] found = new FeatureBuffer[0]; // each band's maxima (bands scanned in parallel)
	private RowSink rowSink; // of the current find
	private int extraParts; // the current find's other work, not yet run (find with others)
	private IntConsumer extra;

	/** The percentile of the non-zero pixels that maxima must exceed (trackpy's {@code percentile}). */
	double percentile() {
		return percentile;
	}

	LocalMaxima(final LocateParameters params) {
		percentile = params.percentile();
		final int radius = (int) params.diameter().uniform() / 2;
		final double separation = params.separation().uniform();
		// trackpy: margin = max(radius, separation // 2 - 1, smoothing_size // 2)
		margin = Math.max(Math.max(radius, Math.floor(separation / 2) - 1), (int) params.smoothingSize().uniform() / 2);
		// trackpy: the dilation box's side is int(2 * separation / sqrt(ndim))
		final int s = Math.max(1, (int) (2 * separation / Math.sqrt(2)));
		lo = (s - 1) / 2;
		hi = s / 2;
		side = s;
		separable = s >= SEPARABLE_FROM;
	}

	/** This finder with the separable dilation on or off, whatever the box size (for tests and measurements). */
	LocalMaxima separable(final boolean on) {
		return new LocalMaxima(this, on);
	}

	private LocalMaxima(final LocalMaxima m, final boolean on) {
		percentile = m.percentile;
		margin = m.margin;
		lo = m.lo;
		hi = m.hi;
		side = m.side;
		separable = on;
	}

	/**
	 * Appends the maxima of {@code img} to {@code out}; {@code counts[v]} is
	 * how many pixels of {@code img} have the value {@code v}.
	 */
	void find(final int[] img, final int w, final int h, final int[] counts, final FeatureBuffer out) {
		find(img, w, h, counts, out, Splitter.SERIAL);
	}

	/**
	 * {@link #find(int[], int, int, int[], FeatureBuffer)} with bands of rows
	 * that the splitter may scan in parallel, each into its own buffer, appended
	 * in band order: the same maxima in the same (row-major) order.
	 */
	void find(final int[] img, final int w, final int h, final int[] counts, final FeatureBuffer out, final Splitter splitter) {
		find(img, w, h, counts, out, splitter, null);
	}

	/**
	 * What to do with the maxima of each row as soon as they are found, while
	 * the image rows around them are in the cache: {@code fb} holds them at
	 * {@code from..to}; it may be a band's buffer, whose columns are then
	 * appended to the output ({@link FeatureBuffer#append}). Called from the
	 * thread that scans the band: bands may run at the same time.
	 */
	interface RowSink {
		void found(FeatureBuffer fb, int from, int to);

		/** Called once a band's scan is over, before its buffer is appended to the output. */
		default void done(final FeatureBuffer fb) {}
	}

	/**
	 * {@link #find(int[], int, int, int[], FeatureBuffer, Splitter)}, handing
	 * each row's maxima to {@code sink} (null: none) as they are found.
	 */
	void find(final int[] img, final int w, final int h, final int[] counts, final FeatureBuffer out, final Splitter splitter,
			final RowSink sink) {
		find(img, w, h, counts, out, splitter, sink, 0, null);
	}

	/**
	 * {@link #find(int[], int, int, int[], FeatureBuffer, Splitter, RowSink)},
	 * also running {@code others.accept(i)} for {@code i} in {@code
	 * 0..otherParts}, each once: independent work that neither reads nor
	 * writes what this does. When the bands are split, they are parts of the
	 * same split, after the bands (the small parts that even out the threads'
	 * ends, and one wait for the threads instead of two); otherwise they run
	 * after the scan.
	 */
	void find(final int[] img, final int w, final int h, final int[] counts, final FeatureBuffer out, final Splitter splitter,
			final RowSink sink, final int otherParts, final IntConsumer others) {
		final long nonZero = (long) w * h - counts[0];
		find(img, w, h, nonZero, nonZero == 0 ? Double.NaN : NumpyMath.percentileOfHistogram(counts, 1, nonZero, percentile), out, splitter,
			sink, otherParts, others);
	}

	/**
	 * {@link #find(int[], int, int, int[], FeatureBuffer, Splitter, RowSink, int, IntConsumer)}
	 * given the number of non-zero pixels and the percentile threshold
	 * ({@link #percentile()} of their values, numpy's; anything when there are none).
	 */
	void find(final int[] img, final int w, final int h, final long nonZero, final double threshold, final FeatureBuffer out,
			final Splitter splitter, final RowSink sink, final int otherParts, final IntConsumer others) {
		extraParts = otherParts;
		extra = others;
		try {
			scan(img, w, h, nonZero, threshold, out, splitter, sink);
			for (int i = 0; i < extraParts; i++) // not run as parts of a split: in order, here
				extra.accept(i);
		}
		finally {
			extraParts = 0;
			extra = null;
		}
	}

	private void scan(final int[] img, final int w, final int h, final long nonZero, final double threshold, final FeatureBuffer out,
			final Splitter splitter, final RowSink sink) {
		rowSink = sink;
		if (nonZero == 0)
			return; // trackpy: "Image is completely black."
		// the percentile is over the non-zero pixels; integers above it are those >= least
		final int least = (int) Math.floor(threshold) + 1;

		final int y0 = (int) Math.ceil(margin), y1 = (int) Math.floor(h - margin - 1);
		final int x0 = (int) Math.ceil(margin), x1 = (int) Math.floor(w - margin - 1);
		if (y0 > y1 || x0 > x1)
			return;
		if (separable) {
			dilate(img, w, h, least, y0, y1, x0, x1, out, splitter);
			return;
		}
		// the 4-neighbour pre-test is valid when the box covers them (and they exist: margin >= 1)
		final boolean pretest = lo >= 1 && hi >= 1 && y0 >= 1 && x0 >= 1 && y1 <= h - 2 && x1 <= w - 2;
		if (!pretest) {
			for (int y = y0; y <= y1; y++) {
				final int before = out.n;
				for (int x = x0; x <= x1; x++) {
					final int v = img[y * w + x];
					if (v >= least && isBoxMaximum(img, w, h, y, x, v))
						out.addMaximum(y, x);
				}
				rowDone(out, before);
			}
			bandDone(out);
			return;
		}
		inBands(scans, 16, 64, img, w, h, least, y0, y1, x0, x1, out, splitter);
	}

	/** Tells the sink, if any, that the band scanned into {@code fb} is over. */
	private void bandDone(final FeatureBuffer fb) {
		if (rowSink != null)
			rowSink.done(fb);
	}

	/** Hands the maxima {@code fb[from..]} of the row just scanned to the sink, if any. */
	private void rowDone(final FeatureBuffer fb, final int from) {
		final RowSink s = rowSink;
		if (s != null && fb.n > from)
			s.found(fb, from, fb.n);
	}

	/** The maxima by the separable dilation, in bands of rows. */
	private void dilate(final int[] img, final int w, final int h, final int least, final int y0, final int y1, final int x0,
			final int x1, final FeatureBuffer out, final Splitter splitter) {
		// a band computes the row maxima of side - 1 rows beyond its own: bands of at least 2 boxes (most are far larger)
		inBands(dilations, Math.max(16, 2 * side), Math.max(64, 8 * side), img, w, h, least, y0, y1, x0,
			x1, out, splitter);
	}

	/**
	 * Scans rows {@code y0..y1} in bands of at least {@code minRows} rows,
	 * from large to small ({@link Splitter#guided}; one band for fewer than
	 * {@code worth} rows), each band into its own buffer with the scratch of
	 * a band that is done (from {@code spare}),
	 * appending the bands' maxima to {@code out} in band order.
	 */
	private void inBands(final Spares<BandScan> spare, final int minRows, final int worth,
			final int[] img, final int w, final int h, final int least, final int y0, final int y1, final int x0, final int x1,
			final FeatureBuffer out, final Splitter splitter) {
		final int rowsToScan = y1 - y0 + 1;
		final int[] bounds = splitter.guided(rowsToScan, minRows, worth); // from large to small
		final int n = bounds.length - 1;
		if (n == 1) {
			final BandScan s = spare.take();
			try {
				s.scan(img, w, h, y0, y1 + 1, least, x0, x1, out);
			}
			finally {
				spare.give(s);
			}
			bandDone(out);
			return;
		}
		found = Splitter.perPart(found, n, FeatureBuffer::new);
		final FeatureBuffer[] f = found;
		final IntConsumer others = extra;
		final int more = extraParts;
		extraParts = 0; // run here
		splitter.run(n + more, i -> {
			if (i >= n) {
				others.accept(i - n);
				return;
			}
			f[i].clear();
			final BandScan s = spare.take();
			try {
				s.scan(img, w, h, y0 + bounds[i], y0 + bounds[i + 1], least, x0, x1, f[i]);
			}
			finally {
				spare.give(s);
			}
			bandDone(f[i]);
		});
		int total = out.n;
		for (int i = 0; i < n; i++)
			total += f[i].n;
		out.ensureCapacity(total);
		for (int i = 0; i < n; i++)
			out.append(f[i]);
	}

	/** The scratch of a band of rows while one thread scans it (bands may be scanned at the same time). */
	private abstract class BandScan {
		/** Scans rows {@code ya..yb} (inside the margins) into {@code out}. */
		abstract void scan(int[] img, int w, int h, int ya, int yb, int least, int x0, int x1, FeatureBuffer out);
	}

	/**
	 * The scratch of one band of rows for the separable dilation: a ring of
	 * {@code 2 S} rows of row maxima (the block whose suffix maxima are
	 * taken, in place, and the next block, whose rows feed the running prefix
	 * maximum).
	 */
	private final class Dilation extends BandScan {
		private int[][] ring = new int[0][];
		private int[] pad = new int[0], shifted = new int[0], prefix = new int[0], box = new int[0];

		private void ensure(final int w) {
			final int s = side;
			if (ring.length < 2 * s || ring[0].length < w) {
				ring = new int[2 * s][w];
				prefix = new int[w];
				box = new int[w];
			}
			if (pad.length < w + s - 1) {
				pad = new int[w + s - 1];
				shifted = new int[w + s - 1];
			}
		}

		/**
		 * Scans output rows {@code ya..yb} (inside the margins) into {@code
		 * out}. Row {@code t} of the ring holds the row maxima of image row
		 * {@code ya - lo + t}; output row {@code ya + t} takes the maximum of
		 * ring rows {@code t .. t + S - 1}: the suffix maximum of its block
		 * from {@code t} and the prefix maximum of the next block up to
		 * {@code t + S - 1}.
		 */
		@Override
		void scan(final int[] img, final int w, final int h, final int ya, final int yb, final int least, final int x0, final int x1,
				final FeatureBuffer out) {
			if (ya >= yb)
				return;
			ensure(w);
			final int s = side, ringSize = 2 * s, origin = ya - lo, rows = yb - ya;
			final int[][] rg = ring;
			int computed = 0; // ring rows 0..computed hold row maxima
			for (int base = 0; base < rows; base += s) {
				for (; computed < base + s; computed++)
					rowMaxima(img, w, h, origin + computed, rg[computed % ringSize]);
				// suffix maxima of this block, in place
				for (int j = s - 2; j >= 0; j--)
					maxInto(rg[(base + j) % ringSize], rg[(base + j + 1) % ringSize], w);
				final int end = Math.min(s, rows - base);
				for (int j = 0; j < end; j++) {
					final int[] d;
					if (j == 0)
						d = rg[base % ringSize];
					else {
						final int t = base + s + j - 1; // the last row of this window, in the next block
						for (; computed <= t; computed++)
							rowMaxima(img, w, h, origin + computed, rg[computed % ringSize]);
						if (j == 1)
							System.arraycopy(rg[t % ringSize], 0, prefix, 0, w);
						else
							maxInto(prefix, rg[t % ringSize], w);
						max(rg[(base + j) % ringSize], prefix, box, w);
						d = box;
					}
					final int before = out.n;
					if (vector)
						testVector(img, w, ya + base + j, d, least, x0, x1, out);
					else
						test(img, w, ya + base + j, d, least, x0, x1, out);
					rowDone(out, before);
				}
			}
		}

		/**
		 * {@code dst[x]} = the maximum of image row {@code y} over columns
		 * {@code x - lo .. x + hi} (outside the image counting as 0, as does a
		 * row outside it), by doubling windows over the row padded with zeros.
		 */
		private void rowMaxima(final int[] img, final int w, final int h, final int y, final int[] dst) {
			if (y < 0 || y >= h) {
				java.util.Arrays.fill(dst, 0, w, 0);
				return;
			}
			final int s = side, len = w + s - 1;
			final int[] a = pad, b = shifted;
			java.util.Arrays.fill(a, 0, lo, 0);
			System.arraycopy(img, y * w, a, lo, w);
			java.util.Arrays.fill(a, lo + w, len, 0);
			// a[i] = max of a[i .. i + span - 1], for every i whose window fits
			int span = 1;
			if (vector) {
				VectorRows.windowMax(a, s, len, dst, w);
				return;
			}
			for (; 2 * span <= s; span *= 2) {
				System.arraycopy(a, span, b, 0, len - span);
				maxInto(a, b, len - span);
			}
			final int rest = s - span;
			if (rest == 0)
				System.arraycopy(a, 0, dst, 0, w);
			else {
				System.arraycopy(a, rest, b, 0, w);
				max(a, b, dst, w);
			}
		}
	}

	/**
	 * {@code a[x] = max(a[x], b[x])} for {@code x < n}. HotSpot 17 does not
	 * vectorise {@code Math.max} on ints, but it does this: {@code u - (d &
	 * (d >> 31))} with {@code d = u - v} is {@code v} when {@code u < v}
	 * (pixel values are small non-negative integers: no overflow).
	 */
	private static void maxInto(final int[] a, final int[] b, final int n) {
		for (int x = 0; x < n; x++) {
			final int u = a[x], d = u - b[x];
			a[x] = u - (d & (d >> 31));
		}
	}

	/** {@code c[x] = max(a[x], b[x])} for {@code x < n}, as {@link #maxInto}. */
	private static void max(final int[] a, final int[] b, final int[] c, final int n) {
		for (int x = 0; x < n; x++) {
			final int u = a[x], d = u - b[x];
			c[x] = u - (d & (d >> 31));
		}
	}

	/** Appends the pixels of row {@code y}, columns {@code x0..x1}, that are at least {@code least} and their box maximum {@code d}. */
	private static void test(final int[] img, final int w, final int y, final int[] d, final int least, final int x0, final int x1,
			final FeatureBuffer out) {
		final int o = y * w;
		for (int x = x0; x <= x1; x++) {
			final int v = img[o + x];
			if (v >= d[x] && v >= least)
				out.addMaximum(y, x);
		}
	}

	/** {@link #test} on the Vector API: vectors of pixels without a maximum are skipped whole. */
	private static void testVector(final int[] img, final int w, final int y, final int[] d, final int least, final int x0, final int x1,
			final FeatureBuffer out) {
		final int o = y * w;
		for (int x = VectorRows.nextMaximum(img, o, d, least, x0, x1); x <= x1; x = VectorRows.nextMaximum(img, o, d, least, x + 1, x1))
			out.addMaximum(y, x);
	}

	/** The scratch of one band of rows. */
	private final class Scan extends BandScan {
		private int[][] rows = new int[3][0]; // rows y - 1, y, y + 1 (rotating)
		private int[] left = new int[0], right = new int[0], flags = new int[0], xs = new int[0];

		/** Scans rows {@code ya..yb} (inside the margins) into {@code out}. */
		@Override
		void scan(final int[] img, final int w, final int h, final int ya, final int yb, final int least, final int x0, final int x1,
				final FeatureBuffer out) {
			if (ya >= yb)
				return;
			ensure(w);
			System.arraycopy(img, (ya - 1) * w, rows[(ya - 1) % 3], 0, w);
			System.arraycopy(img, ya * w, rows[ya % 3], 0, w);
			for (int y = ya; y < yb; y++)
				row(img, w, h, y, least, x0, x1, out);
		}

		/**
		 * The maxima of row {@code y} (a method of its own, called once a row, so
		 * that the JIT compiles it early and once).
		 */
		private void row(final int[] img, final int w, final int h, final int y, final int least, final int x0, final int x1,
				final FeatureBuffer out) {
			final int[] up = rows[(y - 1) % 3], mid = rows[y % 3], down = rows[(y + 1) % 3];
			System.arraycopy(img, (y + 1) * w, down, 0, w);
			System.arraycopy(mid, 0, left, 1, w - 1); // left[x] = mid[x - 1]
			System.arraycopy(mid, 1, right, 0, w - 1); // right[x] = mid[x + 1]
			final int[] f = flags;
			candidates(mid, up, down, left, right, least, f, w);
			// collect the candidates first: the scan stays a tight loop
			int n = 0;
			final int[] c = xs;
			for (int x = x0; x <= x1; x++)
				if (f[x] != 0)
					c[n++] = x;
			final int before = out.n;
			for (int i = 0; i < n; i++)
				if (isBoxMaximum(img, w, h, y, c[i], mid[c[i]]))
					out.addMaximum(y, c[i]);
			rowDone(out, before);
		}

		private void ensure(final int w) {
			if (flags.length < w) {
				xs = new int[w];
				rows = new int[3][w];
				left = new int[w];
				right = new int[w];
				flags = new int[w];
			}
		}
	}

	/**
	 * {@code f[x] != 0} where {@code v = mid[x] >= least} and {@code v} is not
	 * below any of its 4 neighbours: each {@code b - 1 - v} is negative
	 * exactly when {@code v >= b} (values are small non-negative integers), so
	 * the AND of them has its sign bit set exactly when all hold.
	 */
	private static void candidates(final int[] mid, final int[] up, final int[] down, final int[] left, final int[] right,
			final int least, final int[] f, final int w) {
		final int l1 = least - 1;
		for (int x = 0; x < w; x++) {
			final int v = mid[x] + 1;
			f[x] = ((l1 - mid[x]) & (up[x] - v) & (down[x] - v) & (left[x] - v) & (right[x] - v)) >>> 31;
		}
	}

	/** Whether no pixel of the box around {@code (y, x)} exceeds {@code v}: the rows nearest {@code y} first. */
	private boolean isBoxMaximum(final int[] img, final int w, final int h, final int y, final int x, final int v) {
		final int ya = Math.max(0, y - lo), yb = Math.min(h - 1, y + hi);
		final int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi);
		for (int d = 0; d <= Math.max(lo, hi); d++) {
			if (y - d >= ya && rowExceeds(img, (y - d) * w, xa, xb, v))
				return false;
			if (d > 0 && y + d <= yb && rowExceeds(img, (y + d) * w, xa, xb, v))
				return false;
		}
		return true;
	}

	/** Whether a pixel of {@code img[o + xa .. o + xb]} exceeds {@code v}, without branches. */
	private static boolean rowExceeds(final int[] img, final int o, final int xa, final int xb, final int v) {
		int any = 0; // sign bit set where v - pixel < 0
		for (int xx = xa; xx <= xb; xx++)
			any |= v - img[o + xx];
		return any < 0;
	}
}
