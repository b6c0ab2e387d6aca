package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * The band pass of the N-dimensional path ({@link NdLocator}): trackpy's
 * {@code preprocessing.bandpass} on a volume (a plane is a volume of depth 1),
 * streamed slice by slice and row by row, so that every axis's pass and the
 * threshold run while the rows they need are in cache, instead of a dozen
 * passes over full-volume arrays.
 * <p>
 * For output row {@code (z, y)}: the Gaussian along z from a ring of input
 * slices (as doubles), along y from a ring of z-filtered rows, along x from
 * shifted copies of the y-filtered row; the integer boxcar along z from column
 * sums per row (updated slice to slice), along y from column sums of the
 * z-quotients, along x by running sums; then {@code lowpass - background},
 * kept where {@code >= threshold}. Each value is computed with exactly the
 * operations, in exactly the order, of trackpy's per-axis filters (scipy's
 * symmetric {@code correlate1d} from the outermost pair in, a zero row
 * standing for the padding: {@code (0 + v) k == v k}; the boxcar's sums of
 * integers are exact in doubles, its truncated quotient a nudged floor of the
 * reciprocal product as in {@link Bandpass}). A float32 image's boxcar, a
 * running sum whose rounding depends on where it starts, is computed over the
 * whole volume beforehand ({@code bgF}).
 * </p>
 * <p>
 * Every kernel reads and writes whole row arrays at one index {@code x} (the
 * loops HotSpot 17 vectorises). The work is split into boxes (slabs of slices,
 * or bands of rows of every slice when the volume is too thin) that a
 * {@link Splitter} may run in parallel: every row's value depends only on the
 * input around it (the boxcar's column sums, exact integers, are summed afresh
 * at a box's first slice and row), so the result is the same however it is
 * split.
 * </p>
 */
final class VolumeBandpass {

	private final double[][] kernel = new double[3][]; // per axis z, y, x; null: no Gaussian along that axis
	private final int[] lw = new int[3]; // the kernels' half-widths (0 without a kernel)
	private final int[] size = new int[3], s1 = new int[3], s2 = new int[3];
	private final double[] inverse = new double[3];
	private final int backZ, aheadZ, backY, aheadY;
	private final Spares<Scratch> pool = new Spares<>(Scratch::new);
	/** The calls of {@link #filter} so far, and the counts its boxes used in the last. */
	private int generation;
	private final java.util.List<Histogram> counted = new java.util.ArrayList<>();
	private double[] asDouble = new double[0]; // asDouble[v] == v, or gamut - v when inverted
	private boolean asDoubleInverted;
	/** Row kernels on the Vector API ({@link VectorRows}) for this volume. */
	private boolean vector;
	/** The kernels a test asked for (null: the vector ones once compiled, {@link Simd#useVector()}). */
	private final Boolean forced;
	/** Tests: 0 chooses, 1 splits into slabs of slices, 2 into bands of rows of every slice. */
	private int split;
	/** The bytes a box's ring of input rows should fit in (about a core's L2 cache). */
	static final int RING_BUDGET = 768 << 10;

	/**
	 * @param kernels the Gaussian kernel per axis z, y, x (null: none)
	 * @param smoothing the boxcar size per axis z, y, x (1: none)
	 */
	VolumeBandpass(final double[][] kernels, final int[] smoothing) {
		this(kernels, smoothing, null);
	}

	/** With the vector kernels ({@code vector}, only if {@link Simd#enabled()}) along x, or the scalar ones: the same result. */
	VolumeBandpass(final double[][] kernels, final int[] smoothing, final Boolean vector) {
		this.forced = Simd.forced(vector);
		for (int a = 0; a < 3; a++) {
			kernel[a] = kernels[a];
			lw[a] = kernels[a] == null ? 0 : kernels[a].length / 2;
			size[a] = smoothing[a];
			s1[a] = smoothing[a] / 2;
			s2[a] = smoothing[a] - s1[a] - 1;
			inverse[a] = 1. / smoothing[a];
		}
		backZ = Math.max(lw[0], size[0] > 1 ? s1[0] + 1 : 0);
		aheadZ = Math.max(lw[0], s2[0]);
		backY = Math.max(lw[1], s1[1]);
		aheadY = Math.max(lw[1], s2[1]);
	}

	/** Tests: 0 chooses, 1 splits into slabs of slices, 2 into bands of rows of every slice. */
	void split(final int mode) {
		split = mode;
	}

	/**
	 * The thresholded band pass of the raw image into {@code result}, a
	 * slice an array (row-major, {@code y * w + x}).
	 *
	 * @param slices an integer image's slices ({@code byte[]} or {@code short[]}; null for a float image)
	 * @param offsets the index of each slice's first pixel in its array
	 * @param invert whether an integer image is read inverted ({@code gamut - v})
	 * @param rawF a float image (after {@code invert})
	 * @param bgF the float32 boxcar of a float image (null for integer images, or without a boxcar)
	 * @param alongside work to run as one more part (null: none), e.g. a
	 *          large allocation that another thread can do meanwhile
	 * @return the largest value of the result
	 */
	double filter(final Object[] slices, final int[] offsets, final boolean invert, final float[] rawF, final float[] bgF,
			final int gamut, final double threshold, final int w, final int h, final int d, final double[][] result, final Splitter sp, final Runnable alongside) {
		return filter(slices, offsets, invert, rawF, bgF, gamut, threshold, w, h, d, result, null, null, 0, d, 0, h, sp, alongside);
	}

	/**
	 * Where {@link #filter} hands each row instead of writing it into a result
	 * (the single pass of {@link NdLocator}).
	 */
	interface Rows {
		/**
		 * Row {@code y} of slice {@code z}, in {@code values[0..w)} (only until
		 * this returns), its largest value {@code rowMax}; {@code counts} the
		 * running box's own (cleared, with the values and the window of the
		 * filter's {@code counting}, at its first use in a call of
		 * {@link #filter}, added up by {@link #addCounts}).
		 */
		void row(double[] values, int z, int y, int w, double rowMax, Histogram counts);
	}

	/**
	 * {@link #filter} of slices {@code [za, zb)}, rows {@code [ya, yb)} of
	 * the volume, into {@code result} or (if not null) handed row by row to
	 * {@code rows}, which gets counts of the values and window of {@code
	 * counting} (null: none) per running box; the same values however the
	 * range is split.
	 */
	double filter(final Object[] slices, final int[] offsets, final boolean invert, final float[] rawF, final float[] bgF, final int gamut,
			final double threshold, final int w, final int h, final int d, final double[][] result, final Rows rows, final Histogram counting,
			final int za, final int zb, final int ya, final int yb, final Splitter sp, final Runnable alongside) {
		prepare(slices, gamut, invert);
		final int ring = backZ + aheadZ + 1;
		// slabs of at least 8 slices and a ring's worth (a slab starts by loading a ring of slices), two per thread
		// bands of rows through every slice, whose ring of input rows (with the bands' halo rows) fits in
		// about a core's L2 cache, when the halo is at most half a band; otherwise slabs of at least 8
		// slices and a ring's worth (a slab starts by loading a ring of slices), two per thread
		final int halo = backY + aheadY, fit = RING_BUDGET / (ring * 8 * Math.max(1, w)) - halo;
		final int dd = zb - za, hh = yb - ya;
		final boolean bands = split == 2 || split == 0 && dd > 1 && fit >= Math.max(8, 2 * halo) && fit < hh;
		final int zParts, yParts;
		if (bands) {
			zParts = 1;
			final int p = sp.parallelism(), least = split == 2 ? sp.parts(hh, 1, 4) : (hh + fit - 1) / fit;
			yParts = Math.min(hh, (least + p - 1) / p * p); // a multiple of the threads, for balance
		}
		else {
			zParts = split == 1 || dd > 1 ? sp.parts(dd, Math.max(8, ring), 2) : 1;
			yParts = zParts > 1 ? 1 : sp.parts(hh, Math.max(64, 8 * (halo + 1)), 4);
		}
		final int n = zParts * yParts;
		return largest(sp, n, alongside, (s, i) -> {
			final int z0, z1, y0, y1;
			if (zParts > 1) {
				z0 = za + Splitter.bound(i, n, dd);
				z1 = za + Splitter.bound(i + 1, n, dd);
				y0 = ya;
				y1 = yb;
			}
			else {
				z0 = za;
				z1 = zb;
				y0 = ya + Splitter.bound(i, n, hh);
				y1 = ya + Splitter.bound(i + 1, n, hh);
			}
			if (rows != null)
				s.countsFor(counting);
			return s.box(slices, offsets, rawF, bgF, threshold, w, h, d, z0, z1, y0, y1, result, rows);
		});
	}

	/** Box {@code i} of a call, on a scratch of the pool; its largest value. */
	private interface Box {
		double run(Scratch s, int i);
	}

	/**
	 * Runs boxes {@code 0..n - 1} on {@code sp}'s threads, each on a scratch
	 * taken from the pool by the thread that runs it, and {@code alongside}
	 * (null: nothing) as one more part; the largest value of any box
	 * (negative infinity for none).
	 */
	private double largest(final Splitter sp, final int n, final Runnable alongside, final Box box) {
		final double[] max = new double[n];
		final int extra = alongside == null ? 0 : 1;
		sp.run(n + extra, k -> {
			if (k < extra) {
				alongside.run();
				return;
			}
			final Scratch s = pool.take();
			try {
				max[k - extra] = box.run(s, k - extra);
			}
			finally {
				pool.give(s);
			}
		});
		double m = Double.NEGATIVE_INFINITY;
		for (final double v : max)
			m = Math.max(m, v);
		return m;
	}

	/** A call's start: the kernels, a new generation of counts, an integer image's ({@code slices}: not null) values as doubles. */
	private void prepare(final Object[] slices, final int gamut, final boolean invert) {
		vector = Simd.choose(forced);
		generation++;
		counted.clear();
		if (slices != null && (asDouble.length != gamut + 1 || asDoubleInverted != invert)) {
			final double[] t = new double[gamut + 1];
			for (int v = 0; v <= gamut; v++)
				t[v] = invert ? gamut - v : v;
			asDouble = t;
			asDoubleInverted = invert;
		}
	}

	/**
	 * The largest value of the thresholded band pass in any of {@code n} small
	 * boxes, box {@code k} being slices {@code [boxes[4k], boxes[4k + 1])} and
	 * rows {@code [boxes[4k + 2], boxes[4k + 3])}: each box whole on one
	 * thread, the boxes at once on {@code sp}'s threads, each the same as its
	 * {@link #filter} on one thread (a probe's boxes, {@link NdLocator}).
	 * Negative infinity when {@code n} is 0.
	 */
	double maxOfBoxes(final Object[] slices, final int[] offsets, final boolean invert, final float[] rawF, final float[] bgF, final int gamut,
			final double threshold, final int w, final int h, final int d, final int[] boxes, final int n, final Splitter sp) {
		prepare(slices, gamut, invert);
		final Rows none = (values, z, y, ww, rowMax, c) -> {};
		return largest(sp, n, null,
			(s, k) -> s.box(slices, offsets, rawF, bgF, threshold, w, h, d, boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3], null, none));
	}

	/** Adds the counts of every box of the last {@link #filter} with rows into {@code into}. */
	void addCounts(final Histogram into) {
		synchronized (counted) {
			for (final Histogram c : counted)
				into.addLanes(c);
		}
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}

	// ---------------------------------------------------------------- row kernels (whole arrays, one index)






	private static void add(final double[] sum, final double[] a, final int w) {
		for (int x = 0; x < w; x++)
			sum[x] += a[x];
	}

	private static void addSub(final double[] sum, final double[] add, final double[] sub, final int w) {
		for (int x = 0; x < w; x++)
			sum[x] += add[x] - sub[x];
	}


	/** The scratch of one box at a time (taken from the pool by the thread that runs it). */
	private final class Scratch {
		private double[][][] ring = new double[0][0][0]; // input slices [slot][row - yL0][x]
		private double[] zeros = new double[0];
		private double[][] gBuf = new double[0][0], gRef = new double[0][]; // z-filtered rows, by row mod ring
		private double[][] qBuf = new double[0][0], qRef = new double[0][]; // z-boxcar quotients, by row mod ring
		private double[][] sumZ = new double[0][0]; // z-boxcar column sums [row - qLo][x]
		private double[][] taps = new double[0][], shifted = new double[0][0];
		private double[] padded = new double[0]; // a row between lw[2] zeros on each side
		// the vector path's boxcar along x: the quotients between copies of their end values, and the doubling rows
		private double[] boxPad = new double[0];
		private double[][] levels = new double[0][0];
		private double[] yRow = new double[0], xRow = new double[0], sumY = new double[0], qyRow = new double[0];
		private double[] bgRow = new double[0], resRow = new double[0], colMax = new double[0];
		/** The single pass's counts while this scratch runs a box, and the call of {@link #filter} they are for. */
		private final Histogram counts = new Histogram();
		private int countsGeneration = -1;

		/** Counts like {@code counting}'s (null: none) for the boxes of this call, cleared at their first use in it. */
		void countsFor(final Histogram counting) {
			if (counting == null || countsGeneration == generation)
				return;
			counts.reset(counting.gamut(), counting.lo(), counting.hi());
			countsGeneration = generation;
			synchronized (counted) {
				counted.add(counts);
			}
		}

		private void ensure(final int w, final int rows, final int qRows) {
			final int slots = backZ + aheadZ + 1;
			if (ring.length != slots || ring[0].length < rows || ring[0].length > 0 && ring[0][0].length < w)
				ring = new double[slots][rows][w];
			if (zeros.length < w) {
				zeros = new double[w];
				yRow = new double[w];
				xRow = new double[w];
				sumY = new double[w];
				qyRow = new double[w];
				bgRow = new double[w];
				resRow = new double[w];
				colMax = new double[w];
			}
			final int gSlots = 2 * lw[1] + 1, qSlots = s1[1] + s2[1] + 2;
			if (gBuf.length != gSlots || gBuf[0].length < w) {
				gBuf = new double[gSlots][w];
				gRef = new double[gSlots][];
			}
			if (qBuf.length != qSlots || qBuf[0].length < w) {
				qBuf = new double[qSlots][w];
				qRef = new double[qSlots][];
			}
			if (size[0] > 1 && (sumZ.length < qRows || sumZ[0].length < w))
				sumZ = new double[qRows][w];
			final int tapCount = 2 * Math.max(lw[0], Math.max(lw[1], lw[2])) + 1;
			if (taps.length < tapCount)
				taps = new double[tapCount][];
			if (vector) {
				if (boxPad.length != w + size[2] - 1) {
					boxPad = new double[w + size[2] - 1];
					levels = new double[VectorRows.levels()][w + size[2]];
				}
			}
			else if (shifted.length != 2 * lw[2] + 1 || shifted[0].length < w)
				shifted = new double[2 * lw[2] + 1][w];
			if (padded.length != w + 2 * lw[2])
				padded = new double[w + 2 * lw[2]];
		}

		/**
		 * Rows {@code [y0, y1)} of slices {@code [z0, z1)} of the thresholded band pass into {@code result}.
		 *
		 * @return their largest value
		 */
		double box(final Object[] slices, final int[] offsets, final float[] rawF, final float[] bgF, final double threshold, final int w, final int h,
				final int d, final int z0, final int z1, final int y0, final int y1, final double[][] result, final Rows rows) {
			final int yL0 = Math.max(0, y0 - backY), yL1 = Math.min(h, y1 + aheadY);
			final int qLo = Math.max(0, y0 - s1[1]), qHi = Math.min(h, y1 + s2[1]);
			ensure(w, yL1 - yL0, qHi - qLo);
			final int slots = ring.length;
			final boolean integer = slices != null;
			for (int z = Math.max(0, z0 - backZ); z <= z0 + aheadZ && z < d; z++)
				load(slices, offsets, rawF, z, yL0, yL1, w, h);
			double m = Double.NEGATIVE_INFINITY; // the vector kernels' rows' maxima
			final double[] cm = colMax; // the scalar kernel's column maxima
			if (!vector)
				Arrays.fill(cm, 0, w, Double.NEGATIVE_INFINITY);
			final int gSlots = gRef.length, qSlots = qRef.length;
			for (int z = z0; z < z1; z++) {
				if (z > z0 && z + aheadZ < d)
					load(slices, offsets, rawF, z + aheadZ, yL0, yL1, w, h);
				final double[][] in = ring[z % slots];
				int gNext = Math.max(0, y0 - lw[1]);
				int qNext = qLo;
				for (int y = y0; y < y1; y++) {
					// lowpass: z-filtered rows up to y + lw, then along y, then along x
					for (final int gEnd = Math.min(h - 1, y + lw[1]); gNext <= gEnd; gNext++)
						gRef[gNext % gSlots] = zFiltered(in, z, gNext - yL0, gNext % gSlots, w, d);
					final double[] ly;
					if (kernel[1] == null) {
						ly = gRef[y % gSlots];
					}
					else {
						final int l = lw[1];
						for (int i = 0; i <= 2 * l; i++) {
							final int yy = y - l + i;
							taps[i] = yy < 0 || yy >= h ? zeros : gRef[yy % gSlots];
						}
						if (vector)
							VectorRows.correlateRows(yRow, 0, w, taps, kernel[1]);
						else
							RowKernels.correlate(yRow, w, taps, kernel[1]);
						ly = yRow;
					}
					final double[] lowpass = kernel[2] == null ? ly : alongX(ly, w);
					// background
					final double[] bg;
					if (!integer) {
						if (bgF == null) {
							bg = in[y - yL0];
						}
						else {
							final int o = (z * h + y) * w;
							for (int x = 0; x < w; x++)
								bgRow[x] = bgF[o + x];
							bg = bgRow;
						}
					}
					else {
						for (final int qEnd = Math.min(h - 1, y + s2[1]); qNext <= qEnd; qNext++)
							qRef[qNext % qSlots] = zQuotients(in, z, z0, qNext, yL0, qLo, w, d);
						final double[] qy;
						if (size[1] > 1) {
							final double[] sum = sumY;
							if (y == y0) {
								Arrays.fill(sum, 0, w, 0.);
								for (int k = -s1[1]; k <= s2[1]; k++)
									add(sum, qRef[clamp(y + k, h) % qSlots], w);
							}
							else {
								addSub(sum, qRef[clamp(y + s2[1], h) % qSlots], qRef[clamp(y - 1 - s1[1], h) % qSlots], w);
							}
							RowKernels.floorQuotients(sum, qyRow, w, size[1], inverse[1]);
							qy = qyRow;
						}
						else {
							qy = qRef[y % qSlots];
						}
						bg = size[2] > 1 ? boxcarX(qy, w) : qy;
					}
					if (rows != null) {
						final double rowMax;
						if (vector) {
							rowMax = VectorRows.subtractAndThreshold(lowpass, bg, threshold, resRow, 0, w);
							m = Math.max(m, rowMax);
						}
						else {
							RowKernels.subtractAndThreshold(lowpass, bg, threshold, resRow, cm, w);
							double r = Double.NEGATIVE_INFINITY;
							for (int x = 0; x < w; x++)
								r = Math.max(r, resRow[x]);
							rowMax = r;
						}
						rows.row(resRow, z, y, w, rowMax, counts);
						continue;
					}
					if (vector) {
						m = Math.max(m, VectorRows.subtractAndThreshold(lowpass, bg, threshold, result[z], y * w, w));
						continue;
					}
					RowKernels.subtractAndThreshold(lowpass, bg, threshold, resRow, cm, w);
					System.arraycopy(resRow, 0, result[z], y * w, w);
				}
			}
			if (!vector)
				for (int x = 0; x < w; x++)
					m = Math.max(m, cm[x]);
			return m;
		}

		/** Rows {@code [yL0, yL1)} of slice {@code z} of the raw image as doubles into the ring. */
		private void load(final Object[] slices, final int[] offsets, final float[] rawF, final int z, final int yL0, final int yL1,
				final int w, final int h) {
			final double[][] dst = ring[z % ring.length];
			final double[] t = asDouble; // a table lookup is cheaper than HotSpot's int-to-double conversion (and inverts)
			for (int y = yL0; y < yL1; y++) {
				final double[] r = dst[y - yL0];
				if (slices == null) {
					final int o = (z * h + y) * w;
					for (int x = 0; x < w; x++)
						r[x] = rawF[o + x];
				}
				else if (vector) {
					// the table inverts as the vector conversion does: t[v] == gamut - v
					VectorRows.toDoubles(slices[z], offsets[z] + y * w, r, w, asDoubleInverted);
				}
				else if (slices[z] instanceof short[] px) {
					final int o = offsets[z] + y * w;
					for (int x = 0; x < w; x++)
						r[x] = t[px[o + x] & 0xffff];
				}
				else {
					final byte[] px = (byte[]) slices[z];
					final int o = offsets[z] + y * w;
					for (int x = 0; x < w; x++)
						r[x] = t[px[o + x] & 0xff];
				}
			}
		}

		/** Row {@code r} (of the ring) of slice {@code z} after the Gaussian along z. */
		private double[] zFiltered(final double[][] in, final int z, final int r, final int slot, final int w, final int d) {
			if (kernel[0] == null)
				return in[r];
			final int l = lw[0], slots = ring.length;
			for (int i = 0; i <= 2 * l; i++) {
				final int zz = z - l + i;
				taps[i] = zz < 0 || zz >= d ? zeros : ring[zz % slots][r];
			}
			final double[] out = gBuf[slot];
			if (vector)
				VectorRows.correlateRows(out, 0, w, taps, kernel[0]);
			else
				RowKernels.correlate(out, w, taps, kernel[0]);
			return out;
		}

		/**
		 * The Gaussian along x of row {@code row}, from shifted copies of it
		 * (zero outside the row: mode 'constant'), cut from a copy of the row
		 * between zeros.
		 */
		private double[] alongX(final double[] row, final int w) {
			final int l = lw[2];
			final double[] p = padded;
			System.arraycopy(row, 0, p, l, w); // p[l + x] = row[x]; p[0, l) and p[l + w, 2l + w) stay zero
			if (vector) {
				VectorRows.correlateAlong(p, kernel[2], xRow, w);
				return xRow;
			}
			for (int i = 0; i <= 2 * l; i++) {
				if (i == l) {
					taps[i] = row;
					continue;
				}
				System.arraycopy(p, i, shifted[i], 0, w); // shifted[i][x] = row[x + i - l]
				taps[i] = shifted[i];
			}
			RowKernels.correlate(xRow, w, taps, kernel[2]);
			return xRow;
		}

		/**
		 * Row {@code y} of slice {@code z} after the integer boxcar along z:
		 * column sums over slices {@code [z - s1, z + s2]} (clamped: mode
		 * 'nearest'), summed afresh at the box's first slice, then moved by
		 * one slice; the truncated quotient.
		 */
		private double[] zQuotients(final double[][] in, final int z, final int z0, final int y, final int yL0, final int qLo,
				final int w, final int d) {
			final int r = y - yL0;
			if (size[0] <= 1)
				return in[r];
			final double[] sum = sumZ[y - qLo];
			final int slots = ring.length;
			if (z == z0) {
				Arrays.fill(sum, 0, w, 0.);
				for (int k = -s1[0]; k <= s2[0]; k++)
					add(sum, ring[clamp(z + k, d) % slots][r], w);
			}
			else {
				addSub(sum, ring[clamp(z + s2[0], d) % slots][r], ring[clamp(z - 1 - s1[0], d) % slots][r], w);
			}
			final double[] out = qBuf[y % qBuf.length];
			RowKernels.floorQuotients(sum, out, w, size[0], inverse[0]);
			return out;
		}

		/** The integer boxcar along x of row {@code a} (running sums, clamped at the ends), truncated quotients. */
		private double[] boxcarX(final double[] a, final int w) {
			final int s1 = VolumeBandpass.this.s1[2], s2 = VolumeBandpass.this.s2[2];
			final double[] b = bgRow;
			if (vector) {
				VectorRows.nearestBoxSums(a, size[2], boxPad, levels, b, w);
				RowKernels.floorQuotients(b, b, w, size[2], inverse[2]);
				return b;
			}
			double t = 0;
			for (int k = -s1; k <= s2; k++)
				t += a[clamp(k, w)];
			b[0] = t;
			final int left = Math.min(w, s1 + 1), right = Math.max(left, w - s2);
			for (int x = 1; x < left; x++) {
				t += a[clamp(x + s2, w)] - a[0];
				b[x] = t;
			}
			t = runningSums(a, b, left, right, t, s1, s2);
			for (int x = right; x < w; x++) {
				t += a[w - 1] - a[clamp(x - 1 - s1, w)];
				b[x] = t;
			}
			RowKernels.floorQuotients(b, b, w, size[2], inverse[2]);
			return b;
		}
	}

	/**
	 * {@code b[x] = b[x - 1] + a[x + s2] - a[x - 1 - s1]} for {@code x} in
	 * {@code [from, to)}, given {@code t = b[from - 1]}, as four interleaved
	 * running sums over quarters of the range (each starting from its own
	 * directly summed box): exact integer sums, so the same values.
	 *
	 * @return {@code b[to - 1]}
	 */
	private static double runningSums(final double[] a, final double[] b, final int from, final int to, final double t, final int s1,
			final int s2) {
		final int q = (to - from) / 4;
		if (q == 0) {
			double last = t;
			for (int x = from; x < to; x++) {
				last += a[x + s2] - a[x - 1 - s1];
				b[x] = last;
			}
			return last;
		}
		final int x1 = from + q, x2 = x1 + q, x3 = x2 + q;
		double t0 = t, t1 = boxSum(a, x1 - 1, s1, s2), t2 = boxSum(a, x2 - 1, s1, s2), t3 = boxSum(a, x3 - 1, s1, s2);
		for (int i = 0; i < q; i++) {
			t0 += a[from + i + s2] - a[from + i - 1 - s1];
			b[from + i] = t0;
			t1 += a[x1 + i + s2] - a[x1 + i - 1 - s1];
			b[x1 + i] = t1;
			t2 += a[x2 + i + s2] - a[x2 + i - 1 - s1];
			b[x2 + i] = t2;
			t3 += a[x3 + i + s2] - a[x3 + i - 1 - s1];
			b[x3 + i] = t3;
		}
		double last = t3;
		for (int x = x3 + q; x < to; x++) {
			last += a[x + s2] - a[x - 1 - s1];
			b[x] = last;
		}
		return last;
	}

	private static double boxSum(final double[] a, final int x, final int s1, final int s2) {
		double t = 0;
		for (int k = x - s1; k <= x + s2; k++)
			t += a[k];
		return t;
	}
}
