package io.github.parallellocate.core;

/**
 * trackpy's {@code binary_mask(radius, 2)} and the weight masks derived from
 * it ({@code r_squared_mask}, {@code cosmask}, {@code sinmask}), flattened to
 * the mask's pixels in row-major order (numpy's {@code mask.nonzero()}).
 */
public final class CircularMask {

	/** The radius. */
	public final int radius;
	/** Number of pixels in the mask. */
	public final int size;
	/** Row offsets from the top-left of the (2r+1)^2 box, per mask pixel. */
	final int[] dy;
	/** Column offsets from the top-left of the box, per mask pixel. */
	final int[] dx;
	/** dy^2 + dx^2 relative to the centre, per mask pixel. */
	final int[] r2;
	/** cos(2 theta), per mask pixel. */
	final double[] cos2;
	/** sin(2 theta), per mask pixel. */
	final double[] sin2;
	/**
	 * For each row offset -r..r (index offset + r), the largest column offset
	 * inside the mask, or -1 if the row is empty.
	 */
	final int[] halfWidth;
	/** sqrt(sum over the mask of dy^2): trackpy's {@code _root_sum_x_squared}. */
	final double rootSumY2;

	/** Builds the mask of the given radius (at least 1). */
	public CircularMask(final int radius) {
		if (radius < 1)
			throw new IllegalArgumentException("mask radius must be at least 1, got " + radius);
		this.radius = radius;
		final int side = 2 * radius + 1;
		final boolean[] in = new boolean[side * side];
		int n = 0;
		halfWidth = new int[side];
		java.util.Arrays.fill(halfWidth, -1);
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				final double ry = (double) (y - radius) / radius;
				final double rx = (double) (x - radius) / radius;
				if (ry * ry + rx * rx <= 1) {
					in[y * side + x] = true;
					n++;
					halfWidth[y] = Math.max(halfWidth[y], Math.abs(x - radius));
				}
			}
		}
		size = n;
		dy = new int[n];
		dx = new int[n];
		r2 = new int[n];
		cos2 = new double[n];
		sin2 = new double[n];
		long sumY2 = 0;
		int k = 0;
		for (int y = 0; y < side; y++) {
			for (int x = 0; x < side; x++) {
				if (!in[y * side + x])
					continue;
				final int oy = y - radius;
				final int ox = x - radius;
				dy[k] = y;
				dx[k] = x;
				r2[k] = oy * oy + ox * ox;
				final double theta = Math.atan2(oy, ox);
				cos2[k] = Math.cos(2 * theta);
				sin2[k] = Math.sin(2 * theta);
				sumY2 += (long) oy * oy;
				k++;
			}
		}
		rootSumY2 = Math.sqrt(sumY2);
	}
}
