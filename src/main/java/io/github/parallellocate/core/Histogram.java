package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * Counts of the integer image's values, filled while the image is written
 * (so no separate pass reads it again), for {@link LocalMaxima}'s
 * percentile threshold. Even and odd columns count into interleaved lanes,
 * so that runs of one value (mostly 0) do not stall on a single counter;
 * {@link #finish()} adds the lanes.
 * <p>
 * The counts are exact for every value 0..gamut, or, with a <em>window</em>
 * ({@link #reset(int, int, int)}), only for the values {@code lo..hi - 1}
 * around where the percentile is expected: the rest are counted as zeros,
 * non-zero values below the window and values above it. Only the pixels in
 * the window are counted one by one ({@link #countWindow}: a vector
 * comparison finds them), a few percent of a 16-bit image instead of every
 * non-zero pixel, with counts small enough for the core's first cache. The
 * percentile is then exact when both values it is interpolated between
 * fall in the window, and unknown ({@link #percentile}: NaN) otherwise: the
 * image is counted again, whole.
 * </p>
 */
final class Histogram {

	private int[] lanes = new int[0], counts = new int[0];
	private int bins; // the values 0..bins - 1
	/** The exactly counted values, lo..hi - 1 (0..bins - 1 without a window). */
	private int lo, hi;
	/** With a window: the zeros, the non-zero values below it and those above it. */
	private long zeros, below, above;
	private long[] inWindow = new long[0]; // countWindow's bits of a row's pixels in the window

	/** Clears the counts for values 0..gamut, every value counted. */
	void reset(final int gamut) {
		reset(gamut, 0, gamut + 1);
	}

	/**
	 * Clears the counts for values 0..gamut, counting {@code lo..hi - 1}
	 * exactly ({@code 1 <= lo <= hi <= gamut + 1}; {@code lo == 0}: every value).
	 */
	void reset(final int gamut, final int lo, final int hi) {
		if (lo < 0 || lo > hi || hi > gamut + 1 || lo == 0 && hi != gamut + 1)
			throw new IllegalArgumentException("window " + lo + ".." + hi + " of 0.." + gamut);
		bins = gamut + 1;
		this.lo = lo;
		this.hi = hi;
		zeros = below = above = 0;
		final int n = hi - lo;
		if (lanes.length < 2 * n)
			lanes = new int[2 * Math.max(n, bins)];
		if (counts.length < bins)
			counts = new int[bins];
		Arrays.fill(lanes, 0, 2 * n, 0);
	}

	/** The largest value counted. */
	int gamut() {
		return bins - 1;
	}

	/** Whether only a window of values is counted exactly. */
	boolean windowed() {
		return lo > 0;
	}

	/** The first value counted exactly (0 without a window). */
	int lo() {
		return lo;
	}

	/** One past the last value counted exactly. */
	int hi() {
		return hi;
	}

	/** Counts value {@code v} found in column {@code x} (without a window). */
	void add(final int v, final int x) {
		lanes[(v << 1) | (x & 1)]++;
	}

	/** Counts {@code n} zeros. */
	void addZeros(final int n) {
		if (lo > 0)
			zeros += n;
		else
			lanes[0] += n;
	}

	/** Counts {@code values[from..from + n)} (without a window). */
	void addAll(final int[] values, final int from, final int n) {
		for (int x = 0; x < n; x++)
			add(values[from + x], x);
	}

	/**
	 * Counts the row {@code img[o..o + w)} (non-negative values) and writes
	 * the bits of its non-zero pixels into {@code bits[b..]} ({@link
	 * NonZeroBits}), with the vector kernels: in the window ({@link
	 * #countWindow}), or every value (a band-passed image is mostly zeros:
	 * only the non-zero pixels, found from the bits, are counted one by one).
	 */
	void countRow(final int[] img, final int o, final int w, final long[] bits, final int b) {
		if (lo > 0) {
			countWindow(img, o, w, bits, b);
			return;
		}
		VectorRows.nonZeroBits(img, o, w, bits, b);
		countFromBits(img, o, w, bits, b);
	}

	/** Counts every value of the row {@code img[o..o + w)} given the bits of its non-zero pixels at {@code bits[b..]} (without a window). */
	void countFromBits(final int[] img, final int o, final int w, final long[] bits, final int b) {
		final int words = (w + 63) >>> 6;
		int nonZero = 0;
		for (int wd = 0; wd < words; wd++) {
			final int x0 = o + 64 * wd;
			final long word = bits[b + wd];
			nonZero += Long.bitCount(word);
			for (long m = word; m != 0; m &= m - 1) {
				final int i = Long.numberOfTrailingZeros(m);
				add(img[x0 + i], i);
			}
		}
		addZeros(w - nonZero);
	}

	/**
	 * Counts the whole integer image {@code img} again, every value, from the
	 * non-zero bits {@code bits} of its {@code rows} rows of {@code w}
	 * ({@link NonZeroBits}' layout), and adds the lanes ({@link #finish()}).
	 */
	void countAll(final int[] img, final int w, final int rows, final long[] bits) {
		reset(gamut());
		final int words = (w + 63) >>> 6;
		for (int row = 0; row < rows; row++)
			countFromBits(img, row * w, w, bits, row * words);
		finish();
	}

	/**
	 * Counts the row {@code img[o..o + w)} with a window, and writes the bits
	 * of its non-zero pixels into {@code bits[b..]} ({@link NonZeroBits}):
	 * one vector pass finds both ({@link VectorRows#nonZeroAndWindowBits}),
	 * then only the pixels in the window are counted one by one.
	 */
	void countWindow(final int[] img, final int o, final int w, final long[] bits, final int b) {
		final int words = (w + 63) >>> 6;
		if (inWindow.length < words)
			inWindow = new long[words];
		final long[] in = inWindow;
		final long found = VectorRows.nonZeroAndWindowBits(img, o, w, bits, b, lo, hi, in);
		final int rowZeros = (int) (found >>> 32), under = (int) found;
		final int[] l = lanes;
		final int base = lo;
		int counted = 0;
		for (int wd = 0; wd < words; wd++) {
			final int x0 = o + 64 * wd;
			final long word = in[wd];
			counted += Long.bitCount(word);
			for (long m = word; m != 0; m &= m - 1) {
				final int i = Long.numberOfTrailingZeros(m);
				l[((img[x0 + i] - base) << 1) | (i & 1)]++;
			}
		}
		zeros += rowZeros;
		below += under;
		above += w - rowZeros - under - counted;
	}

	/** Uncounts {@code values[from..from + n)}, counted before (a row done again). */
	void remove(final int[] values, final int from, final int n) {
		if (lo == 0) {
			for (int x = 0; x < n; x++)
				lanes[values[from + x] << 1]--;
			return;
		}
		for (int x = 0; x < n; x++) {
			final int v = values[from + x];
			if (v == 0)
				zeros--;
			else if (v < lo)
				below--;
			else if (v >= hi)
				above--;
			else
				lanes[(v - lo) << 1]--;
		}
	}

	/**
	 * Adds the lanes; returns the counts (index = value; with a window only
	 * {@link #lo()}..{@link #hi()} are meaningful).
	 */
	int[] finish() {
		for (int v = lo; v < hi; v++)
			counts[v] = lanes[2 * (v - lo)] + lanes[2 * (v - lo) + 1];
		return counts;
	}

	/** The number of zeros (after {@link #finish()}). */
	long zeros() {
		return lo > 0 ? zeros : counts[0];
	}

	/**
	 * numpy's {@code percentile} of the {@code nonZero} non-zero values
	 * (after {@link #finish()}), or NaN when a value it needs lies outside
	 * the window (never without one).
	 */
	double percentile(final long nonZero, final double percentile) {
		if (lo == 0)
			return NumpyMath.percentileOfHistogram(counts, 1, nonZero, percentile);
		return NumpyMath.percentileOfWindow(counts, lo, hi, below, nonZero, percentile);
	}

	/** Adds another histogram's counts (of the same gamut and window, before {@link #finish()}). */
	void addLanes(final Histogram other) {
		if (other.lo != lo || other.hi != hi || other.bins != bins)
			throw new IllegalArgumentException("counts of another window");
		final int[] a = lanes, b = other.lanes;
		for (int i = 0; i < 2 * (hi - lo); i++)
			a[i] += b[i];
		zeros += other.zeros;
		below += other.below;
		above += other.above;
	}
}
