package io.github.parallellocate.core;

/**
 * trackpy's centre-of-mass refinement as its numba engine runs it
 * ({@code _numba_refine_2D} / {@code _numba_refine_2D_c}): per maximum, up to
 * {@code max_iterations} centroids of the circular neighbourhood in the
 * integer image; when the centroid is more than 0.6 px off the centre in a
 * direction, the neighbourhood moves one pixel that way (clamped to the image
 * minus the radius). Position and mass come from the last evaluated
 * neighbourhood, and so do size (radius of gyration), eccentricity, signal
 * (peak) and raw mass. A neighbourhood of mass 0 counts as centred (trackpy's
 * python engine; numba would divide by zero).
 * <p>
 * How it is computed, with the same numbers:
 * </p>
 * <ul>
 * <li>The mask is walked by rows, each a contiguous run of pixels: the sums
 * of the centroid ({@code sum I}, {@code sum dy I}, {@code sum dx I}) are
 * integers, exact in any order, so a row's sums are taken first and then
 * weighted by its row offset. The characterisation's floating-point sums
 * (eccentricity, raw mass of float images) keep trackpy's order, the mask's
 * pixels in row-major order.</li>
 * <li><b>Hopeless maxima are dropped early.</b> A feature whose final mass
 * cannot exceed {@code minmass} is dropped by the filter anyway (before
 * duplicate removal, see {@link PlaneLocator}), so its refinement need not
 * be finished. After evaluation {@code t} the neighbourhood moves at most
 * {@code max_iterations - 1 - t} more times, one pixel per axis each, so the
 * final neighbourhood lies inside the union of the masks centred within that
 * Chebyshev distance of the next centre: a rounded square. Its pixel sum
 * (the integer image is never negative) bounds the final mass; when the
 * bound divided by the scale is {@code <= minmass}, so is the mass, and the
 * feature is marked dropped (mass NaN) without further evaluations. The
 * bound is taken once, at the first evaluation after which its area is at
 * most {@link #BOUND_COST} masks (large masks: a 31 px diameter after the
 * first evaluation; never for small masks, whose evaluations cost less than
 * the bound). With the image's column sums (large masks, on planes: {@link
 * #setColumnSums}), the sum is taken over the enclosing square, two rows'
 * difference, cheaper than an evaluation: then it is also taken before the
 * first evaluation, over every neighbourhood within {@code max_iterations -
 * 1} moves of the maximum.</li>
 * </ul>
 */
final class Refiner {

	/** trackpy's {@code shift_thresh} (px): the centroid offset beyond which the neighbourhood moves. */
	private static final double SHIFT_THRESH = NdLocator.SHIFT_THRESH;

	/** The largest area of the mass bound, in masks, worth taking instead of further evaluations. */
	static final int BOUND_COST = 4;

	private final CircularMask mask;
	private final int maxIterations;
	private final boolean characterize;
	/** The half-width of each mask row (index: row offset + radius), all rows non-empty. */
	private final int[] hw;
	/** The evaluation after which the mass bound is taken (-1: never), and its Chebyshev reach. */
	private final int boundAfter, boundReach;
	private final boolean bounds;
	/** The mask pixels' offsets from the box's top-left in the image, filled for each plane's width ({@link #prepare}). */
	private final int[] offsets;
	private int preparedWidth = -1;
	private int[] columnSums;

	Refiner(final LocateParameters params, final CircularMask mask) {
		this(params, mask, true);
	}

	/** A refiner that takes the early mass bound or not (for tests). */
	Refiner(final LocateParameters params, final CircularMask mask, final boolean bounds) {
		this.mask = mask;
		this.bounds = bounds;
		offsets = new int[mask.size];
		maxIterations = params.effectiveMaxIterations();
		characterize = params.characterize();
		hw = mask.halfWidth.clone();
		for (final int v : hw)
			if (v < 0)
				throw new IllegalArgumentException("a circular mask has no empty row");
		int after = -1;
		for (int t = 0; t < maxIterations - 1; t++)
			if (boundArea(maxIterations - 2 - t) <= (long) BOUND_COST * mask.size) {
				after = t;
				break;
			}
		boundAfter = after;
		boundReach = after < 0 ? 0 : maxIterations - 2 - after;
	}

