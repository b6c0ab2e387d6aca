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
	private double[] zeros = new double[0];
	private int[] boxI = new int[0], boxI2 = new int[0];
	private float[] boxF = new float[0], boxF2 = new float[0];
	private double[] pad = new double[0];
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
	 * Computes the integer image into {@code img}.
	 *
	 * @return the scale factor trackpy divides mass and signal by
	 */
	double apply(final RawImage raw, final int[] img) {
		final int w = raw.width, h = raw.height, size = w * h;
		final int gamut = raw.type.gamut();
		if (!params.preprocess())
			return withoutPreprocessing(raw, img, size, gamut);
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
				lowpassHorizontal(o, w);
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
		for (int i = 0; i < size; i++)
			img[i] = (int) (scale * Math.max(b[i], 0.)); // branch-free clip; b is never NaN
		return scale;
	}

	/**
	 * {@code v >= t ? v : 0.0} without a branch (the outcome is unpredictable
	 * pixel to pixel): for finite values {@code v - t} is negative exactly
	 * when {@code v < t}, and its sign bit then clears all bits of {@code v}.
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
		if (pad.length < w + 2 * lw)
			pad = new double[w + 2 * lw];
		if (colSum.length < w) {
			colSum = new double[w];
			colSumI = new int[w];
			zeros = new double[w];
		}
		if (ring.length != 2 * lw + 1 || ring[0].length < w) {
			ring = new double[2 * lw + 1][w];
		}
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
	 * Axis-0 lowpass of the raw image into {@code low}. Input rows are
	 * converted to double once, into a ring of 2 lw + 1 rows; rows outside
	 * the image are a row of zeros ((0 + v) * k == v * k exactly, so this is
	 * scipy's zero padding).
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
			final int o = y * w;
			final double[] c = ring[y % ringSize];
			if (lw == 0) {
				taps(low, o, w, true, c, 0, k[0], zeros, 0, zeros, 0, 0, zeros, 0, zeros, 0, 0);
				continue;
			}
			boolean init = true;
			for (int j = lw; j >= 1; j -= 2) {
				final double[] a1 = row(y - j, h, ringSize), b1 = row(y + j, h, ringSize);
				final double k1 = k[lw - j];
				final boolean two = j >= 2;
				final double[] a2 = two ? row(y - j + 1, h, ringSize) : zeros, b2 = two ? row(y + j - 1, h, ringSize) : zeros;
				final double k2 = two ? k[lw - j + 1] : 0;
				taps(low, o, w, init, c, 0, k[lw], a1, 0, b1, 0, k1, a2, 0, b2, 0, k2);
				init = false;
			}
		}
	}

	private double[] row(final int y, final int h, final int ringSize) {
		return y < 0 || y >= h ? zeros : ring[y % ringSize];
	}

	/** Axis-1 lowpass of row {@code o} of {@code low}, in place, zero padded. */
	private void lowpassHorizontal(final int o, final int w) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final double[] p = pad; // zeros outside [lw, lw + w)
		System.arraycopy(low, o, p, lw, w);
		if (lw == 0) {
			taps(low, o, w, true, p, 0, k[0], zeros, 0, zeros, 0, 0, zeros, 0, zeros, 0, 0);
			return;
		}
		boolean init = true;
		for (int j = lw; j >= 1; j -= 2) {
			final boolean two = j >= 2;
			taps(low, o, w, init, p, lw, k[lw], p, lw - j, p, lw + j, k[lw - j], p, two ? lw - j + 1 : lw, p,
				two ? lw + j - 1 : lw, two ? k[lw - j + 1] : 0);
			init = false;
		}
	}

	/**
	 * One pass of scipy's symmetric correlation over two tap pairs:
	 * {@code v = init ? c * k0 : out; v += (a1 + b1) * k1; v += (a2 + b2) * k2}
	 * (a pair with weight 0 is skipped; in trackpy's order the outer pair comes first).
	 */
	private static void taps(final double[] out, final int oo, final int w, final boolean init, final double[] c, final int co,
			final double k0, final double[] a1, final int a1o, final double[] b1, final int b1o, final double k1,
			final double[] a2, final int a2o, final double[] b2, final int b2o, final double k2) {
		if (k2 != 0) {
			if (init)
				for (int x = 0; x < w; x++) {
					double v = c[co + x] * k0;
					v += (a1[a1o + x] + b1[b1o + x]) * k1;
					v += (a2[a2o + x] + b2[b2o + x]) * k2;
					out[oo + x] = v;
				}
			else
				for (int x = 0; x < w; x++) {
					double v = out[oo + x];
					v += (a1[a1o + x] + b1[b1o + x]) * k1;
					v += (a2[a2o + x] + b2[b2o + x]) * k2;
					out[oo + x] = v;
				}
		}
		else if (k1 != 0) {
			if (init)
				for (int x = 0; x < w; x++)
					out[oo + x] = c[co + x] * k0 + (a1[a1o + x] + b1[b1o + x]) * k1;
			else
				for (int x = 0; x < w; x++)
					out[oo + x] += (a1[a1o + x] + b1[b1o + x]) * k1;
		}
		else if (init) {
			for (int x = 0; x < w; x++)
				out[oo + x] = c[co + x] * k0;
		}
	}

	/** Integer boxcar of {@code in}: axis 0 into a scratch buffer, axis 1 into the result. */
	private int[] boxcarInt(final int[] in, final int w, final int h) {
		final int size = w * h;
		if (boxI.length < size) {
			boxI = new int[size];
			boxI2 = new int[size];
		}
		final int s = smoothing, s1 = s / 2, s2 = s - s1 - 1;
		// floor(t / s) == (int) (t * inv) exactly for 0 <= t < 2^52 (see exactReciprocal)
		final double inv = exactReciprocal(s);
		final int[] a = boxI;
		final int[] sum = colSumI;
		Arrays.fill(sum, 0, w, 0);
		for (int k = -s1; k <= s2; k++) {
			final int o = clamp(k, h) * w;
			for (int x = 0; x < w; x++)
				sum[x] += in[o + x];
		}
		for (int x = 0; x < w; x++)
			a[x] = (int) (sum[x] * inv);
		for (int y = 1; y < h; y++) {
			final int oAdd = clamp(y + s2, h) * w;
			final int oSub = clamp(y - 1 - s1, h) * w;
			final int o = y * w;
			for (int x = 0; x < w; x++) {
				final int t = sum[x] + in[oAdd + x] - in[oSub + x];
				sum[x] = t;
				a[o + x] = (int) (t * inv);
			}
		}
		final int[] b = boxI2;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = (int) (t * inv);
			for (int x = 1; x < w; x++) {
				final int add = x + s2, sub = x - 1 - s1;
				t += a[o + (add < w ? add : w - 1)] - a[o + (sub > 0 ? sub : 0)];
				b[o + x] = (int) (t * inv);
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
	 * A double {@code inv} slightly above {@code 1/s} such that
	 * {@code (int) (t * inv) == t / s} for every integer {@code 0 <= t < 2^52}:
	 * for {@code t = k s} the exact product exceeds {@code k}, which is
	 * representable, so it cannot round below it; otherwise the product stays
	 * within {@code t * 2^-51 / s} of {@code t / s}, far from the next integer.
	 */
	static double exactReciprocal(final int s) {
		return Math.nextUp(1.0 / s);
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
