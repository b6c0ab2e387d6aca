package io.github.parallellocate.core;

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
 * first.
 * </p>
 */
final class LocalMaxima {

	private final double percentile;
	private final double margin;
	private final int lo, hi;
	private Scan[] scans = { new Scan() }; // scratch per row band

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
		final long nonZero = (long) w * h - counts[0];
		if (nonZero == 0)
			return; // trackpy: "Image is completely black."
		// the percentile is over the non-zero pixels; integers above it are those >= least
		final double threshold = NumpyMath.percentileOfHistogram(counts, 1, nonZero, percentile);
		final int least = (int) Math.floor(threshold) + 1;

		final int y0 = (int) Math.ceil(margin), y1 = (int) Math.floor(h - margin - 1);
		final int x0 = (int) Math.ceil(margin), x1 = (int) Math.floor(w - margin - 1);
		if (y0 > y1 || x0 > x1)
			return;
		// the 4-neighbour pre-test is valid when the box covers them (and they exist: margin >= 1)
		final boolean pretest = lo >= 1 && hi >= 1 && y0 >= 1 && x0 >= 1 && y1 <= h - 2 && x1 <= w - 2;
		if (!pretest) {
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) {
					final int v = img[y * w + x];
					if (v >= least && isBoxMaximum(img, w, h, y, x, v))
						out.addMaximum(y, x);
				}
			return;
		}
		final int rowsToScan = y1 - y0 + 1;
		final int n = splitter.parts(rowsToScan, 32, 3);
		if (scans.length < n) {
			final Scan[] more = java.util.Arrays.copyOf(scans, n);
			for (int i = scans.length; i < n; i++)
				more[i] = new Scan();
			scans = more;
		}
		final Scan[] sc = scans;
		if (n == 1) {
			sc[0].scan(img, w, h, y0, y1 + 1, least, x0, x1, out);
			return;
		}
		splitter.run(n, i -> {
			sc[i].found.clear();
			sc[i].scan(img, w, h, y0 + Splitter.bound(i, n, rowsToScan), y0 + Splitter.bound(i + 1, n, rowsToScan), least, x0, x1,
				sc[i].found);
		});
		for (int i = 0; i < n; i++) {
			final FeatureBuffer f = sc[i].found;
			for (int k = 0; k < f.n; k++)
				out.addMaximum(f.cy[k], f.cx[k]);
		}
	}

	/** The scratch of one band of rows. */
	private final class Scan {
		private int[][] rows = new int[3][0]; // rows y - 1, y, y + 1 (rotating)
		private int[] left = new int[0], right = new int[0], flags = new int[0], xs = new int[0];
		/** The band's maxima (bands scanned in parallel). */
		final FeatureBuffer found = new FeatureBuffer();

		/** Scans rows {@code ya..yb} (inside the margins) into {@code out}. */
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
			for (int i = 0; i < n; i++)
				if (isBoxMaximum(img, w, h, y, c[i], mid[c[i]]))
					out.addMaximum(y, c[i]);
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