	/**
	 * Whether the mass bound is worth the image's column sums ({@link
	 * #setColumnSums}): when it is taken right after the first evaluation
	 * (large masks), for most maxima; small masks take it late, for the few
	 * that are still moving, summing the image.
	 */
	boolean wantsColumnSums() {
		return bounds && boundAfter == 0;
	}

	/**
	 * Lets the mass bound come from {@code v}, the image's column sums ({@link
	 * #columnSums}), instead of summing the image: the bound is then the sum
	 * over the square around the rounded square (null: sum the image).
	 */
	void setColumnSums(final int[] v) {
		columnSums = v;
	}

	/** Rows of the image per row of the column sums: a bound's rows are widened to multiples of it. */
	static final int COLUMN_SUM_STEP = 4;

	/** The length of the column sums of a {@code w x h} image ({@link #columnSums}). */
	static int columnSumsLength(final int w, final int h) {
		return w * ((h + COLUMN_SUM_STEP - 1) / COLUMN_SUM_STEP + 1);
	}

	/**
	 * {@code v[j * w + x]} = the sum of {@code img} over rows {@code 0 ..
	 * min(h, j * COLUMN_SUM_STEP) - 1} of column {@code x}, for columns {@code
	 * xa..xb} (exact in ints for images of fewer than 32768 rows: pixels are at
	 * most 65535). Every {@link #COLUMN_SUM_STEP}th row only: a quarter of
	 * the memory traffic, for a bound a few rows wider.
	 */
	static void columnSums(final int[] img, final int w, final int h, final int[] v, final int xa, final int xb, final int[] acc,
			final int[] row) {
		final int n = xb - xa;
		java.util.Arrays.fill(acc, 0, n, 0);
		System.arraycopy(acc, 0, v, xa, n);
		for (int y = 0; y < h; y++) {
			System.arraycopy(img, y * w + xa, row, 0, n);
			for (int x = 0; x < n; x++)
				acc[x] += row[x];
			if ((y + 1) % COLUMN_SUM_STEP == 0 || y == h - 1)
				System.arraycopy(acc, 0, v, (y + COLUMN_SUM_STEP) / COLUMN_SUM_STEP * w + xa, n);
		}
	}

	/** Fills the mask's offsets for images of width {@code w}: call before refining a plane's features. */
	void prepare(final int w) {
		if (w == preparedWidth)
			return;
		for (int i = 0; i < mask.size; i++)
			offsets[i] = mask.dy[i] * w + mask.dx[i];
		preparedWidth = w;
	}

	/** Pixels in the union of the masks centred within Chebyshev distance {@code k} of a point. */
	private long boundArea(final int k) {
		final int r = mask.radius;
		long area = 0;
		for (int t = -(r + k); t <= r + k; t++)
			area += 2L * (k + hw[Math.max(0, Math.abs(t) - k) + r]) + 1;
		return area;
	}

	/**
	 * Refines the position and mass of features {@code from..to} (their final
	 * neighbourhood's corner kept in {@code fb.corner}); a feature whose
	 * {@code mass / scale} cannot exceed {@code minmass} may get mass NaN
	 * instead. With {@code now}, those with {@code mass / scale > minmass} are
	 * characterised (when characterising) soon, four at a time, while their
	 * neighbourhoods are in the cache: a few of them will be dropped as
	 * duplicates, but on large images characterising after duplicate removal
	 * costs more, in cache misses, than characterising them all; the last few
	 * wait in {@code fb} for {@link #flush}. Features are independent:
	 * disjoint ranges of different buffers may run on different threads.
	 */
	void refine(final int[] img, final RawImage raw, final FeatureBuffer fb, final int from, final int to, final double scale,
			final double minmass, final boolean now) {
		for (int f = from; f < to; f++) {
			refine(img, raw, fb, f, scale, minmass);
			if (now && characterize && fb.mass[f] / scale > minmass) {
				final int[] p = fb.pending;
				p[fb.pendingCount++] = f;
				if (fb.pendingCount == p.length) {
					characterize4(img, raw, fb, p[0], p[1], p[2], p[3]);
					fb.pendingCount = 0;
				}
			}
		}
	}

