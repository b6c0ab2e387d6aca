package io.github.parallellocate.core;

/**
 * Where an image's percentile threshold is expected, from the image before
 * it: a movie's next frame (or volume) has its percentile close by. A
 * locator's band pass counts the integer image's values in a window around
 * it ({@link Histogram#reset(int, int, int)}), on images with a large gamut
 * (16-bit), with the vector kernels; the percentile is exact when the window
 * holds it, and the image is counted again, whole, when it does not.
 * <p>
 * The expected value is kept in band-pass units (the integer threshold
 * divided by the image's scale, which follows the image's brightest value);
 * the window's half-width is a fraction of it, doubled after each miss
 * and halved back after hits.
 * </p>
 */
final class PercentileWindow {

	/**
	 * The smallest gamut counted in a window: 16-bit images, whose non-zero
	 * pixels, counted one by one in a histogram of 64K values, took 2.7 ms of
	 * a 2048x2048 frame's 20 ms band pass (measured, one thread: with the
	 * window a frame of {@code u16-2048} took 0.8-1.0 ms less, one of {@code
	 * u16-512} 0.08 ms, 3-5%). An 8-bit image's counts fit the core's first
	 * cache, and its percentile lies among its most frequent values.
	 */
	static final int LEAST_GAMUT = 4096;
	/** The window's half-width as a fraction of the expected value: at first and at least, and at most. */
	static final double SPREAD = 1. / 16, MAX_SPREAD = 4;
	/** The window's least half-width, in integer values. */
	static final int MARGIN = 8;

	private double expected = Double.NaN, spread = SPREAD;
	private int held, missed;

	/**
	 * Clears {@code hist} to count the next image's values (gamut {@code
	 * gamut}, at {@code scale}; NaN: not known) in the window, when there
	 * is an expected value and the gamut is large enough; else every value.
	 * Only the counts it will use are cleared: a window's few, not a 16-bit
	 * image's 64K and their lanes (512 KB) on the calling thread before the
	 * band pass's first split (a 2048x2048 frame's serial steps before that
	 * split, in the fastest rounds: 0.08 ms with that clear, 0.02-0.05 ms
	 * without).
	 */
	void apply(final Histogram hist, final int gamut, final double scale) {
		if (gamut >= LEAST_GAMUT && expected > 0 && scale > 0) {
			final double centre = expected * scale, half = Math.max(MARGIN, centre * spread);
			final long lo = Math.max(1, (long) Math.floor(centre - half)), hi = Math.min(gamut + 1L, (long) Math.ceil(centre + half) + 1);
			if (lo < hi) {
				hist.reset(gamut, (int) lo, (int) hi);
				return;
			}
		}
		hist.reset(gamut);
	}

	/**
	 * The percentile threshold of the {@code nonZero} non-zero pixels of the
	 * integer image {@code img} ({@code rows} rows of {@code w}, their
	 * non-zero bits {@code bits}) from its counts {@code hist}, their lanes
	 * added ({@link Histogram#finish()}): from the window, or, when the
	 * window missed it, from the image counted again, whole ({@link
	 * Histogram#countAll}); this window learns where it was ({@code scale}:
	 * the image's; NaN: none, no expectation for the next).
	 */
	double percentile(final Histogram hist, final long nonZero, final double percentile, final double scale, final int[] img,
			final int w, final int rows, final long[] bits) {
		final boolean windowed = hist.windowed();
		double t = hist.percentile(nonZero, percentile);
		final boolean inWindow = !Double.isNaN(t);
		if (!inWindow) {
			hist.countAll(img, w, rows, bits);
			t = hist.percentile(nonZero, percentile);
		}
		was(t, scale, windowed, inWindow);
		return t;
	}

	/**
	 * The last image's percentile threshold (the integer one, and the
	 * image's scale), whether its values were counted in a window and whether
	 * that held it.
	 */
	private void was(final double threshold, final double scale, final boolean windowed, final boolean inWindow) {
		if (windowed) {
			if (inWindow)
				held++;
			else
				missed++;
		}
		if (!inWindow)
			spread = Math.min(MAX_SPREAD, 2 * spread);
		else if (spread > SPREAD)
			spread = Math.max(SPREAD, spread / 2);
		expected = threshold / scale;
	}

	/** Images whose window held their percentile, and those it missed (for tests). */
	int[] counts() {
		return new int[] { held, missed };
	}
}
