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
 * Without preprocessing, integer planes are used as they are (factor 1) and
 * float planes are rescaled in float32 arithmetic, as numpy does.
 */
final class Bandpass {

	private final LocateParameters params;
	private final double[] kernel; // null when noise_size == 0
	private final int smoothing;

	private double[] low = new double[0];
	private double[][] ring = new double[0][0];
	private double[] pad = new double[0];
	private double[] zeros = new double[0];
	private int[] boxI = new int[0], boxI2 = new int[0];
	private float[] boxF = new float[0], boxF2 = new float[0];
	private double[] colSum = new double[0];
	private int[] colSumI = new int[0];

	Bandpass(final LocateParameters params) {
		this.params = params;
		kernel = params.noiseSize() > 0 ? gaussianKernel(params.noiseSize(), 4.0) : null;
		smoothing = params.smoothingSize();
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
	 * Computes the integer image into {@code img} and counts its values into
	 * {@code hist}.
	 *
	 * @return the scale factor trackpy divides mass and signal by
	 */
	double apply(final RawImage raw, final int[] img, final Histogram hist) {
		final int w = raw.width, h = raw.height, size = w * h;
		final int gamut = raw.type.gamut();
		hist.reset(gamut);
		if (!params.preprocess()) {
			final double scale = withoutPreprocessing(raw, img, size, gamut);
			hist.addAll(img, 0, size);
			return scale;
		}
		ensure(w, h);
		final boolean integer = raw.isInteger();
		// Background first, so each lowpass row can be finished while in cache.
		final int[] bgI = integer ? (smoothing > 1 ? boxcarInt(raw.ints, w, h) : raw.ints) : null;
		final float[] bgF = integer ? null : (smoothing > 1 ? boxcarFloat(raw.floats, w, h) : raw.floats);
		final double threshold = params.threshold(raw.type);
		final double[] b = low;
		double max = Double.NEGATIVE_INFINITY;
		if (kernel != null)
			lowpassVertical(raw, w, h);
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			if (kernel != null)
				lowpassHorizontal(o, w); // the row stays in cache for what follows
			else
				toDouble(raw, y, w, b, o);
			// result = lowpass - boxcar, kept where >= threshold
			if (integer) {
				for (int x = 0; x < w; x++) {
					final double v = keepAtLeast(b[o + x] - bgI[o + x], threshold);
					b[o + x] = v;
					if (v > max)
						max = v;
				}
			}
			else {
				for (int x = 0; x < w; x++) {
					final double v = keepAtLeast(b[o + x] - bgF[o + x], threshold);
					b[o + x] = v;
					if (v > max)
						max = v;
				}
			}
		}
		// convert_to_int: (dtype)(gamut / max * clip(v, 0)), truncating
		final double scale = max == 0 ? 1. : gamut / max;
		int i = 0;
		for (; i + 1 < size; i += 2) { // branch-free clip; b is never NaN
			final int q0 = (int) (scale * Math.max(b[i], 0.)), q1 = (int) (scale * Math.max(b[i + 1], 0.));
			img[i] = q0;
			img[i + 1] = q1;
			hist.add(q0, q1);
		}
		if (i < size) {
			img[i] = (int) (scale * Math.max(b[i], 0.));
			hist.add(img[i]);
		}
		return scale;
	}

	/**
	 * {@code v >= t ? v : 0.0} without a branch (the outcome is unpredictable
	 * pixel to pixel): for finite values {@code v - t} is negative exactly
	 * when {@code v < t}, and its sign bit then clears all bits of {@code v}.
	 * (Only the sign of a zero can differ, which no later step sees.)
	 */
	static double keepAtLeast(final double v, final double t) {
		final long keep = ~(Double.doubleToRawLongBits(v - t) >> 63);
		return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & keep);
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

	private void ensure(final int w, final int h) {
		final int size = w * h;
		if (low.length < size)
			low = new double[size];
		final int lw = kernel == null ? 0 : kernel.length / 2;
		if (colSum.length < w) {
			colSum = new double[w];
			colSumI = new int[w];
		}
		if (ring.length != 2 * lw + 1 || ring[0].length < w)
			ring = new double[2 * lw + 1][w];
		if (pad.length < w + 2 * lw)
			pad = new double[w + 2 * lw];
		if (zeros.length < w)
			zeros = new double[w];
	}

	/** Row {@code y} of the raw image as doubles into {@code dst} at {@code o}. */
	private static void toDouble(final RawImage raw, final int y, final int w, final double[] dst, final int o) {
		final int src = y * w;
		if (raw.isInteger()) {
			final int[] r = raw.ints;
			for (int x = 0; x < w; x++)
				dst[o + x] = r[src + x];
		}
		else {
			final float[] r = raw.floats;
			for (int x = 0; x < w; x++)
				dst[o + x] = r[src + x];
		}
	}

