package io.github.parallellocate.core;

import java.util.Arrays;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The N-dimensional locator's maxima ({@code grey_dilation}) as a separable
 * dilation on the Vector API, used only when {@link Simd#enabled()} (this
 * class is loaded only then: it needs the {@code jdk.incubator.vector}
 * module). All in integers, so exact in any order.
 * <p>
 * One part covers a range of output slices and a range of output rows. Per
 * input slice it needs, the rows (with the box's y halo) are copied into a
 * slot of a ring, each row between zeros (scipy's {@code cval} 0: every
 * pixel is {@code >= 0}, so padding with zeros is the window clamped to the
 * image), rows of zeros above and below; the slot is dilated in place along x
 * and then along y, each as a running maximum by doubling: level {@code l}
 * holds the maximum of {@code 2^l} consecutive values (along x, or rows along
 * y), and a window of {@code s} values is the maximum of two overlapping
 * windows of the highest level {@code 2^l <= s}. The ring keeps the box's
 * depth of slots; an output slice is the maximum over the slots of its
 * z window (clamped to the volume), compared with the pixel: a maximum is
 * {@code v == dilation && v >= least}.
 * </p>
 */
final class VectorMaxima3d {

	private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
	private static final int N = I.length();

	private VectorMaxima3d() {}

	/** One part's scratch, reused from image to image: the ring of slots and the hits. */
	static final class Scratch {
		int[][] slots = new int[0][];
		int[][] window = new int[0][];
		int[] hits = new int[64];
		int count;

		private void add(final int at) {
			if (count == hits.length)
				hits = Arrays.copyOf(hits, 2 * count);
			hits[count++] = at;
		}
	}

	/**
	 * The maxima of output slices {@code za..zb-1} and rows {@code ya..yb-1}
	 * (inside the margins), columns {@code xa..xb} (inclusive), as linear
	 * indices into {@code img}, in raster order, into {@code s.hits[0..s.count)}.
	 *
	 * @param img the integer image, {@code d} slices of {@code h} rows of {@code w}
	 * @param boxLo the box's extent before the pixel, per axis z, y, x
	 * @param boxHi the box's extent after the pixel, per axis z, y, x
	 * @param least the smallest value a maximum may have ({@code >= 1})
	 */
	static void find(final int[] img, final int w, final int h, final int d, final int[] boxLo, final int[] boxHi,
			final int least, final int za, final int zb, final int ya, final int yb, final int xa, final int xb,
			final Scratch s) {
		s.count = 0;
		if (za >= zb || ya >= yb || xa > xb)
			return;
		final int sx = boxLo[2] + boxHi[2] + 1, sy = boxLo[1] + boxHi[1] + 1, sz = boxLo[0] + boxHi[0] + 1;
		final int wp = w + sx - 1; // a padded row: the row between boxLo[2] and boxHi[2] zeros (shared with the next row)
		final int outRows = yb - ya, rowsP = outRows + sy - 1, len = rowsP * wp;
		final int ring = Math.min(sz, d);
		if (s.slots.length < ring)
			s.slots = Arrays.copyOf(s.slots, ring);
		for (int k = 0; k < ring; k++)
			if (s.slots[k] == null || s.slots[k].length < len)
				s.slots[k] = new int[len];
		if (s.window.length < ring)
			s.window = new int[ring][];
		final int[][] slots = s.slots, win = s.window;
		int next = Math.max(0, za - boxLo[0]); // the next slice to build
		for (int z = za; z < zb; z++) {
			final int z0 = Math.max(0, z - boxLo[0]), z1 = Math.min(d - 1, z + boxHi[0]);
			for (; next <= z1; next++)
				build(img, w, h, next, ya - boxLo[1], rowsP, wp, boxLo[2], sx, sy, slots[next % ring], len);
			final int nw = z1 - z0 + 1;
			for (int k = 0; k < nw; k++)
				win[k] = slots[(z0 + k) % ring];
			for (int y = ya; y < yb; y++)
				compareRow(img, (z * h + y) * w, win, nw, (y - ya) * wp, xa, xb, least, s);
		}
	}

	/**
	 * Slot {@code a}: image rows {@code y0..y0 + rowsP - 1} of slice {@code z}
	 * (zero outside the image), each at {@code r * wp + lo}, zeros between
	 * them; dilated in place along x ({@code sx}) and then along y ({@code sy}).
	 */
	private static void build(final int[] img, final int w, final int h, final int z, final int y0, final int rowsP, final int wp,
			final int lo, final int sx, final int sy, final int[] a, final int len) {
		final int slice = z * h * w;
		for (int r = 0; r < rowsP; r++) {
			final int y = y0 + r, o = r * wp;
			if (y < 0 || y >= h) {
				Arrays.fill(a, o, o + wp, 0);
				continue;
			}
			Arrays.fill(a, o, o + lo, 0);
			System.arraycopy(img, slice + y * w, a, o + lo, w);
			Arrays.fill(a, o + lo + w, o + wp, 0);
		}
		final int nx = runningMax(a, len, sx, 1);
		runningMax(a, nx, sy, wp);
	}

	/**
	 * In place: {@code a[i] = max(a[i + k stride], k < s)} for {@code i <
	 * n - (s - 1) stride}, which it returns.
	 */
	static int runningMax(final int[] a, final int n, final int s, final int stride) {
		int m = n, span = 1;
		for (; 2 * span <= s; span *= 2) {
			m -= span * stride;
			maxShifted(a, m, span * stride);
		}
		final int rest = s - span;
		if (rest > 0) {
			m -= rest * stride;
			maxShifted(a, m, rest * stride);
		}
		return m;
	}

	/** {@code a[i] = max(a[i], a[i + off])} for {@code i < n}, forward ({@code off > 0}: in place). */
	private static void maxShifted(final int[] a, final int n, final int off) {
		int i = 0;
		for (final int up = I.loopBound(Math.max(n, 0)); i < up; i += N)
			IntVector.fromArray(I, a, i).max(IntVector.fromArray(I, a, i + off)).intoArray(a, i);
		for (; i < n; i++)
			a[i] = Math.max(a[i], a[i + off]);
	}

	/**
	 * Row {@code io} of the image against the dilation, the maximum of rows
	 * {@code so} of slots {@code win[0..nw)}, columns {@code xa..xb}.
	 */
	private static void compareRow(final int[] img, final int io, final int[][] win, final int nw, final int so, final int xa,
			final int xb, final int least, final Scratch s) {
		final int count = xb - xa + 1;
		final int up = xa + I.loopBound(count);
		int x = xa;
		final int[] w0 = win[0];
		if (nw == 1) {
			for (; x < up; x += N) {
				final IntVector v = IntVector.fromArray(I, img, io + x);
				final VectorMask<Integer> hit = v.compare(VectorOperators.EQ, IntVector.fromArray(I, w0, so + x))
					.and(v.compare(VectorOperators.GE, least));
				if (hit.anyTrue())
					lanes(img, io, win, nw, so, x, N, least, s);
			}
		}
		else if (nw == 2) {
			final int[] w1 = win[1];
			for (; x < up; x += N) {
				final IntVector m = IntVector.fromArray(I, w0, so + x).max(IntVector.fromArray(I, w1, so + x));
				final IntVector v = IntVector.fromArray(I, img, io + x);
				final VectorMask<Integer> hit = v.compare(VectorOperators.EQ, m).and(v.compare(VectorOperators.GE, least));
				if (hit.anyTrue())
					lanes(img, io, win, nw, so, x, N, least, s);
			}
		}
		else {
			for (; x < up; x += N) {
				IntVector m = IntVector.fromArray(I, w0, so + x);
				for (int k = 1; k < nw; k++)
					m = m.max(IntVector.fromArray(I, win[k], so + x));
				final IntVector v = IntVector.fromArray(I, img, io + x);
				final VectorMask<Integer> hit = v.compare(VectorOperators.EQ, m).and(v.compare(VectorOperators.GE, least));
				if (hit.anyTrue())
					lanes(img, io, win, nw, so, x, N, least, s);
			}
		}
		if (x <= xb)
			lanes(img, io, win, nw, so, x, xb + 1 - x, least, s);
	}

	/** Pixels {@code x..x + n - 1} of the row, one at a time. */
	private static void lanes(final int[] img, final int io, final int[][] win, final int nw, final int so, final int x,
			final int n, final int least, final Scratch s) {
		for (int j = 0; j < n; j++) {
			final int v = img[io + x + j];
			if (v < least)
				continue;
			int m = 0;
			for (int k = 0; k < nw; k++)
				m = Math.max(m, win[k][so + x + j]);
			if (v == m)
				s.add(io + x + j);
		}
	}
}
