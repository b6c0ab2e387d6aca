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
 */
final class Refiner {

	/** trackpy's {@code shift_thresh} (px): the centroid offset beyond which the neighbourhood moves. */
	private static final double SHIFT_THRESH = NdLocator.SHIFT_THRESH;

	private final CircularMask mask;
	private final int maxIterations;
	private final boolean characterize;
	/** Scratch: the mask pixels' offsets from the box's top-left in the image, filled for each plane's width. */
	private final int[] offsets;

	Refiner(final LocateParameters params, final CircularMask mask) {
		this.mask = mask;
		offsets = new int[mask.size];
		maxIterations = params.effectiveMaxIterations();
		characterize = params.characterize();
	}

	/** Fills the mask's offsets for images of width {@code w}; call before {@link #refine} and {@link #characterize}. */
	void prepare(final int w) {
		final CircularMask m = mask;
		for (int i = 0; i < m.size; i++)
			offsets[i] = m.dy[i] * w + m.dx[i];
	}

	/**
	 * Refines the position and mass of features {@code from..to} (their final
	 * neighbourhood's corner kept for {@link #characterize}). Features are
	 * independent: disjoint ranges may run on different threads.
	 */
	void refine(final int[] img, final RawImage raw, final FeatureBuffer fb, final int from, final int to) {
		for (int f = from; f < to; f++)
			refine(img, raw, fb, f, offsets);
	}

	/**
	 * Characterises the features {@code idx[from..to)} (size, ecc, signal,
	 * raw mass) at their refined neighbourhoods. Disjoint ranges may run on
	 * different threads.
	 */
	void characterize(final int[] img, final RawImage raw, final FeatureBuffer fb, final int[] idx, final int from, final int to) {
		if (!characterize)
			return;
		for (int k = from; k < to; k++) {
			final int f = idx[k];
			characterize(img, raw, fb, f, fb.corner[f], fb.mass[f], offsets, raw.width);
		}
	}

	/**
	 * Refines feature {@code f}'s position and mass (a method of its own, called
	 * once a feature, so that the JIT compiles it early and once).
	 */
	private void refine(final int[] img, final RawImage raw, final FeatureBuffer fb, final int f, final int[] off) {
		final int w = raw.width, h = raw.height;
		final CircularMask m = mask;
		final int r = m.radius;
		final int nm = m.size;
		final int[] mdy = m.dy, mdx = m.dx;
		final int upperY = h - r - 1, upperX = w - r - 1;
		int coordY = fb.cy[f], coordX = fb.cx[f];
		int corner = 0;
		double cmIY = coordY, cmIX = coordX, mass = 0;
		for (int it = 0; it < maxIterations; it++) {
			corner = (coordY - r) * w + coordX - r;
			long sy = 0, sx = 0, sm = 0;
			for (int i = 0; i < nm; i++) {
				final int px = img[corner + off[i]];
				sy += px * mdy[i];
				sx += px * mdx[i];
				sm += px;
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
		}
		fb.y[f] = cmIY;
		fb.x[f] = cmIX;
		fb.mass[f] = mass;
		fb.corner[f] = corner;
	}

	private void characterize(final int[] img, final RawImage raw, final FeatureBuffer fb, final int f, final int corner,
			final double mass, final int[] off, final int w) {
		final CircularMask m = mask;
		final int nm = m.size;
		final int[] r2 = m.r2;
		final double[] c2 = m.cos2, s2 = m.sin2;
		long rg = 0;
		double e1 = 0, e2 = 0, rawMass = 0;
		int signal = 0;
		for (int i = 0; i < nm; i++) {
			final int idx = corner + off[i];
			final int px = img[idx];
			rg += (long) r2[i] * px;
			e1 += c2[i] * px;
			e2 += s2[i] * px;
			signal = Math.max(signal, px);
		}
		if (raw.isInteger()) {
			long s = 0;
			for (int i = 0; i < nm; i++)
				s += raw.ints[corner + off[i]];
			rawMass = s;
		}
		else {
			for (int i = 0; i < nm; i++)
				rawMass += raw.floats[corner + off[i]];
		}
		fb.size[f] = Math.sqrt(rg / mass);
		final int center = img[corner + m.radius * w + m.radius];
		fb.ecc[f] = Math.sqrt(e1 * e1 + e2 * e2) / (mass - center + NdLocator.ECC_EPSILON);
		fb.signal[f] = signal;
		fb.rawMass[f] = rawMass;
	}
}
