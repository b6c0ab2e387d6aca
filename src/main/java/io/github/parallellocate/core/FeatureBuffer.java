package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * Growable per-feature columns of one plane, reused from plane to plane:
 * the integer maxima, then their refined positions and characterisation.
 */
final class FeatureBuffer {

	int n;
	int[] cy = new int[64], cx = new int[64];
	/** Top-left index, in the image, of each feature's final neighbourhood box (set by refinement). */
	int[] corner = new int[64];
	double[] y = new double[64], x = new double[64], mass = new double[64], size = new double[64], ecc = new double[64],
			signal = new double[64], rawMass = new double[64];
	boolean[] drop = new boolean[64];
	/** Features refined but not yet characterised ({@link Refiner} characterises them four at a time). */
	final int[] pending = new int[4];
	int pendingCount;

	void clear() {
		n = 0;
		pendingCount = 0;
	}

	void addMaximum(final int py, final int px) {
		if (n == cy.length)
			grow(2 * n);
		cy[n] = py;
		cx[n] = px;
		drop[n] = false;
		n++;
	}

	/** Makes room for {@code capacity} features in all (the features so far kept). */
	void ensureCapacity(final int capacity) {
		if (capacity > cy.length)
			grow(capacity);
	}

	private void grow(final int c) {
		cy = Arrays.copyOf(cy, c);
		cx = Arrays.copyOf(cx, c);
		corner = Arrays.copyOf(corner, c);
		y = Arrays.copyOf(y, c);
		x = Arrays.copyOf(x, c);
		mass = Arrays.copyOf(mass, c);
		size = Arrays.copyOf(size, c);
		ecc = Arrays.copyOf(ecc, c);
		signal = Arrays.copyOf(signal, c);
		rawMass = Arrays.copyOf(rawMass, c);
		drop = Arrays.copyOf(drop, c);
	}

	/**
	 * Keeps only the features with {@code mass / scale > minmass} (not NaN),
	 * in their order: the first test of {@link PlaneLocator}'s filter, done on
	 * a band's own thread so that only the survivors are appended (noisy
	 * frames have many times more maxima than features). Pending
	 * characterisations must be done.
	 */
	void keepAbove(final double minmass, final double scale) {
		int k = 0;
		for (int i = 0; i < n; i++) {
			if (!(mass[i] / scale > minmass))
				continue;
			if (k != i) {
				cy[k] = cy[i];
				cx[k] = cx[i];
				corner[k] = corner[i];
				y[k] = y[i];
				x[k] = x[i];
				mass[k] = mass[i];
				size[k] = size[i];
				ecc[k] = ecc[i];
				signal[k] = signal[i];
				rawMass[k] = rawMass[i];
				drop[k] = drop[i];
			}
			k++;
		}
		n = k;
	}

	/** Appends every column of {@code src}'s features (maxima found, and refined, in a band of rows). */
	void append(final FeatureBuffer src) {
		final int k = src.n, at = n;
		if (k == 0)
			return;
		if (at + k > cy.length)
			grow(Math.max(2 * cy.length, at + k));
		System.arraycopy(src.cy, 0, cy, at, k);
		System.arraycopy(src.cx, 0, cx, at, k);
		System.arraycopy(src.corner, 0, corner, at, k);
		System.arraycopy(src.y, 0, y, at, k);
		System.arraycopy(src.x, 0, x, at, k);
		System.arraycopy(src.mass, 0, mass, at, k);
		System.arraycopy(src.size, 0, size, at, k);
		System.arraycopy(src.ecc, 0, ecc, at, k);
		System.arraycopy(src.signal, 0, signal, at, k);
		System.arraycopy(src.rawMass, 0, rawMass, at, k);
		Arrays.fill(drop, at, at + k, false);
		n = at + k;
	}
}