	/**
	 * Characterises the features {@code idx[from..to)} (size, ecc, signal,
	 * raw mass) at their refined neighbourhoods, four at a time. Disjoint
	 * ranges may run on different threads.
	 */
	void characterize(final int[] img, final RawImage raw, final FeatureBuffer fb, final int[] idx, final int from, final int to) {
		if (!characterize)
			return;
		int k = from;
		for (; k + 4 <= to; k += 4)
			characterize4(img, raw, fb, idx[k], idx[k + 1], idx[k + 2], idx[k + 3]);
		for (; k < to; k++)
			characterize(img, raw, fb, idx[k]);
	}

	/** Characterises the features still waiting in {@code fb} (call when its last maxima are refined). */
	void flush(final int[] img, final RawImage raw, final FeatureBuffer fb) {
		for (int k = 0; k < fb.pendingCount; k++)
			characterize(img, raw, fb, fb.pending[k]);
		fb.pendingCount = 0;
	}

	/**
	 * Refines feature {@code f}'s position and mass (a method of its own, called
	 * once a feature, so that the JIT compiles it early and once).
	 */
	private void refine(final int[] img, final RawImage raw, final FeatureBuffer fb, final int f, final double scale,
			final double minmass) {
		final int w = raw.width, h = raw.height;
		final int r = mask.radius;
		final int upperY = h - r - 1, upperX = w - r - 1;
		int coordY = fb.cy[f], coordX = fb.cx[f];
		if (columnSums != null && bounds
			&& massBound(img, w, h, coordY, coordX, maxIterations - 1) / scale <= minmass) {
			// with the column sums the bound costs less than an evaluation: before the first, over every
			// neighbourhood the maximum can reach (max_iterations - 1 moves)
			fb.y[f] = fb.x[f] = fb.mass[f] = Double.NaN;
			fb.corner[f] = 0;
			return;
		}
		int corner = 0;
		double cmIY = coordY, cmIX = coordX, mass = 0;
		for (int it = 0; it < maxIterations; it++) {
			corner = (coordY - r) * w + coordX - r;
			long sy = 0, sx = 0, sm = 0;
			for (int k = 0, o = corner; k <= 2 * r; k++, o += w) {
				final int half = hw[k];
				long s = 0, t = 0;
				for (int x = r - half; x <= r + half; x++) {
					final int px = img[o + x];
					s += px;
					t += px * x;
				}
				sm += s;
				sy += s * k;
				sx += t;
			}
			mass = sm;
			final double cmNY = sm == 0 ? r : sy / mass;
			final double cmNX = sm == 0 ? r : sx / mass;
			cmIY = cmNY - r + coordY;
			cmIX = cmNX - r + coordX;
			final double offY = cmNY - r, offX = cmNX - r;
			if (Math.abs(offY) < SHIFT_THRESH && Math.abs(offX) < SHIFT_THRESH)
				break;
			if (offY > SHIFT_THRESH)
				coordY++;
			else if (offY < -SHIFT_THRESH)
				coordY--;
			if (offX > SHIFT_THRESH)
				coordX++;
			else if (offX < -SHIFT_THRESH)
				coordX--;
			coordY = Math.min(Math.max(coordY, r), upperY);
			coordX = Math.min(Math.max(coordX, r), upperX);
			if (it == boundAfter && bounds && massBound(img, w, h, coordY, coordX, boundReach) / scale <= minmass) {
				fb.y[f] = fb.x[f] = fb.mass[f] = Double.NaN;
				fb.corner[f] = 0;
				return;
			}
		}
		fb.y[f] = cmIY;
		fb.x[f] = cmIX;
		fb.mass[f] = mass;
		fb.corner[f] = corner;
	}

