package io.github.parallellocate.core;

import java.util.Arrays;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The N-dimensional locator's maxima ({@code grey_dilation}) as a separable
 * dilation on the Vector API, used only when {@link Simd#enabled()} (this
 * class is loaded only then: it needs the {@code jdk.incubator.vector}
 * module). All in integers, so exact in any order.
 * <p>
 * One part covers a range of output slices and a range of output rows. Per
 * input slice it needs, the rows (with the box's y halo) are dilated along x
 * one at a time, each copied between zeros (scipy's {@code cval} 0: every
 * pixel is {@code >= 0}, so padding with zeros is the window clamped to the
 * image), into a slot of a ring, rows of zeros above and below; the slot is
 * then dilated in place along y. Both are running maxima by doubling: level
 * {@code l} holds the maximum of {@code 2^l} consecutive values (along x, or
 * rows along y), and a window of {@code s} values is the maximum of two
 * overlapping windows of the highest level {@code 2^l < s}. The ring keeps
 * the box's depth of slots; an output slice's dilation is the maximum over
 * the slots of its z window (clamped to the volume), compared with the
 * pixels: a maximum is {@code v == dilation && v >= least}.
 * </p>
 */
final class VectorMaxima3d {

	/**
	 * Ints of at most 256 bits: on this project's benchmark machine (AVX-512)
	 * 256-bit vectors ran these loops about 20% faster than 512-bit ones (and
	 * 128-bit ones 40% slower).
	 */
	private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class,
		VectorShape.forBitSize(Math.min(256, IntVector.SPECIES_PREFERRED.vectorBitSize())));
	private static final int N = I.length();

	private VectorMaxima3d() {}

	/** One part's scratch, reused from image to image: the ring of slots, the row buffer, the z maximum and the hits. */
	static final class Scratch {
		int[][] slots = new int[0][];
		int[] row = new int[0], zmax = new int[0];
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
		final int outRows = yb - ya, rowsP = outRows + sy - 1, len = rowsP * w + N; // N values of slack: whole vectors
		if (s.row.length < w + sx - 1 + N)
			s.row = new int[w + sx - 1 + N];
		final int ring = Math.min(sz, d);
		if (s.slots.length < ring)
			s.slots = Arrays.copyOf(s.slots, ring);
		for (int k = 0; k < ring; k++)
			if (s.slots[k] == null || s.slots[k].length < len)
				s.slots[k] = new int[len];
		final int n = outRows * w; // the output rows, a run of the slots
		if (sz > 1 && s.zmax.length < n + N)
			s.zmax = new int[n + N];
		final int[][] slots = s.slots;
		final int[] p = s.row, zmax = s.zmax;
		int next = Math.max(0, za - boxLo[0]); // the next slice to build
		for (int z = za; z < zb; z++) {
			final int z0 = Math.max(0, z - boxLo[0]), z1 = Math.min(d - 1, z + boxHi[0]);
			for (; next <= z1; next++)
				build(img, w, h, next, ya - boxLo[1], rowsP, boxLo[2], sx, sy, slots[next % ring], p);
			// the dilation of slice z: the maximum over the slots of its z window
			final int[] dil;
			if (z0 == z1) {
				dil = slots[z0 % ring];
			}
			else {
				maxOf(slots[z0 % ring], slots[(z0 + 1) % ring], zmax, n);
				for (int t = z0 + 2; t <= z1; t++)
					maxOf(zmax, slots[t % ring], zmax, n);
				dil = zmax;
			}
			compare(img, (z * h + ya) * w, dil, xa, (outRows - 1) * w + xb + 1, w, xa, xb, least, s);
		}
	}

	/**
	 * Slot {@code a}: image rows {@code y0..y0 + rowsP - 1} of slice {@code z}
	 * (zero outside the image), rows of {@code w}, each dilated along x
	 * ({@code sx}) in the row buffer {@code p} (the row between zeros); then
	 * the slot dilated in place along y ({@code sy}). A row's last vector
	 * spills into the next row, written after it.
	 */
	private static void build(final int[] img, final int w, final int h, final int z, final int y0, final int rowsP,
			final int lo, final int sx, final int sy, final int[] a, final int[] p) {
		final int slice = z * h * w, wp = w + sx - 1;
		for (int r = 0; r < rowsP; r++) {
			final int y = y0 + r, o = r * w;
			if (y < 0 || y >= h) {
				Arrays.fill(a, o, o + w, 0);
				continue;
			}
			if (sx == 1) {
				System.arraycopy(img, slice + y * w, a, o, w);
				continue;
			}
			// the padding again: the last row's dilation overwrote it
			Arrays.fill(p, 0, lo, 0);
			System.arraycopy(img, slice + y * w, p, lo, w);
			Arrays.fill(p, lo + w, wp, 0);
			runningMax(p, wp, sx, 1, a, o);
		}
		runningMax(a, rowsP * w, sy, w, a, 0);
	}

	/**
	 * {@code out[o + i] = max(a[i + k stride], k < s)} for {@code i < n - (s -
	 * 1) stride}, which it returns; {@code a} is overwritten (in place when it
	 * is {@code out} at {@code o = 0}). By doubling, in place: windows of
	 * {@code span}, the largest power of two below {@code s}; the last step
	 * takes two overlapping ones, at 0 and {@code s - span}. Whole vectors:
	 * {@code a} and {@code out} need {@link #slack()} values beyond, where
	 * values beyond the result are left undefined.
	 */
	static int runningMax(final int[] a, final int n, final int s, final int stride, final int[] out, final int o) {
		if (s == 1) {
			if (a != out || o != 0)
				System.arraycopy(a, 0, out, o, n);
			return n;
		}
		int m = n, span = 1;
		for (; 2 * span < s; span *= 2) {
			m -= span * stride;
			maxShifted(a, m, span * stride, a, 0);
		}
		m = n - (s - 1) * stride;
		maxShifted(a, m, (s - span) * stride, out, o);
		return m;
	}

	/** Values beyond the arrays' contents that {@link #runningMax} reads and writes. */
	static int slack() {
		return N;
	}

	/**
	 * {@code out[o + i] = max(a[i], a[i + off])} for {@code i < n} rounded up
	 * to whole vectors, forward ({@code off > 0}: in place when {@code out ==
	 * a, o == 0}); what it computes beyond {@code n} it reads beyond {@code n +
	 * off}, so values past the valid ones stay past them.
	 */
	private static void maxShifted(final int[] a, final int n, final int off, final int[] out, final int o) {
		for (int i = 0; i < n; i += N)
			IntVector.fromArray(I, a, i).max(IntVector.fromArray(I, a, i + off)).intoArray(out, o + i);
	}

	/** {@code out[i] = max(a[i], b[i])} for {@code i < n} rounded up to whole vectors. */
	private static void maxOf(final int[] a, final int[] b, final int[] out, final int n) {
		for (int i = 0; i < n; i += N)
			IntVector.fromArray(I, a, i).max(IntVector.fromArray(I, b, i)).intoArray(out, i);
	}

	/**
	 * The pixels {@code img[io + i]} against the dilation {@code dil[i]} for
	 * {@code from <= i < to}, hits in columns {@code xa..xb} only (rows of
	 * {@code w}; the run includes the margins between rows).
	 */
	private static void compare(final int[] img, final int io, final int[] dil, final int from, final int to, final int w,
			final int xa, final int xb, final int least, final Scratch s) {
		final int count = to - from;
		if (count < N) {
			lanes(img, io, dil, from, 0, count, w, xa, xb, least, s);
			return;
		}
		final int up = from + I.loopBound(count);
		int i = from;
		for (; i < up; i += N) {
			final IntVector v = IntVector.fromArray(I, img, io + i);
			final VectorMask<Integer> hit = v.compare(VectorOperators.EQ, IntVector.fromArray(I, dil, i))
				.and(v.compare(VectorOperators.GE, least));
			if (hit.anyTrue())
				lanes(img, io, dil, i, 0, N, w, xa, xb, least, s);
		}
		if (i < to) {
			// the last whole vector, ending at to: its lanes before i are done
			final int last = to - N;
			final IntVector v = IntVector.fromArray(I, img, io + last);
			final VectorMask<Integer> hit = v.compare(VectorOperators.EQ, IntVector.fromArray(I, dil, last))
				.and(v.compare(VectorOperators.GE, least));
			if (hit.anyTrue())
				lanes(img, io, dil, last, i - last, N, w, xa, xb, least, s);
		}
	}

	/** Pixels {@code at + j}, {@code j0 <= j < j1}, one at a time. */
	private static void lanes(final int[] img, final int io, final int[] dil, final int at, final int j0, final int j1,
			final int w, final int xa, final int xb, final int least, final Scratch s) {
		for (int j = j0; j < j1; j++) {
			final int i = at + j, v = img[io + i], x = i % w;
			if (v >= least && v == dil[i] && x >= xa && x <= xb)
				s.add(io + i);
		}
	}
}