	/**
	 * Axis-1 pass of the Gaussian lowpass on row {@code o} of {@code low}, in
	 * place, through a zero-padded copy of the row. (The axis-0 pass,
	 * {@link #lowpassVertical}, reads a ring of distinct row arrays, which
	 * the JIT vectorises; this one reads one array at several offsets, which
	 * it does not.)
	 */
	private void lowpassHorizontal(final int o, final int w) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final double[] p = pad; // zeros outside [lw, lw + w)
		System.arraycopy(low, o, p, lw, w);
		if (lw == 0) {
			centre(low, o, w, p, k[0]);
			return;
		}
		boolean first = true;
		for (int j = lw; j >= 1; j -= 2) {
			final boolean two = j >= 2;
			shifted(low, o, w, first, p, lw, k[lw], lw - j, lw + j, k[lw - j], two ? lw - j + 1 : 0, two ? lw + j - 1 : 0,
				two ? k[lw - j + 1] : 0);
			first = false;
		}
	}

	/**
	 * Like {@link #first2}/{@link #next2} along one padded row {@code p}: pairs
	 * at offsets {@code (a1, b1)} and {@code (a2, b2)} (the second is skipped when its
	 * weight is 0).
	 */
	private static void shifted(final double[] out, final int oo, final int n, final boolean first, final double[] p, final int c,
			final double k0, final int a1, final int b1, final double k1, final int a2, final int b2, final double k2) {
		if (k2 != 0) {
			if (first)
				for (int x = 0; x < n; x++) {
					double v = p[c + x] * k0;
					v += (p[a1 + x] + p[b1 + x]) * k1;
					v += (p[a2 + x] + p[b2 + x]) * k2;
					out[oo + x] = v;
				}
			else
				for (int x = 0; x < n; x++) {
					double v = out[oo + x];
					v += (p[a1 + x] + p[b1 + x]) * k1;
					v += (p[a2 + x] + p[b2 + x]) * k2;
					out[oo + x] = v;
				}
		}
		else if (first) {
			for (int x = 0; x < n; x++)
				out[oo + x] = p[c + x] * k0 + (p[a1 + x] + p[b1 + x]) * k1;
		}
		else {
			for (int x = 0; x < n; x++)
				out[oo + x] += (p[a1 + x] + p[b1 + x]) * k1;
		}
	}

	/**
	 * Axis-0 pass into {@code low}. Input rows are converted to double once,
	 * into a ring of 2 lw + 1 rows; rows outside the image are a row of zeros
	 * ((0 + v) * k == v * k exactly, so this is scipy's zero padding).
	 */
	private void lowpassVertical(final RawImage raw, final int w, final int h) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final int ringSize = 2 * lw + 1;
		for (int y = 0; y <= lw && y < h; y++)
			toDouble(raw, y, w, ring[y % ringSize], 0);
		for (int y = 0; y < h; y++) {
			if (y > 0 && y + lw < h)
				toDouble(raw, y + lw, w, ring[(y + lw) % ringSize], 0);
			correlateRows(y * w, w, y, h);
		}
	}

	/**
	 * Output row {@code y} of scipy's symmetric {@code correlate1d} along axis
	 * 0, into {@code low} at {@code o}:
	 * {@code out = c * k0 + sum over j = lw..1 of (row[y - j] + row[y + j]) * kj},
	 * the outer pair first, two pairs per pass; rows come from the ring, rows
	 * outside {@code [0, h)} are zeros.
	 */
	private void correlateRows(final int o, final int w, final int y, final int h) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final double[] c = row(y, h);
		final double k0 = k[lw];
		if (lw == 0) {
			centre(low, o, w, c, k0);
			return;
		}
		boolean first = true;
		for (int j = lw; j >= 1; j -= 2) {
			final double[] a1 = row(y - j, h), b1 = row(y + j, h);
			if (j >= 2) {
				final double[] a2 = row(y - j + 1, h), b2 = row(y + j - 1, h);
				if (first)
					first2(low, o, w, c, k0, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
				else
					next2(low, o, w, a1, b1, k[lw - j], a2, b2, k[lw - j + 1]);
			}
			else if (first) {
				first1(low, o, w, c, k0, a1, b1, k[lw - j]);
			}
			else {
				next1(low, o, w, a1, b1, k[lw - j]);
			}
			first = false;
		}
	}

	/** Row {@code y} of the ring, or zeros outside the image. */
	private double[] row(final int y, final int h) {
		return y < 0 || y >= h ? zeros : ring[y % ring.length];
	}

	private static void centre(final double[] out, final int oo, final int n, final double[] c, final double k0) {
		for (int x = 0; x < n; x++)
			out[oo + x] = c[x] * k0;
	}

	private static void first2(final double[] out, final int oo, final int n, final double[] c, final double k0,
			final double[] a1, final double[] b1, final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = 0; x < n; x++) {
			double v = c[x] * k0;
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[oo + x] = v;
		}
	}

	private static void first1(final double[] out, final int oo, final int n, final double[] c, final double k0,
			final double[] a1, final double[] b1, final double k1) {
		for (int x = 0; x < n; x++)
			out[oo + x] = c[x] * k0 + (a1[x] + b1[x]) * k1;
	}

	private static void next2(final double[] out, final int oo, final int n, final double[] a1, final double[] b1,
			final double k1, final double[] a2, final double[] b2, final double k2) {
		for (int x = 0; x < n; x++) {
			double v = out[oo + x];
			v += (a1[x] + b1[x]) * k1;
			v += (a2[x] + b2[x]) * k2;
			out[oo + x] = v;
		}
	}

	private static void next1(final double[] out, final int oo, final int n, final double[] a1, final double[] b1,
			final double k1) {
		for (int x = 0; x < n; x++)
			out[oo + x] += (a1[x] + b1[x]) * k1;
	}

	/** Integer boxcar of {@code in}: axis 0 into a scratch buffer, axis 1 into the result. */
	private int[] boxcarInt(final int[] in, final int w, final int h) {
		final int size = w * h;
		if (boxI.length < size) {
			boxI = new int[size];
			boxI2 = new int[size];
		}
		final int s = smoothing, s1 = s / 2, s2 = s - s1 - 1;
		// t / s == (t * m) >>> 32 for the sums that occur here when s < 256
		final long m = s < 256 ? reciprocal(s) : 0;
		final int[] a = boxI;
		final int[] sum = colSumI;
		Arrays.fill(sum, 0, w, 0);
		for (int k = -s1; k <= s2; k++) {
			final int o = clamp(k, h) * w;
			for (int x = 0; x < w; x++)
				sum[x] += in[o + x];
		}
		for (int x = 0; x < w; x++)
			a[x] = quotient(sum[x], m, s);
		for (int y = 1; y < h; y++) {
			final int oAdd = clamp(y + s2, h) * w;
			final int oSub = clamp(y - 1 - s1, h) * w;
			final int o = y * w;
			for (int x = 0; x < w; x++) {
				final int t = sum[x] + in[oAdd + x] - in[oSub + x];
				sum[x] = t;
				a[o + x] = quotient(t, m, s);
			}
		}
		final int[] b = boxI2;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = quotient(t, m, s);
			// clamped edges on both sides, no clamping in between
			final int left = Math.min(w, s1 + 1), right = Math.max(left, w - s2);
			for (int x = 1; x < left; x++) {
				t += a[o + clamp(x + s2, w)] - a[o];
				b[o + x] = quotient(t, m, s);
			}
			for (int x = left; x < right; x++) {
				t += a[o + x + s2] - a[o + x - 1 - s1];
				b[o + x] = quotient(t, m, s);
			}
			for (int x = right; x < w; x++) {
				t += a[o + w - 1] - a[o + clamp(x - 1 - s1, w)];
				b[o + x] = quotient(t, m, s);
			}
		}
		return b;
	}

	/** Float32 boxcar of {@code in}, as scipy computes it for float32 arrays. */
	private float[] boxcarFloat(final float[] in, final int w, final int h) {
		final int size = w * h;
		if (boxF.length < size) {
			boxF = new float[size];
			boxF2 = new float[size];
		}
		final int s = smoothing, s1 = s / 2, s2 = s - s1 - 1;
		final float[] a = boxF;
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

	/**
	 * The multiplier {@code m = ceil(2^32 / s)} with which
	 * {@code (t * m) >>> 32 == t / s} for every {@code 0 <= t < 2^32 / s}:
	 * {@code t m / 2^32 = t / s + t e / (s 2^32)} with {@code e = m s - 2^32 < s},
	 * and {@code t e < 2^32} keeps that below the next integer. Boxcar sums are
	 * at most {@code 65535 s}, so this holds for every {@code s < 256}; larger
	 * smoothing sizes divide (see {@link #quotient}).
	 */
	static long reciprocal(final int s) {
		return ((1L << 32) + s - 1) / s;
	}

	/** {@code t / s} for a non-negative boxcar sum: by multiply-shift when {@code m != 0}. */
	private static int quotient(final int t, final long m, final int s) {
		return m != 0 ? (int) ((t * m) >>> 32) : t / s;
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