	/**
	 * The sum of the image over the masks centred within Chebyshev distance
	 * {@code k} of {@code (cy, cx)} (inside the image): at least the
	 * mass of every one of those masks.
	 */
	double massBound(final int[] img, final int w, final int h, final int cy, final int cx, final int k) {
		final int r = mask.radius;
		final int[] v = columnSums;
		if (v != null) {
			// the square around the rounded square (its rows widened to multiples of the step), from the
			// column sums: a difference of two rows
			final int ya = Math.max(0, cy - r - k), yb = Math.min(h - 1, cy + r + k);
			final int xa = Math.max(0, cx - r - k), xb = Math.min(w - 1, cx + r + k);
			final int step = COLUMN_SUM_STEP;
			final int top = ya / step * w, bottom = (yb + step) / step * w; // rows 0..ya-1 at most, 0..yb at least
			long sum = 0;
			for (int x = xa; x <= xb; x++)
				sum += v[bottom + x] - v[top + x];
			return sum;
		}
		long sum = 0;
		for (int t = Math.max(-(r + k), -cy), end = Math.min(r + k, h - 1 - cy); t <= end; t++) {
			final int e = k + hw[Math.max(0, Math.abs(t) - k) + r];
			final int o = (cy + t) * w;
			long s = 0;
			for (int x = Math.max(0, cx - e), xb = Math.min(w - 1, cx + e); x <= xb; x++)
				s += img[o + x];
			sum += s;
		}
		return sum;
	}

	/** Characterises feature {@code f} at its refined neighbourhood. */
	private void characterize(final int[] img, final RawImage raw, final FeatureBuffer fb, final int f) {
		final CircularMask m = mask;
		final int o = fb.corner[f];
		final int[] off = offsets, r2 = m.r2;
		final double[] c2 = m.cos2, s2 = m.sin2;
		long rg = 0;
		double e1 = 0, e2 = 0;
		int signal = 0;
		// the mask's pixels in row-major order (one flat loop: quicker than loops over the mask's short rows here)
		for (int i = 0; i < off.length; i++) {
			final int px = img[o + off[i]];
			rg += (long) r2[i] * px;
			e1 += c2[i] * px;
			e2 += s2[i] * px;
			signal = Math.max(signal, px);
		}
		finish(img, fb, f, rg, e1, e2, signal, rawMass(raw, o), raw.width);
	}

