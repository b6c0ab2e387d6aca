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
 * a full dilation image, each pixel above the threshold is tested sparsely:
 * first against its 8 neighbours, then against the whole box.
 * </p>
 */
final class LocalMaxima {

	private final double percentile;
	private final double margin;
	private final int lo, hi;

	LocalMaxima(final LocateParameters params) {
		percentile = params.percentile();
		margin = params.margin();
		final int s = Math.max(1, params.dilationSize());
		lo = (s - 1) / 2;
		hi = s / 2;
	}

	/**
	 * Appends the maxima of {@code img} to {@code out}; {@code counts[v]} is
	 * how many pixels of {@code img} have the value {@code v}.
	 */
	void find(final int[] img, final int w, final int h, final int[] counts, final FeatureBuffer out) {
		final long nonZero = (long) w * h - counts[0];
		if (nonZero == 0)
			return; // trackpy: "Image is completely black."
		// the percentile is over the non-zero pixels
		final double threshold = NumpyMath.percentileOfHistogram(counts, 1, nonZero, percentile);

		final int y0 = (int) Math.ceil(margin), y1 = (int) Math.floor(h - margin - 1);
		final int x0 = (int) Math.ceil(margin), x1 = (int) Math.floor(w - margin - 1);
		// the 8-neighbour pre-test is valid when the box covers them (and they exist: margin >= 1)
		final boolean pretest = lo >= 1 && hi >= 1 && y0 >= 1 && x0 >= 1 && y1 <= h - 2 && x1 <= w - 2;
		for (int y = y0; y <= y1; y++) {
			final int o = y * w;
			for (int x = x0; x <= x1; x++) {
				final int v = img[o + x];
				if (v <= threshold)
					continue;
				if (pretest) {
					final int a = o - w + x, c = o + w + x;
					if (img[a - 1] > v || img[a] > v || img[a + 1] > v || img[o + x - 1] > v || img[o + x + 1] > v
						|| img[c - 1] > v || img[c] > v || img[c + 1] > v)
						continue;
				}
				if (isBoxMaximum(img, w, h, y, x, v))
					out.addMaximum(y, x);
			}
		}
	}

	private boolean isBoxMaximum(final int[] img, final int w, final int h, final int y, final int x, final int v) {
		final int ya = Math.max(0, y - lo), yb = Math.min(h - 1, y + hi);
		final int xa = Math.max(0, x - lo), xb = Math.min(w - 1, x + hi);
		for (int yy = ya; yy <= yb; yy++) {
			final int o = yy * w;
			int m = 0; // branch-free row maximum, one test a row
			for (int xx = xa; xx <= xb; xx++)
				m = Math.max(m, img[o + xx]);
			if (m > v)
				return false;
		}
		return true;
	}
}
