package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;


/**
 * Seeded synthetic benchmark images: Gaussian spots with Poisson noise,
 * written as ImageJ TIFFs (a stack of {@code frames} planes in 2D; a
 * hyperstack with {@code slices=depth} in 3D) that the project's readers,
 * ImageJ and Python's {@code tifffile} all read: {@code tifffile.imread}
 * gives an array of shape (frames, height, width) in 2D and (depth, height,
 * width) for one 3D volume.
 * <p>
 * Each pixel is a Poisson sample whose mean is the background plus the sum
 * of the spots' Gaussians evaluated at the pixel centre,
 * {@code amplitude * exp(-sum_i (p_i - c_i)^2 / (2 sigma_i^2))}, clipped to
 * the pixel type. Spot centres are uniform over the image (continuous
 * coordinates) and drawn anew for each frame. The same seed gives the same
 * pixels on every machine ({@link SplittableRandom} and
 * {@link StrictMath}).
 * </p>
 */
public final class SyntheticImages {

	/** Bumped whenever the pixels a spec gives change (it is part of the cached file name). */
	public static final int VERSION = 1;

	/**
	 * A synthetic input.
	 *
	 * @param depth slices per volume (1 for 2D movies)
	 * @param height rows
	 * @param width columns
	 * @param frames frames (planes in 2D, volumes in 3D)
	 * @param bits 8 or 16
	 * @param spots spots per frame
	 * @param sigma Gaussian width per axis, (y, x) or (z, y, x)
	 * @param amplitude peak height above the background
	 * @param background mean background
	 * @param seed random seed
	 */
	public record Spec(int depth, int height, int width, int frames, int bits, int spots, double[] sigma, double amplitude,
			double background, long seed) {}

	private SyntheticImages() {}

