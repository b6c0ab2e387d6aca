package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * One located feature, in a plane (2D) or a volume (3D), with trackpy's
 * values and coordinate convention (the origin is the centre of voxel
 * (0, 0, 0); ImageJ's ROI coordinates are these plus 0.5). Which of the
 * values are columns of the output, and in which order, is
 * {@link FeatureColumns}' business: every writer (CSV, ImageJ table, Spark)
 * goes through it.
 * <ul>
 * <li>{@code z} is NaN for a plane.</li>
 * <li>Without characterisation, every value but the position and the mass is NaN.</li>
 * <li>With an isotropic diameter there is one {@code size}; with an
 * anisotropic one (trackpy: {@code size_z, size_y, size_x}) {@link #size()}
 * is NaN and {@link #size(int)} gives the value of each axis. Likewise
 * {@code ep}, given per axis ({@code ep_z, ep_y, ep_x}) when the diameter or
 * {@code noise_size} differs between axes (then {@link #ep()} is NaN and
 * {@link #ep(int)} gives each axis').</li>
 * <li>{@code ecc} is NaN in 3D, as trackpy has it.</li>
 * </ul>
 * Immutable; equal when every value is equal ({@link Double#compare}, so NaN
 * equals NaN).
 */
public final class Feature {

	private final int ndim;
	private final double z, y, x, mass, size, ecc, signal, rawMass, ep;
	private final double[] sizes, eps; // per axis (z,) y, x; null when isotropic

	/**
	 * A feature of a plane with an isotropic diameter (trackpy's columns
	 * {@code y, x, mass, size, ecc, signal, raw_mass, ep}).
	 */
	public Feature(final double y, final double x, final double mass, final double size, final double ecc,
		final double signal, final double rawMass, final double ep)
	{
		this(2, Double.NaN, y, x, mass, size, ecc, signal, rawMass, ep, null, null);
	}

	private Feature(final int ndim, final double z, final double y, final double x, final double mass, final double size,
		final double ecc, final double signal, final double rawMass, final double ep, final double[] sizes, final double[] eps)
	{
		this.ndim = ndim;
		this.z = z;
		this.y = y;
		this.x = x;
		this.mass = mass;
		this.size = size;
		this.ecc = ecc;
		this.signal = signal;
		this.rawMass = rawMass;
		this.ep = ep;
		this.sizes = sizes;
		this.eps = eps;
	}

	/**
	 * A feature of a plane or a volume.
	 *
	 * @param position the position per axis, trackpy's order ({@code z, y, x} or {@code y, x})
	 * @param size one radius of gyration (isotropic diameter: trackpy's {@code size}), or
	 *          one per axis (anisotropic: {@code size_z, size_y, size_x})
	 * @param ecc eccentricity (NaN in 3D)
	 * @param ep one static error ({@code ep}), or one per axis ({@code ep_z, ep_y, ep_x}:
	 *          trackpy gives them when the diameter or {@code noise_size} differs between axes)
	 */
	public static Feature of(final double[] position, final double mass, final double[] size, final double ecc,
		final double signal, final double rawMass, final double[] ep)
	{
		final int n = position.length;
		if (n != 2 && n != 3)
			throw new IllegalArgumentException("a feature has 2 or 3 coordinates, got " + n);
		if (size.length != 1 && size.length != n || ep.length != 1 && ep.length != n)
			throw new IllegalArgumentException("size and ep need 1 or " + n + " values each, got " + size.length + " and " + ep.length);
		final boolean isoSize = size.length == 1, isoEp = ep.length == 1;
		return new Feature(n, n == 3 ? position[0] : Double.NaN, position[n - 2], position[n - 1], mass, isoSize ? size[0] : Double.NaN,
			ecc, signal, rawMass, isoEp ? ep[0] : Double.NaN, isoSize ? null : size.clone(), isoEp ? null : ep.clone());
	}

	/** 2 for a plane, 3 for a volume. */
	public int ndim() {
		return ndim;
	}

	/** True if size is given per axis (an anisotropic diameter). */
	public boolean isAnisotropic() {
		return sizes != null;
	}

	/** True if ep is given per axis (an anisotropic diameter or noise_size). */
	public boolean isEpPerAxis() {
		return eps != null;
	}

	/** The coordinate along axis {@code i} in trackpy's order ({@code z, y, x} or {@code y, x}). */
	public double position(final int i) {
		final int a = i + 3 - ndim; // 0 = z, 1 = y, 2 = x
		if (i < 0 || a > 2)
			throw new IndexOutOfBoundsException(i);
		return a == 0 ? z : a == 1 ? y : x;
	}

	/** Sub-pixel slice (NaN for a plane). */
	public double z() {
		return z;
	}

	/** Sub-pixel row. */
	public double y() {
		return y;
	}

	/** Sub-pixel column. */
	public double x() {
		return x;
	}

	/** Integrated brightness in the bandpassed image (in input units). */
	public double mass() {
		return mass;
	}

	/** Radius of gyration of the brightness (NaN when anisotropic: see {@link #size(int)}). */
	public double size() {
		return size;
	}

	/** The radius of gyration along axis {@code i} (trackpy's order) of an anisotropic feature; else {@link #size()}. */
	public double size(final int i) {
		return sizes == null ? size : sizes[i];
	}

	/** Eccentricity (0 = circular; NaN in 3D). */
	public double ecc() {
		return ecc;
	}

	/** Peak brightness in the bandpassed image (in input units). */
	public double signal() {
		return signal;
	}

	/** Integrated brightness in the raw (possibly inverted) image. */
	public double rawMass() {
		return rawMass;
	}

	/** Static position uncertainty (NaN when anisotropic: see {@link #ep(int)}). */
	public double ep() {
		return ep;
	}

	/** The static error along axis {@code i} (trackpy's order) of an anisotropic feature; else {@link #ep()}. */
	public double ep(final int i) {
		return eps == null ? ep : eps[i];
	}

	@Override
	public boolean equals(final Object o) {
		if (this == o)
			return true;
		if (!(o instanceof Feature))
			return false;
		final Feature f = (Feature) o;
		return ndim == f.ndim && same(z, f.z) && same(y, f.y) && same(x, f.x) && same(mass, f.mass) && same(size, f.size)
			&& same(ecc, f.ecc) && same(signal, f.signal) && same(rawMass, f.rawMass) && same(ep, f.ep)
			&& Arrays.equals(sizes, f.sizes) && Arrays.equals(eps, f.eps);
	}

	private static boolean same(final double a, final double b) {
		return Double.compare(a, b) == 0;
	}

	@Override
	public int hashCode() {
		int h = ndim;
		for (final double v : new double[] { z, y, x, mass, size, ecc, signal, rawMass, ep })
			h = 31 * h + Double.hashCode(v);
		return 31 * (31 * h + Arrays.hashCode(sizes)) + Arrays.hashCode(eps);
	}

	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder("Feature[");
		if (ndim == 3)
			sb.append("z=").append(z).append(", ");
		sb.append("y=").append(y).append(", x=").append(x).append(", mass=").append(mass);
		if (sizes == null)
			sb.append(", size=").append(size);
		else
			sb.append(", size=").append(Arrays.toString(sizes));
		sb.append(", ecc=").append(ecc).append(", signal=").append(signal).append(", rawMass=").append(rawMass);
		if (eps == null)
			sb.append(", ep=").append(ep);
		else
			sb.append(", ep=").append(Arrays.toString(eps));
		return sb.append(']').toString();
	}
}
