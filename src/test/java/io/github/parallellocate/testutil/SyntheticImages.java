package io.github.parallellocate.testutil;

import java.util.Random;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;


/**
 * Seeded synthetic planes: Gaussian spots on a noisy background, in any of
 * the three pixel types. The same seed gives the same plane.
 */
public final class SyntheticImages {

	private SyntheticImages() {}

	/**
	 * A plane with {@code spots} Gaussian spots (random positions anywhere in
	 * the plane, also on the border; random sigma 1..3 px; random brightness)
	 * on a background with Gaussian noise.
	 *
	 * @param noise standard deviation of the background noise as a fraction of the full scale
	 */
	public static Plane spots(final Random rnd, final PixelType type, final int width, final int height, final int spots,
			final double noise) {
		final double[] v = new double[width * height];
		final double background = 0.1 + 0.1 * rnd.nextDouble();
		for (int i = 0; i < v.length; i++)
			v[i] = background + noise * rnd.nextGaussian();
		for (int s = 0; s < spots; s++) {
			final double cx = rnd.nextDouble() * width, cy = rnd.nextDouble() * height;
			final double sigma = 1 + 2 * rnd.nextDouble();
			final double peak = 0.2 + 0.7 * rnd.nextDouble();
			final int r = (int) Math.ceil(4 * sigma);
			for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r + 1); y++)
				for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r + 1); x++) {
					final double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
					v[y * width + x] += peak * Math.exp(-d2 / (2 * sigma * sigma));
				}
		}
		return of(type, v, width, height);
	}

	/** Values in [0, 1] (clipped) scaled to the type's full range: 255, 65535 or 1.0 for float. */
	public static Plane of(final PixelType type, final double[] v, final int width, final int height) {
		switch (type) {
		case UINT8: {
			final byte[] p = new byte[v.length];
			for (int i = 0; i < v.length; i++)
				p[i] = (byte) Math.round(255 * clip(v[i]));
			return Plane.ofBytes(p, width, height);
		}
		case UINT16: {
			final short[] p = new short[v.length];
			for (int i = 0; i < v.length; i++)
				p[i] = (short) Math.round(65535 * clip(v[i]));
			return Plane.ofShorts(p, width, height);
		}
		default: {
			final float[] p = new float[v.length];
			for (int i = 0; i < v.length; i++)
				p[i] = (float) clip(v[i]);
			return Plane.ofFloats(p, width, height);
		}
		}
	}

	private static double clip(final double x) {
		return Math.max(0, Math.min(1, x));
	}
}