	/** Writes the image of {@code spec} to {@code file} (through a temporary file, so a file that exists is complete). */
	public static void write(final Spec spec, final Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		final ImageStack stack = new ImageStack(spec.width(), spec.height());
		final SplittableRandom rnd = new SplittableRandom(spec.seed());
		final double[] mean = new double[spec.depth() * spec.height() * spec.width()];
		final int max = spec.bits() == 8 ? 255 : 65535;
		for (int f = 0; f < spec.frames(); f++) {
			meanImage(spec, rnd, mean);
			final int plane = spec.height() * spec.width();
			for (int z = 0; z < spec.depth(); z++) {
				if (spec.bits() == 8) {
					final byte[] px = new byte[plane];
					for (int i = 0; i < plane; i++)
						px[i] = (byte) Math.min(max, poisson(rnd, mean[z * plane + i]));
					stack.addSlice(null, px);
				}
				else {
					final short[] px = new short[plane];
					for (int i = 0; i < plane; i++)
						px[i] = (short) Math.min(max, poisson(rnd, mean[z * plane + i]));
					stack.addSlice(null, px);
				}
			}
		}
		final ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
		imp.setDimensions(1, spec.depth(), spec.frames());
		if (spec.depth() > 1 || spec.frames() > 1)
			imp.setOpenAsHyperStack(spec.depth() > 1);
		final Path tmp = file.resolveSibling(file.getFileName() + ".part");
		final boolean ok = spec.frames() * spec.depth() > 1 ? new FileSaver(imp).saveAsTiffStack(tmp.toString())
			: new FileSaver(imp).saveAsTiff(tmp.toString());
		if (!ok)
			throw new IOException("could not write " + tmp);
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Fills {@code mean} with the background plus this frame's spots (fresh random centres). */
	static void meanImage(final Spec spec, final SplittableRandom rnd, final double[] mean) {
		java.util.Arrays.fill(mean, spec.background());
		final int nd = spec.depth() > 1 ? 3 : 2;
		final int[] shape = nd == 3 ? new int[] { spec.depth(), spec.height(), spec.width() } : new int[] { spec.height(), spec.width() };
		final double[] s = spec.sigma();
		final double[] c = new double[nd];
		final int[] lo = new int[nd], hi = new int[nd];
		for (int k = 0; k < spec.spots(); k++) {
			for (int a = 0; a < nd; a++) {
				c[a] = rnd.nextDouble() * (shape[a] - 1);
				final int r = (int) Math.ceil(5 * s[a]);
				lo[a] = Math.max(0, (int) Math.floor(c[a]) - r);
				hi[a] = Math.min(shape[a] - 1, (int) Math.ceil(c[a]) + r);
			}
			if (nd == 2)
				addSpot2d(mean, spec, c, lo, hi);
			else
				addSpot3d(mean, spec, c, lo, hi);
		}
	}

	private static void addSpot2d(final double[] mean, final Spec spec, final double[] c, final int[] lo, final int[] hi) {
		final double[] s = spec.sigma();
		for (int y = lo[0]; y <= hi[0]; y++) {
			final double gy = (y - c[0]) * (y - c[0]) / (2 * s[0] * s[0]);
			for (int x = lo[1]; x <= hi[1]; x++) {
				final double gx = (x - c[1]) * (x - c[1]) / (2 * s[1] * s[1]);
				mean[y * spec.width() + x] += spec.amplitude() * StrictMath.exp(-(gy + gx));
			}
		}
	}

	private static void addSpot3d(final double[] mean, final Spec spec, final double[] c, final int[] lo, final int[] hi) {
		final double[] s = spec.sigma();
		for (int z = lo[0]; z <= hi[0]; z++) {
			final double gz = (z - c[0]) * (z - c[0]) / (2 * s[0] * s[0]);
			for (int y = lo[1]; y <= hi[1]; y++) {
				final double gy = (y - c[1]) * (y - c[1]) / (2 * s[1] * s[1]);
				for (int x = lo[2]; x <= hi[2]; x++) {
					final double gx = (x - c[2]) * (x - c[2]) / (2 * s[2] * s[2]);
					mean[(z * spec.height() + y) * spec.width() + x] += spec.amplitude() * StrictMath.exp(-(gz + gy + gx));
				}
			}
		}
	}

	/**
	 * A Poisson sample of mean {@code lambda}: multiplication of uniforms below
	 * 10, Hörmann's transformed rejection (PTRS, 1993) above.
	 */
	static long poisson(final SplittableRandom rnd, final double lambda) {
		if (lambda < 10) {
			final double limit = StrictMath.exp(-lambda);
			long k = 0;
			double p = rnd.nextDouble();
			while (p > limit) {
				p *= rnd.nextDouble();
				k++;
			}
			return k;
		}
		final double slam = Math.sqrt(lambda);
		final double loglam = StrictMath.log(lambda);
		final double b = 0.931 + 2.53 * slam;
		final double a = -0.059 + 0.02483 * b;
		final double invalpha = 1.1239 + 1.1328 / (b - 3.4);
		final double vr = 0.9277 - 3.6224 / (b - 2);
		while (true) {
			final double u = rnd.nextDouble() - 0.5;
			final double v = rnd.nextDouble();
			final double us = 0.5 - Math.abs(u);
			final long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
			if (us >= 0.07 && v <= vr)
				return k;
			if (k < 0 || us < 0.013 && v > us)
				continue;
			if (StrictMath.log(v) + StrictMath.log(invalpha) - StrictMath.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k))
				return k;
		}
	}

	/** log(k!): exact sum below 20, Stirling's series above (error below 1e-13). */
	static double logFactorial(final long k) {
		if (k < 20) {
			double s = 0;
			for (int i = 2; i <= k; i++)
				s += StrictMath.log(i);
			return s;
		}
		final double n = k;
		final double n2 = n * n;
		return n * StrictMath.log(n) - n + 0.5 * StrictMath.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n2 * n2 * n);
	}
}
