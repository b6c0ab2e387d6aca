package io.github.parallellocate.core;

import java.math.BigInteger;

/**
 * trackpy's {@code uncertainty.measure_noise}: the mean (black level) and
 * population standard deviation (noise) of the raw image over the background
 * (integer images exactly; float images in numpy's float32 arithmetic,
 * {@link NumpyMath#meanStdFloat32}), the background being the pixels outside
 * the binary dilation of the non-zero pixels of the integer (bandpassed)
 * image by the circular mask.
 * <p>
 * The dilation works on bit rows (64 pixels a word): each row of non-zero
 * bits is widened by every half-width the mask has (one shift-or per pixel
 * of width), and a row's foreground is the OR, over the mask's rows, of the
 * neighbouring rows widened by that mask row's half-width. The widened rows
 * live in a ring of {@code 2r + 1} rows per band, filled as the band goes
 * down (they stay in the cache), and the mask's middle row, the widest,
 * comes first: a row it covers entirely needs no other.
 * </p>
 */
final class NoiseEstimator {

	private final CircularMask mask;
	private float[] background = new float[0]; // the parts' float pixels, in row order
	private Part[] parts = { new Part() };
	// the measurement under way (begin .. finish)
	private NonZeroBits nz;
	private RawImage raw;
	private int np;
	// statistics of the background: integer images, and the number of float pixels gathered
	private long count, sum, sumSq;
	private int n;

	/** Black level and noise of the last measurement ({@link #measure}, or {@link #begin} to {@link #finish}; NaN where undefined). */
	double black, noise;

	NoiseEstimator(final CircularMask mask) {
		this.mask = mask;
	}

	/** Measures the background of {@code raw} outside the dilation of the non-zero pixels {@code nz}. */
	void measure(final NonZeroBits nz, final RawImage raw) {
		measure(nz, raw, Splitter.SERIAL);
	}

	/**
	 * {@link #measure(NonZeroBits, RawImage)} by bands of rows that the
	 * splitter may run in parallel: exact integer sums merged, float pixels
	 * gathered in row order, so the result is the same.
	 */
	void measure(final NonZeroBits nz, final RawImage raw, final Splitter splitter) {
		final int np = begin(nz, raw, splitter.parts(raw.height, 128, 4));
		splitter.run(np, this::measurePart);
		finish();
	}

	/**
	 * Prepares a measurement in {@code parts} bands of rows, each to be
	 * measured once by {@link #measurePart} (in any order, on any threads,
	 * each band on one thread at a time, beside other work that neither
	 * reads nor writes what this reads), then merged by {@link #finish}: the
	 * same result as {@link #measure(NonZeroBits, RawImage)}. The non-zero
	 * bits and the raw image must stay as they are until then.
	 *
	 * @return the parts
	 */
	int begin(final NonZeroBits nz, final RawImage raw, final int parts) {
		final int np = Math.max(1, Math.min(parts, raw.height));
		this.nz = nz;
		this.raw = raw;
		this.parts = Splitter.perPart(this.parts, np, Part::new);
		this.np = np;
		return np;
	}

	/** Measures the background of band {@code i} of those {@link #begin} prepared. */
	void measurePart(final int i) {
		final RawImage raw = this.raw;
		final int w = raw.width, h = raw.height, words = nz.words, np = this.np;
		final int r = mask.radius;
		final long[] nonZero = nz.bits;
		// the background statistics, row by row; the part widens the rows it needs into its own ring, as it goes
		final boolean integer = raw.isInteger();
		final int ringRows = 2 * r + 1, plane = ringRows * words;
		final Part part = parts[i];
		final int y0 = Splitter.bound(i, np, h), y1 = Splitter.bound(i + 1, np, h);
		part.count = part.sum = part.sumSq = 0;
		part.n = 0;
		if (part.foreground.length < words)
			part.foreground = new long[words];
		if (part.ring.length < (r + 1) * plane)
			part.ring = new long[(r + 1) * plane];
		if (!integer && part.background.length < w * (y1 - y0))
			part.background = new float[w * (y1 - y0)];
		final long[] ring = part.ring;
		int next = Math.max(0, y0 - r); // the next row to widen
		for (int y = y0; y < y1; y++) {
			for (final int last = Math.min(h - 1, y + r); next <= last; next++) {
				// row next widened by 0..r pixels to both sides
				final int at = next % ringRows * words;
				System.arraycopy(nonZero, next * words, ring, at, words);
				for (int d = 1; d <= r; d++)
					widenByOne(ring, (d - 1) * plane + at, ring, d * plane + at, words);
			}
			part.backgroundRow(raw, y, words, plane, ringRows);
		}
	}

