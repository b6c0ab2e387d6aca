package io.github.parallellocate.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of trackpy's {@code locate} output, named and ordered as
 * trackpy names and orders them, for planes or volumes, isotropic or
 * anisotropic, with or without characterisation:
 * <ul>
 * <li>2D: {@code y, x, mass, size, ecc, signal, raw_mass, ep};</li>
 * <li>3D: {@code z, y, x, mass, size, ecc, signal, raw_mass, ep} ({@code ecc} is NaN);</li>
 * <li>anisotropic diameter: {@code size_z, size_y, size_x} (or
 * {@code size_y, size_x}) in place of {@code size}; anisotropic diameter or
 * {@code noise_size}: {@code ep_z, ep_y, ep_x} in place of {@code ep};</li>
 * <li>without characterisation: the position and {@code mass} only.</li>
 * </ul>
 * The {@code frame} column that {@code trackpy.batch} adds is the writer's
 * (it comes last). Every writer (CSV, ImageJ table, Spark) takes its columns
 * from here, so that they agree.
 */
public final class FeatureColumns {

	private static final int POS = 0, MASS = 1, SIZE = 2, ECC = 3, SIGNAL = 4, RAW = 5, EP = 6;
	private static final String[] AXES = { "z", "y", "x" };

	private final int ndim;
	private final boolean anisotropic;
	private final boolean characterize;
	private final boolean epPerAxis;
	private final List<String> names;
	private final int[] kind, axis;

	private FeatureColumns(final int ndim, final boolean anisotropic, final boolean epPerAxis, final boolean characterize) {
		if (ndim != 2 && ndim != 3)
			throw new IllegalArgumentException("2 or 3 dimensions, got " + ndim);
		this.ndim = ndim;
		this.anisotropic = anisotropic;
		this.epPerAxis = epPerAxis;
		this.characterize = characterize;
		final List<String> n = new ArrayList<>();
		final List<int[]> k = new ArrayList<>();
		for (int i = 0; i < ndim; i++)
			add(n, k, AXES[i + 3 - ndim], POS, i);
		add(n, k, "mass", MASS, -1);
		if (characterize) {
			perAxis(n, k, "size", SIZE, anisotropic);
			add(n, k, "ecc", ECC, -1);
			add(n, k, "signal", SIGNAL, -1);
			add(n, k, "raw_mass", RAW, -1);
			perAxis(n, k, "ep", EP, epPerAxis);
		}
		names = Collections.unmodifiableList(n);
		kind = new int[k.size()];
		axis = new int[k.size()];
		for (int i = 0; i < kind.length; i++) {
			kind[i] = k.get(i)[0];
			axis[i] = k.get(i)[1];
		}
	}

	private void perAxis(final List<String> n, final List<int[]> k, final String name, final int what, final boolean split) {
		if (!split)
			add(n, k, name, what, -1);
		else
			for (int i = 0; i < ndim; i++)
				add(n, k, name + "_" + AXES[i + 3 - ndim], what, i);
	}

	private static void add(final List<String> n, final List<int[]> k, final String name, final int what, final int ax) {
		n.add(name);
		k.add(new int[] { what, ax });
	}

	/**
	 * The columns for features of {@code ndim} dimensions, with size and ep
	 * per axis if {@code anisotropic}.
	 */
	public static FeatureColumns of(final int ndim, final boolean anisotropic, final boolean characterize) {
		return new FeatureColumns(ndim, anisotropic, anisotropic, characterize);
	}

	/**
	 * The columns for features of {@code ndim} dimensions: size per axis if
	 * {@code anisotropic} (the diameter), ep per axis if {@code epPerAxis}
	 * (the diameter or noise_size differs between axes).
	 */
	public static FeatureColumns of(final int ndim, final boolean anisotropic, final boolean epPerAxis, final boolean characterize) {
		return new FeatureColumns(ndim, anisotropic, epPerAxis, characterize);
	}

	/**
	 * The columns of a locate run with these parameters on images of
	 * {@code ndim} dimensions (as trackpy: {@code size_*} columns when the
	 * diameter differs between axes, {@code ep_*} columns when the diameter
	 * or noise_size does).
	 */
	public static FeatureColumns of(final LocateParameters p, final int ndim) {
		return of(ndim, p.isAnisotropic(), p.isEpPerAxis(), p.characterize());
	}

	public int ndim() {
		return ndim;
	}

	public boolean anisotropic() {
		return anisotropic;
	}

	public boolean characterize() {
		return characterize;
	}

	/** True if ep is one column per axis. */
	public boolean epPerAxis() {
		return epPerAxis;
	}

	/** The number of columns (without {@code frame}). */
	public int count() {
		return kind.length;
	}

	/** The column names in trackpy's order (without {@code frame}). */
	public List<String> names() {
		return names;
	}

	/** The names joined by commas: a CSV header without {@code frame}. */
	public String header() {
		return String.join(",", names);
	}

	/** The value of column {@code c} for a feature. */
	public double value(final Feature f, final int c) {
		final int a = axis[c];
		switch (kind[c]) {
			case POS: return f.position(a);
			case MASS: return f.mass();
			case SIZE: return a < 0 ? f.size() : f.size(a);
			case ECC: return f.ecc();
			case SIGNAL: return f.signal();
			case RAW: return f.rawMass();
			default: return a < 0 ? f.ep() : f.ep(a);
		}
	}

	@Override
	public String toString() {
		return header();
	}
}
