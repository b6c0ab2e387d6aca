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

	private double[] work = new double[0];
	private double[] low = new double[0];
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
		if (raw.isInteger()) {
			final int[] r = raw.ints;
			for (int i = 0; i < size; i++)
				work[i] = r[i];
		}
		else {
			final float[] r = raw.floats;
			for (int i = 0; i < size; i++)
				work[i] = r[i];
		}
		final double[] b;
		if (kernel != null) {
			gaussian(w, h);
			b = low;
		}
		else {
			b = work;
		}
		final double threshold = params.threshold(raw.type);
		double max = Double.NEGATIVE_INFINITY;
		if (raw.isInteger()) {
			final int[] bg = smoothing > 1 ? boxcarInt(raw.ints, w, h) : raw.ints;
			for (int i = 0; i < size; i++) {
				double v = b[i] - bg[i];
				v = v >= threshold ? v : 0;
				b[i] = v;
				max = Math.max(max, v);
			}
		}
		else {
			final float[] bg = smoothing > 1 ? boxcarFloat(raw.floats, w, h) : raw.floats;
			for (int i = 0; i < size; i++) {
				double v = b[i] - bg[i];
				v = v >= threshold ? v : 0;
				b[i] = v;
				max = Math.max(max, v);
			}
		}
		final double scale = max == 0 ? 1. : gamut / max;
		for (int i = 0; i < size; i++)
			img[i] = (int) (scale * Math.max(b[i], 0.));
		return scale;
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
		if (work.length < size) {
			work = new double[size];
			low = new double[size];
		}
		final int lw = kernel == null ? 0 : kernel.length / 2;
		if (pad.length < w + 2 * lw)
			pad = new double[w + 2 * lw];
		if (colSum.length < w) {
			colSum = new double[w];
			colSumI = new int[w];
		}
	}

	/** Lowpass of {@code work} into {@code low}: axis 0, then axis 1 in place. */
	private void gaussian(final int w, final int h) {
		final double[] k = kernel;
		final int lw = k.length / 2;
		final double k0 = k[lw];
		final double[] in = work;
		final double[] out = low;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			for (int x = 0; x < w; x++)
				out[o + x] = in[o + x] * k0;
			for (int j = lw; j >= 1; j--) {
				final double kj = k[lw - j];
				final int ya = y - j;
				final int yb = y + j;
				// a missing (zero-padded) row adds exactly nothing: (0 + v) * k == v * k
				if (ya >= 0 && yb < h) {
					final int oa = ya * w, ob = yb * w;
					for (int x = 0; x < w; x++)
						out[o + x] += (in[oa + x] + in[ob + x]) * kj;
				}
				else if (ya >= 0 || yb < h) {
					final int oc = (ya >= 0 ? ya : yb) * w;
					for (int x = 0; x < w; x++)
						out[o + x] += in[oc + x] * kj;
				}
			}
		}
		final double[] p = pad; // zeros outside [lw, lw + w)
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			System.arraycopy(out, o, p, lw, w);
			for (int x = 0; x < w; x++)
				out[o + x] = p[lw + x] * k0;
			for (int j = lw; j >= 1; j--) {
				final double kj = k[lw - j];
				final int a = lw - j, b = lw + j;
				for (int x = 0; x < w; x++)
					out[o + x] += (p[a + x] + p[b + x]) * kj;
			}
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
		final int[] a = boxI;
		final int[] sum = colSumI;
		Arrays.fill(sum, 0, w, 0);
		for (int k = -s1; k <= s2; k++) {
			final int o = clamp(k, h) * w;
			for (int x = 0; x < w; x++)
				sum[x] += in[o + x];
		}
		for (int x = 0; x < w; x++)
			a[x] = sum[x] / s;
		for (int y = 1; y < h; y++) {
			final int oAdd = clamp(y + s2, h) * w;
			final int oSub = clamp(y - 1 - s1, h) * w;
			final int o = y * w;
			for (int x = 0; x < w; x++) {
				final int t = sum[x] + in[oAdd + x] - in[oSub + x];
				sum[x] = t;
				a[o + x] = t / s;
			}
		}
		final int[] b = boxI2;
		for (int y = 0; y < h; y++) {
			final int o = y * w;
			int t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[o + clamp(k, w)];
			b[o] = t / s;
			for (int x = 1; x < w; x++) {
				final int add = x + s2, sub = x - 1 - s1;
				t += a[o + (add < w ? add : w - 1)] - a[o + (sub > 0 ? sub : 0)];
				b[o + x] = t / s;
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

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
