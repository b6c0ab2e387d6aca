package io.github.parallellocate.core;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The band pass's row kernels on the Vector API, used only when
 * {@link Simd#enabled()} (this class is loaded only then: it needs the
 * {@code jdk.incubator.vector} module). Each lane computes one output with
 * exactly the operations, in the same order, of the scalar kernels in
 * {@link RowKernels}, {@link Bandpass} and {@link LocalMaxima}; no fused
 * multiply-add. What the Vector API adds over HotSpot 17's own vectoriser is
 * loads at several offsets of one row (a correlation along the row, a box
 * sum, a window maximum), conversions between 8/16-bit, int and double, and
 * masks (non-zero bits, vectors without a maximum).
 */
final class VectorRows {

	private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
	/** Ints of half the doubles' width: as many lanes as {@link #D}. */
	private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(Math.max(64,
		D.vectorBitSize() / 2)));
	private static final int N = D.length();
	/** Bytes and shorts with as many lanes as {@link #D} (null where that shape is below 64 bits). */
	private static final VectorSpecies<Byte> B = D.vectorBitSize() / 8 >= 64 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(D
		.vectorBitSize() / 8)) : null;
	private static final VectorSpecies<Short> S = D.vectorBitSize() / 4 >= 64 ? VectorSpecies.of(short.class, VectorShape.forBitSize(D
		.vectorBitSize() / 4)) : null;
	/** Ints at the full vector width, for the integer image's kernels. */
	private static final VectorSpecies<Integer> J = IntVector.SPECIES_PREFERRED;
	private static final int M = J.length();

	private VectorRows() {}

	/** Doubles a vector (the loops below need {@code I} to hold as many lanes). */
	static int lanes() {
		return I.length() == N ? N : 0;
	}

	/**
	 * {@link RowKernels#correlate(double[], int, int, double[][], double[])}:
	 * across rows, {@code out[o + x] = t[lw][x] k0 + sum over j = lw..1 of
	 * (t[lw - j][x] + t[lw + j][x]) kj}, the outer pair first.
	 */
	static void correlateRows(final double[] out, final int o, final int w, final double[][] t, final double[] k) {
		if (k.length == 9) {
			correlateRows9(out, o, w, t, k);
			return;
		}
		final int lw = k.length / 2;
		final double k0 = k[lw];
		final double[] c = t[lw];
		int x = 0;
		for (final int up = D.loopBound(w); x < up; x += N) {
			DoubleVector v = DoubleVector.fromArray(D, c, x).mul(k0);
			for (int j = lw; j >= 1; j--)
				v = v.add(DoubleVector.fromArray(D, t[lw - j], x).add(DoubleVector.fromArray(D, t[lw + j], x)).mul(k[lw - j]));
			v.intoArray(out, o + x);
		}
		for (; x < w; x++) {
			double v = c[x] * k0;
			for (int j = lw; j >= 1; j--)
				v += (t[lw - j][x] + t[lw + j][x]) * k[lw - j];
			out[o + x] = v;
		}
	}

	/** {@code 1 << lane} in each lane of {@link #I}: a mask's lanes as bits. */
	private static final IntVector LANE_BITS = laneBits();

	private static IntVector laneBits() {
		final int[] b = new int[I.length()];
		for (int i = 0; i < b.length; i++)
			b[i] = 1 << i;
		return IntVector.fromArray(I, b, 0);
	}

	/**
	 * The non-zero pixels of {@code img[o..o + w)} as bits, 64 a word, into
	 * {@code bits[b..]} (bit {@code x % 64} of word {@code x / 64}, as
	 * {@link NonZeroBits#packRow}).
	 *
	 * @return the number of zeros
	 */
	static int nonZeroBits(final int[] img, final int o, final int w, final long[] bits, final int b) {
		int nonZero = 0;
		for (int x0 = 0, wd = b; x0 < w; x0 += 64, wd++) {
			final int end = Math.min(w, x0 + 64);
			long word = 0;
			int x = x0;
			for (; x + N <= end; x += N) {
				final IntVector v = IntVector.fromArray(I, img, o + x);
				final int lanes = IntVector.zero(I).blend(LANE_BITS, v.compare(VectorOperators.NE, 0)).reduceLanes(VectorOperators.OR);
				word |= (lanes & 0xffffffffL) << (x - x0);
			}
			for (; x < end; x++)
				word |= NonZeroBits.nonZero(img[o + x]) << (x - x0);
			bits[wd] = word;
			nonZero += Long.bitCount(word);
		}
		return w - nonZero;
	}

	/**
	 * {@link #nonZeroBits} and, in the same pass, the pixels of {@code
	 * img[o..o + w)} with a value in {@code lo..hi - 1} ({@code 1 <= lo <=
	 * hi}) as bits into {@code window[0..]}, 64 a word: a {@link Histogram}'s
	 * window. (Each pixel is loaded once: measured, 0.38 ns a pixel against
	 * 0.23 + 0.29 for the two passes.)
	 *
	 * @return the number of zeros, shifted left 32 bits, or'ed with the
	 *         number of pixels in {@code 1..lo - 1} (below the window)
	 */
	static long nonZeroAndWindowBits(final int[] img, final int o, final int w, final long[] bits, final int b, final int lo, final int hi,
			final long[] window) {
		final int span = hi - lo, under = lo - 1;
		final IntVector zero = IntVector.zero(I);
		int nonZero = 0, below = 0;
		for (int x0 = 0, wd = 0; x0 < w; x0 += 64, wd++) {
			final int end = Math.min(w, x0 + 64);
			long word = 0, in = 0;
			int x = x0;
			for (; x + N <= end; x += N) {
				final IntVector v = IntVector.fromArray(I, img, o + x);
				word |= (zero.blend(LANE_BITS, v.compare(VectorOperators.NE, 0)).reduceLanes(VectorOperators.OR) & 0xffffffffL) << (x - x0);
				// v - lo < span, and 0 < v < lo as v - 1 < lo - 1, unsigned: one comparison each
				in |= (zero.blend(LANE_BITS, v.sub(lo).compare(VectorOperators.UNSIGNED_LT, span)).reduceLanes(VectorOperators.OR)
					& 0xffffffffL) << (x - x0);
				below += v.sub(1).compare(VectorOperators.UNSIGNED_LT, under).trueCount();
			}
			for (; x < end; x++) {
				final int v = img[o + x];
				word |= NonZeroBits.nonZero(v) << (x - x0);
				if (Integer.compareUnsigned(v - lo, span) < 0)
					in |= 1L << (x - x0);
				else if (Integer.compareUnsigned(v - 1, under) < 0)
					below++;
			}
			bits[b + wd] = word;
			window[wd] = in;
			nonZero += Long.bitCount(word);
		}
		return (long) (w - nonZero) << 32 | below;
	}

	/**
	 * {@link #correlateRows} for the 9 taps of {@code noise_size} 1 (trackpy's
	 * default), written out: the same operations in the same order, in a loop
	 * HotSpot compiles without an inner loop.
	 */
	private static void correlateRows9(final double[] out, final int o, final int w, final double[][] t, final double[] k) {
		final double k0 = k[4], k1 = k[3], k2 = k[2], k3 = k[1], k4 = k[0];
		final double[] c = t[4], a1 = t[3], b1 = t[5], a2 = t[2], b2 = t[6], a3 = t[1], b3 = t[7], a4 = t[0], b4 = t[8];
		int x = 0;
		for (final int up = D.loopBound(w); x < up; x += N) {
			DoubleVector v = DoubleVector.fromArray(D, c, x).mul(k0);
			v = v.add(DoubleVector.fromArray(D, a4, x).add(DoubleVector.fromArray(D, b4, x)).mul(k4));
			v = v.add(DoubleVector.fromArray(D, a3, x).add(DoubleVector.fromArray(D, b3, x)).mul(k3));
			v = v.add(DoubleVector.fromArray(D, a2, x).add(DoubleVector.fromArray(D, b2, x)).mul(k2));
			v = v.add(DoubleVector.fromArray(D, a1, x).add(DoubleVector.fromArray(D, b1, x)).mul(k1));
			v.intoArray(out, o + x);
		}
		for (; x < w; x++) {
			double v = c[x] * k0;
			v += (a4[x] + b4[x]) * k4;
			v += (a3[x] + b3[x]) * k3;
			v += (a2[x] + b2[x]) * k2;
			v += (a1[x] + b1[x]) * k1;
			out[o + x] = v;
		}
	}

	/** {@link #correlateAlong} for 9 taps, written out (see {@link #correlateRows9}). */
	private static void correlateAlong9(final double[] p, final double[] k, final double[] out, final int w) {
		final double k0 = k[4], k1 = k[3], k2 = k[2], k3 = k[1], k4 = k[0];
		int x = 0;
		for (final int up = D.loopBound(w); x < up; x += N) {
			final int c = 4 + x;
			DoubleVector v = DoubleVector.fromArray(D, p, c).mul(k0);
			v = v.add(DoubleVector.fromArray(D, p, c - 4).add(DoubleVector.fromArray(D, p, c + 4)).mul(k4));
			v = v.add(DoubleVector.fromArray(D, p, c - 3).add(DoubleVector.fromArray(D, p, c + 3)).mul(k3));
			v = v.add(DoubleVector.fromArray(D, p, c - 2).add(DoubleVector.fromArray(D, p, c + 2)).mul(k2));
			v = v.add(DoubleVector.fromArray(D, p, c - 1).add(DoubleVector.fromArray(D, p, c + 1)).mul(k1));
			v.intoArray(out, x);
		}
		for (; x < w; x++) {
			final int c = 4 + x;
			double v = p[c] * k0;
			v += (p[c - 4] + p[c + 4]) * k4;
			v += (p[c - 3] + p[c + 3]) * k3;
			v += (p[c - 2] + p[c + 2]) * k2;
			v += (p[c - 1] + p[c + 1]) * k1;
			out[x] = v;
		}
	}

	/**
	 * {@code dst[x] = max(a[x .. x + s - 1])} for {@code x < w} ({@code a}
	 * holds {@code len = w + s - 1} values and is overwritten): windows
	 * doubled in place, then two overlapping ones.
	 */
	static void windowMax(final int[] a, final int s, final int len, final int[] dst, final int w) {
		int span = 1;
		for (; 2 * span <= s; span *= 2)
			doubleWindowMax(a, span, len - 2 * span + 1);
		final int rest = s - span;
		if (rest == 0)
			System.arraycopy(a, 0, dst, 0, w);
		else
			shiftedMax(a, rest, dst, w);
	}

	/**
	 * {@code a[i] = max(a[i .. i + span - 1])} becomes the maximum over
	 * {@code 2 span} values, for {@code i < n}, in place ({@code a[i + span]}
	 * is read before it is written: a forward pass).
	 */
	private static void doubleWindowMax(final int[] a, final int span, final int n) {
		int i = 0;
		for (final int up = J.loopBound(n); i < up; i += M)
			IntVector.fromArray(J, a, i).max(IntVector.fromArray(J, a, i + span)).intoArray(a, i);
		for (; i < n; i++)
			a[i] = Math.max(a[i], a[i + span]);
	}

	/** {@code dst[x] = max(a[x], a[x + shift])} for {@code x < n}. */
	private static void shiftedMax(final int[] a, final int shift, final int[] dst, final int n) {
		int x = 0;
		for (final int up = J.loopBound(n); x < up; x += M)
			IntVector.fromArray(J, a, x).max(IntVector.fromArray(J, a, x + shift)).intoArray(dst, x);
		for (; x < n; x++)
			dst[x] = Math.max(a[x], a[x + shift]);
	}

	/**
	 * The first column {@code x >= from} (up to {@code to}, inclusive) of row
	 * {@code o} of {@code img} whose value is at least {@code least} and at
	 * least its box maximum {@code d[x]}, or {@code to + 1}: whole vectors
	 * with no such pixel (most) are skipped at once.
	 */
	static int nextMaximum(final int[] img, final int o, final int[] d, final int least, final int from, final int to) {
		int x = from;
		for (final int up = to + 1 - M; x <= up; x += M) {
			final IntVector v = IntVector.fromArray(J, img, o + x);
			if (v.compare(VectorOperators.GE, IntVector.fromArray(J, d, x)).and(v.compare(VectorOperators.GE, least)).anyTrue())
				break;
		}
		for (; x <= to; x++) {
			final int v = img[o + x];
			if (v >= d[x] && v >= least)
				return x;
		}
		return to + 1;
	}

	/**
	 * {@code dst[x]} = pixel {@code from + x} of {@code px} (a {@code byte[]}
	 * or {@code short[]}, unsigned), or {@code gamut -} that when inverted,
	 * as doubles, for {@code x < n}.
	 */
	static void toDoubles(final Object px, final int from, final double[] dst, final int n, final boolean invert) {
		final boolean bytes = px instanceof byte[];
		int x = 0;
		if (bytes ? B != null : S != null)
			for (final int up = D.loopBound(n); x < up; x += N)
				((DoubleVector) unsigned(px, bytes, from + x, invert).convertShape(VectorOperators.I2D, D, 0)).intoArray(dst, x);
		for (; x < n; x++)
			dst[x] = unsignedAt(px, bytes, from + x, invert);
	}

	/** The pixels at {@code at}, as ints, inverted ({@code gamut - v}) or not. */
	private static IntVector unsigned(final Object px, final boolean bytes, final int at, final boolean invert) {
		final IntVector v = bytes ? bytes((byte[]) px, at) : shorts((short[]) px, at);
		return invert ? IntVector.broadcast(I, bytes ? 255 : 65535).sub(v) : v;
	}

	/** The pixel at {@code at}, as an int, inverted or not (the scalar tail). */
	private static int unsignedAt(final Object px, final boolean bytes, final int at, final boolean invert) {
		final int v = bytes ? ((byte[]) px)[at] & 0xff : ((short[]) px)[at] & 0xffff;
		return invert ? (bytes ? 255 : 65535) - v : v;
	}

	private static IntVector bytes(final byte[] px, final int at) {
		return ((IntVector) ByteVector.fromArray(B, px, at).convertShape(VectorOperators.B2I, I, 0)).and(0xff);
	}

	private static IntVector shorts(final short[] px, final int at) {
		return ((IntVector) ShortVector.fromArray(S, px, at).convertShape(VectorOperators.S2I, I, 0)).and(0xffff);
	}

	/** 2^52: below it, {@code (v + 2^52) - 2^52} is {@code v} rounded to an integer. */
	private static final double ROUNDER = 0x1p52;

	/**
	 * Pixels {@link NdLocator}'s two-pass truncation (volumes below its single
	 * pass's size, where the doubles may still be in the cache) quantizes at
	 * once before taking their bits and counts: a long stream keeps the
	 * hardware's prefetcher ahead. 32K pixels are 256 KB read and 128 KB
	 * written, still in the core's cache for the counts.
	 */
	static final int QUANTIZE_PIXELS = 1 << 15;

	/**
	 * convert_to_int's truncation, {@code img[o + x] = (int) (scale * max(v[from + x], 0))}
	 * for results below 2^31. The Vector API of Java 17 has no floor and
	 * converts longs to ints but not doubles: for {@code 0 <= q < 2^52},
	 * {@code r = (q + 2^52) - 2^52} is {@code q} rounded to an integer, and
	 * {@code floor(q)} is {@code r}, or {@code r - 1} where {@code r > q},
	 * exactly; the integer is then the low bits of {@code r + 2^52}.
	 */
	static void quantize(final double[] v, final int from, final double scale, final int[] img, final int o, final int w) {
		int x = 0;
		for (final int up = D.loopBound(w); x < up; x += N) {
			final DoubleVector q = DoubleVector.fromArray(D, v, from + x).max(0.).mul(scale);
			DoubleVector r = q.add(ROUNDER).sub(ROUNDER);
			r = r.sub(1., r.compare(VectorOperators.GT, q));
			((IntVector) r.add(ROUNDER).reinterpretAsLongs().convertShape(VectorOperators.L2I, I, 0)).intoArray(img, o + x);
		}
		for (; x < w; x++)
			img[o + x] = (int) Math.floor(scale * Math.max(v[from + x], 0.));
	}

	/**
	 * {@link RowKernels#subtractAndThreshold} into {@code out[o..o + w)}:
	 * {@code lowpass - bg} where it is at least {@code t}, else zero. (Where
	 * the scalar kernel gives {@code -0.0} this gives {@code 0.0}; the
	 * truncation to integers makes both 0.) The row's largest value comes
	 * from the vector of maxima, without the scalar kernel's column maxima
	 * (a load and a store a vector fewer).
	 *
	 * @return the row's largest value
	 */
	static double subtractAndThreshold(final double[] lowpass, final double[] bg, final double t, final double[] out, final int o,
			final int w) {
		int x = 0;
		final DoubleVector zero = DoubleVector.zero(D);
		DoubleVector rowMax = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
		for (final int up = D.loopBound(w); x < up; x += N) {
			final DoubleVector r = DoubleVector.fromArray(D, lowpass, x).sub(DoubleVector.fromArray(D, bg, x));
			final DoubleVector kept = zero.blend(r, r.compare(VectorOperators.GE, t));
			kept.intoArray(out, o + x);
			rowMax = rowMax.max(kept);
		}
		double max = rowMax.reduceLanes(VectorOperators.MAX);
		for (; x < w; x++) {
			final double r = RowKernels.keepAtLeast(lowpass[x] - bg[x], t);
			out[o + x] = r;
			max = Math.max(max, r);
		}
		return max;
	}

	/**
	 * The largest of pixels {@code from..from + n} of {@code px} (a {@code
	 * byte[]} or {@code short[]}, unsigned), inverted ({@code gamut - v}) or
	 * not.
	 */
	static int maxUnsigned(final Object px, final int from, final int n, final boolean invert) {
		final boolean bytes = px instanceof byte[];
		int x = 0, max = Integer.MIN_VALUE;
		if (bytes ? B != null : S != null) {
			IntVector m = IntVector.broadcast(I, Integer.MIN_VALUE);
			for (final int up = I.loopBound(n); x < up; x += N)
				m = m.max(unsigned(px, bytes, from + x, invert));
			max = m.reduceLanes(VectorOperators.MAX);
		}
		for (; x < n; x++)
			max = Math.max(max, unsignedAt(px, bytes, from + x, invert));
		return max;
	}

	/**
	 * scipy's symmetric {@code correlate1d} along a row: {@code out[x] =
	 * p[c] k0 + sum over j = lw..1 of (p[c - j] + p[c + j]) kj} with {@code c =
	 * lw + x}, the outer pair first, as {@link RowKernels#correlate}; {@code p}
	 * holds the row at {@code lw..lw + w} with its padding around it (zeros:
	 * scipy's mode 'constant').
	 */
	static void correlateAlong(final double[] p, final double[] k, final double[] out, final int w) {
		if (k.length == 9) {
			correlateAlong9(p, k, out, w);
			return;
		}
		final int lw = k.length / 2;
		final double k0 = k[lw];
		int x = 0;
		for (final int up = D.loopBound(w); x < up; x += N) {
			final int c = lw + x;
			DoubleVector v = DoubleVector.fromArray(D, p, c).mul(k0);
			for (int j = lw; j >= 1; j--)
				v = v.add(DoubleVector.fromArray(D, p, c - j).add(DoubleVector.fromArray(D, p, c + j)).mul(k[lw - j]));
			v.intoArray(out, x);
		}
		for (; x < w; x++) {
			final int c = lw + x;
			double v = p[c] * k0;
			for (int j = lw; j >= 1; j--)
				v += (p[c - j] + p[c + j]) * k[lw - j];
			out[x] = v;
		}
	}

	/**
	 * scipy's {@code uniform_filter1d} sums, mode 'nearest': {@code out[x] =
	 * a[x - s/2] + ... + a[x + s - 1 - s/2]} for {@code x < w}, indices
	 * clamped to the row: the row between copies of its end values in {@code
	 * pad} (at least {@code w + s - 1} long), then {@link #boxSums}.
	 */
	static void nearestBoxSums(final double[] a, final int s, final double[] pad, final double[][] levels, final double[] out,
			final int w) {
		final int s1 = s / 2, s2 = s - s1 - 1;
		System.arraycopy(a, 0, pad, s1, w);
		java.util.Arrays.fill(pad, 0, s1, a[0]);
		java.util.Arrays.fill(pad, s1 + w, s1 + w + s2, a[w - 1]);
		boxSums(pad, s, levels, out, w);
	}

	/**
	 * Box sums of {@code s} consecutive values: {@code out[x] = p[x] + ... +
	 * p[x + s - 1]} for {@code x < w} ({@code p} holds {@code w + s - 1}
	 * integral values; the sums are exact in any order). A vector of sums
	 * follows from the one before it, {@code N} values back: {@code out[x] =
	 * out[x - N] + (p[x + s - N] + ... + p[x + s - 1]) - (p[x - N] + ... +
	 * p[x - 1])}, with the sums of {@code N} values made by doubling
	 * ({@code log2 N} passes), whatever {@code s}.
	 *
	 * @param levels scratch rows, at least {@link #levels()} of length {@code w + s}
	 */
	static void boxSums(final double[] p, final int s, final double[][] levels, final double[] out, final int w) {
		final int n = w + s - 1;
		double t = 0;
		for (int i = 0; i < s; i++)
			t += p[i];
		out[0] = t;
		final int head = Math.min(w, N);
		for (int x = 1; x < head; x++) {
			t += p[x + s - 1] - p[x - 1];
			out[x] = t;
		}
		if (w < 2 * N) {
			for (int x = head; x < w; x++) {
				t += p[x + s - 1] - p[x - 1];
				out[x] = t;
			}
			return;
		}
		// sums of N consecutive values, by doubling: levels[l - 1][i] = p[i] + ... + p[i + 2^l - 1]
		double[] prev = p;
		for (int l = 1; 1 << l <= N; l++) {
			final int half = 1 << (l - 1), len = n - (1 << l) + 1;
			final double[] cur = levels[l - 1];
			int x = 0;
			for (final int up = D.loopBound(len); x < up; x += N)
				DoubleVector.fromArray(D, prev, x).add(DoubleVector.fromArray(D, prev, x + half)).intoArray(cur, x);
			for (; x < len; x++)
				cur[x] = prev[x] + prev[x + half];
			prev = cur;
		}
		final double[] sums = prev;
		DoubleVector b = DoubleVector.fromArray(D, out, 0);
		int x = N;
		for (final int up = D.loopBound(w); x < up; x += N) {
			b = b.add(DoubleVector.fromArray(D, sums, x + s - N).sub(DoubleVector.fromArray(D, sums, x - N)));
			b.intoArray(out, x);
		}
		t = out[x - 1];
		for (; x < w; x++) {
			t += p[x + s - 1] - p[x - 1];
			out[x] = t;
		}
	}

	/** The number of scratch rows {@link #boxSums} needs (for any box size). */
	static int levels() {
		return 31 - Integer.numberOfLeadingZeros(N);
	}

}