	/**
	 * {@link #characterize(int[], RawImage, FeatureBuffer, int)} for four
	 * features at once: each feature's sums in trackpy's order, the four
	 * features' interleaved, so that their floating-point additions overlap
	 * (one feature's sum waits on each addition's latency).
	 */
	private void characterize4(final int[] img, final RawImage raw, final FeatureBuffer fb, final int f0, final int f1, final int f2,
			final int f3) {
		final CircularMask m = mask;
		final int w = raw.width;
		final int o0 = fb.corner[f0], o1 = fb.corner[f1], o2 = fb.corner[f2], o3 = fb.corner[f3];
		final int[] off = offsets, r2 = m.r2;
		final double[] c2 = m.cos2, s2 = m.sin2;
		long rg0 = 0, rg1 = 0, rg2 = 0, rg3 = 0;
		double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
		int g0 = 0, g1 = 0, g2 = 0, g3 = 0;
		for (int i = 0; i < off.length; i++) {
			final int d = off[i];
			final long q = r2[i];
			final double c = c2[i], sn = s2[i];
			final int p0 = img[o0 + d], p1 = img[o1 + d], p2 = img[o2 + d], p3 = img[o3 + d];
			rg0 += q * p0;
			rg1 += q * p1;
			rg2 += q * p2;
			rg3 += q * p3;
			a0 += c * p0;
			a1 += c * p1;
			a2 += c * p2;
			a3 += c * p3;
			b0 += sn * p0;
			b1 += sn * p1;
			b2 += sn * p2;
			b3 += sn * p3;
			g0 = Math.max(g0, p0);
			g1 = Math.max(g1, p1);
			g2 = Math.max(g2, p2);
			g3 = Math.max(g3, p3);
		}
		// the raw masses, four at a time too: the raw image is rarely in the cache, and this way the four
		// neighbourhoods' cache misses overlap
		double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
		if (raw.isInteger()) {
			long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
			if (raw.shorts != null) {
				final short[] px = raw.shorts;
				for (int i = 0; i < off.length; i++) {
					final int d = off[i];
					t0 += px[o0 + d] & 0xffff;
					t1 += px[o1 + d] & 0xffff;
					t2 += px[o2 + d] & 0xffff;
					t3 += px[o3 + d] & 0xffff;
				}
			}
			else {
				final byte[] px = raw.bytes;
				for (int i = 0; i < off.length; i++) {
					final int d = off[i];
					t0 += px[o0 + d] & 0xff;
					t1 += px[o1 + d] & 0xff;
					t2 += px[o2 + d] & 0xff;
					t3 += px[o3 + d] & 0xff;
				}
			}
			m0 = inverted(raw, t0, off.length);
			m1 = inverted(raw, t1, off.length);
			m2 = inverted(raw, t2, off.length);
			m3 = inverted(raw, t3, off.length);
		}
		else {
			final float[] floats = raw.floats;
			for (int i = 0; i < off.length; i++) {
				final int d = off[i];
				m0 += floats[o0 + d];
				m1 += floats[o1 + d];
				m2 += floats[o2 + d];
				m3 += floats[o3 + d];
			}
		}
		finish(img, fb, f0, rg0, a0, b0, g0, m0, w);
		finish(img, fb, f1, rg1, a1, b1, g1, m1, w);
		finish(img, fb, f2, rg2, a2, b2, g2, m2, w);
		finish(img, fb, f3, rg3, a3, b3, g3, m3, w);
	}

	/** The raw mass of the neighbourhood at {@code o}: the raw image's sum over the mask, in the mask's order. */
	private double rawMass(final RawImage raw, final int o) {
		final int[] off = offsets;
		if (raw.isInteger()) {
			long s = 0;
			if (raw.shorts != null) {
				final short[] px = raw.shorts;
				for (int i = 0; i < off.length; i++)
					s += px[o + off[i]] & 0xffff;
			}
			else {
				final byte[] px = raw.bytes;
				for (int i = 0; i < off.length; i++)
					s += px[o + off[i]] & 0xff;
			}
			return inverted(raw, s, off.length);
		}
		final float[] floats = raw.floats;
		double m = 0;
		for (int i = 0; i < off.length; i++)
			m += floats[o + off[i]];
		return m;
	}

	/**
	 * The sum of {@code n} inverted integer pixels from the sum {@code s} of
	 * the pixels themselves: {@code n * max - s} (exact, in integers), or
	 * {@code s} when the image is not inverted.
	 */
	private static double inverted(final RawImage raw, final long s, final int n) {
		return raw.flip == 0 ? s : (long) n * raw.flip - s;
	}

	/** Size, eccentricity, signal and raw mass of feature {@code f} from its sums. */
	private void finish(final int[] img, final FeatureBuffer fb, final int f, final long rg, final double e1, final double e2,
			final int signal, final double rawMass, final int w) {
		final int r = mask.radius, o = fb.corner[f];
		final double mass = fb.mass[f];
		fb.size[f] = Math.sqrt(rg / mass);
		final int center = img[o + r * w + r];
		fb.ecc[f] = Math.sqrt(e1 * e1 + e2 * e2) / (mass - center + NdLocator.ECC_EPSILON);
		fb.signal[f] = signal;
		fb.rawMass[f] = rawMass;
	}
}