	/** Merges the parts {@link #begin} prepared, all measured, into {@link #black} and {@link #noise}. */
	void finish() {
		final Part[] ps = parts;
		final int np = this.np;
		count = sum = sumSq = 0;
		n = 0;
		for (int i = 0; i < np; i++) {
			count += ps[i].count;
			sum += ps[i].sum;
			sumSq += ps[i].sumSq;
			n += ps[i].n;
		}
		final boolean integer = raw.isInteger();
		nz = null;
		raw = null;
		if (!integer) {
			float[] all = ps[0].background;
			if (np > 1) {
				if (background.length < n)
					background = new float[n];
				for (int i = 0, o = 0; i < np; i++) {
					System.arraycopy(ps[i].background, 0, background, o, ps[i].n);
					o += ps[i].n;
				}
				all = background;
			}
			statsFloat32(all, n);
			return;
		}
		if (count == 0) {
			black = noise = Double.NaN;
			return;
		}
		black = (double) sum / count;
		if (count == 1) {
			noise = Double.NaN;
			return;
		}
		// exact population variance: (n * sum(x^2) - sum(x)^2) / n^2
		final BigInteger bn = BigInteger.valueOf(count);
		final BigInteger num = bn.multiply(BigInteger.valueOf(sumSq)).subtract(BigInteger.valueOf(sum).pow(2));
		noise = Math.sqrt(num.doubleValue() / ((double) count * count));
	}

	/** The scratch and statistics of one band of rows. */
	private final class Part {
		private long[] foreground = new long[0];
		private long[] ring = new long[0]; // the rows around the current one widened by 0..r: (r + 1) planes of 2r + 1 rows
		private int[] at = new int[0]; // a row's background pixels
		private float[] background = new float[0];
		private long count, sum, sumSq;
		private int n;

		/**
		 * Adds the background pixels of row {@code y} to the statistics (a method
		 * of its own, called once a row, so that the JIT compiles it early and
		 * once): the row's foreground is the OR, over the mask's rows, of the
		 * neighbouring rows widened by that mask row's half-width.
		 */
		private void backgroundRow(final RawImage raw, final int y, final int words, final int plane, final int ringRows) {
			final long[] widened = ring;
			final int w = raw.width, h = raw.height, r = mask.radius;
			final int[] hw = mask.halfWidth;
			final long[] fg = foreground;
			final long lastWord = (w & 63) == 0 ? -1L : (1L << (w & 63)) - 1; // the pixels of the last word
			// the middle row, the widest, first: where the non-zero pixels are dense it often covers the whole row
			System.arraycopy(widened, hw[r] * plane + y % ringRows * words, fg, 0, words);
			long full = fg[words - 1] | ~lastWord;
			for (int wd = 0; wd < words - 1; wd++)
				full &= fg[wd];
			if (full == -1L)
				return;
			for (int k = Math.max(-r, -y); k <= Math.min(r, h - 1 - y); k++) {
				final int half = hw[k + r];
				if (half < 0 || k == 0)
					continue;
				final int src = half * plane + (y + k) % ringRows * words;
				for (int wd = 0; wd < words; wd++)
					fg[wd] |= widened[src + wd];
			}
			// the background is usually a small part of the image: visit its pixels only, their indices first
			// (then the loads of the raw pixels, rarely in the cache, are independent of each other and overlap)
			final int o = y * w;
			if (at.length < w)
				at = new int[w];
			final int[] idx = at;
			int m = 0;
			for (int wd = 0; wd < words; wd++) {
				long bg = ~fg[wd] & (wd == words - 1 ? lastWord : -1L);
				final int x0 = o + (wd << 6);
				for (; bg != 0; bg &= bg - 1)
					idx[m++] = x0 + Long.numberOfTrailingZeros(bg);
			}
			if (raw.isInteger()) {
				final int flip = raw.flip;
				long s = 0, sq = 0;
				if (raw.shorts != null) {
					final short[] px = raw.shorts;
					for (int i = 0; i < m; i++) {
						final long v = (px[idx[i]] & 0xffff) ^ flip;
						s += v;
						sq += v * v;
					}
				}
				else {
					final byte[] px = raw.bytes;
					for (int i = 0; i < m; i++) {
						final long v = (px[idx[i]] & 0xff) ^ flip;
						s += v;
						sq += v * v;
					}
				}
				sum += s;
				sumSq += sq;
				count += m;
			}
			else {
				final float[] px = raw.floats;
				for (int i = 0; i < m; i++)
					background[n++] = px[idx[i]];
			}
		}
	}

	/** numpy reduces float32 in float32: the gathered background, through NumpyMath. */
	private void statsFloat32(final float[] background, final int n) {
		if (n == 0) {
			black = noise = Double.NaN;
		}
		else if (n == 1) {
			black = background[0];
			noise = Double.NaN;
		}
		else {
			final double[] ms = NumpyMath.meanStdFloat32(background, n);
			black = ms[0];
			noise = ms[1];
		}
	}

	/** {@code dst = src | src << 1 | src >>> 1} over a bit row (bit x = pixel x). */
	private static void widenByOne(final long[] a, final int src, final long[] b, final int dst, final int words) {
		if (words == 1) {
			final long v = a[src];
			b[dst] = v | (v << 1) | (v >>> 1);
			return;
		}
		long prev = 0, v = a[src];
		for (int wd = 0; wd < words - 1; wd++) {
			final long next = a[src + wd + 1];
			// carries in from the previous word's top pixel and the next word's first pixel
			b[dst + wd] = v | (v << 1) | (v >>> 1) | (prev >>> 63) | (next << 63);
			prev = v;
			v = next;
		}
		b[dst + words - 1] = v | (v << 1) | (v >>> 1) | (prev >>> 63);
	}
}
