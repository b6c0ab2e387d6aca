package io.github.parallellocate.core;

import java.util.Arrays;

/**
 * A parameter that trackpy takes as a number or as one number per axis, in
 * trackpy's (numpy's) axis order: {@code (z, y, x)} for a volume,
 * {@code (y, x)} for a plane. trackpy's {@code validate_tuple(value, ndim)}
 * is {@link #resolve(int, String)}: a number applies to every axis, a tuple
 * must have one value per axis.
 * <p>
 * Immutable. Text form (macros, command line, Spark): {@code 7} or
 * {@code 5,9,9}; {@link #parse(String)} also accepts Python's
 * {@code (5, 9, 9)} and {@code [5, 9, 9]}.
 * </p>
 */
public final class PerAxis {

	private final double[] values;
	private final boolean scalar;

	private PerAxis(final double[] values, final boolean scalar) {
		this.values = values;
		this.scalar = scalar;
	}

	/** One value for every axis. */
	public static PerAxis of(final double value) {
		return new PerAxis(new double[] { value }, true);
	}

	/**
	 * One value per axis, axis 0 (z, or y in 2D) first; a single value is
	 * the same as {@link #of(double)}.
	 *
	 * @throws IllegalArgumentException if no value is given
	 */
	public static PerAxis axes(final double... values) {
		if (values.length == 0)
			throw new IllegalArgumentException("at least one value is needed");
		return values.length == 1 ? of(values[0]) : new PerAxis(values.clone(), false);
	}

	/**
	 * Parses {@code 7}, {@code 5,9,9}, {@code (5, 9, 9)} or {@code [5,9,9]}.
	 *
	 * @param name the parameter's name, for the message
	 * @throws IllegalArgumentException "NAME must be a number or one number per axis (z,y,x or y,x), got 'TEXT'"
	 */
	public static PerAxis parse(final String name, final String text) {
		String t = text.trim();
		if (t.length() >= 2 && (t.charAt(0) == '(' && t.endsWith(")") || t.charAt(0) == '[' && t.endsWith("]")))
			t = t.substring(1, t.length() - 1).trim();
		if (t.endsWith(",")) // Python's one-tuple (7,)
			t = t.substring(0, t.length() - 1).trim();
		final String[] parts = t.split(",", -1);
		if (parts.length > 3 || t.isEmpty())
			throw bad(name, text);
		final double[] v = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				v[i] = Double.parseDouble(parts[i].trim());
			}
			catch (final NumberFormatException e) {
				throw bad(name, text);
			}
		}
		return axes(v);
	}

	private static IllegalArgumentException bad(final String name, final String text) {
		return new IllegalArgumentException(name + " must be a number or one number per axis (z,y,x or y,x), got '" + text.trim() + "'");
	}

	/** True if given as one number for every axis. */
	public boolean isScalar() {
		return scalar;
	}

	/** The number of values given: 1 for a number, else the number of axes. */
	public int size() {
		return values.length;
	}

	/** The i-th value as given. */
	public double get(final int i) {
		return values[i];
	}

	/** True if every axis has the same value (trackpy: a tuple of equal values is isotropic). */
	public boolean isIsotropic() {
		for (final double v : values)
			if (Double.compare(v, values[0]) != 0)
				return false;
		return true;
	}

	/** The largest value. */
	public double max() {
		double m = values[0];
		for (final double v : values)
			m = Math.max(m, v);
		return m;
	}

	/**
	 * The value of an isotropic parameter.
	 *
	 * @throws IllegalStateException if the axes differ
	 */
	public double uniform() {
		if (!isIsotropic())
			throw new IllegalStateException("not isotropic: " + this);
		return values[0];
	}

	/**
	 * trackpy's {@code validate_tuple}: the value of each of {@code ndim} axes.
	 *
	 * @param name the parameter's name, for the message
	 * @throws IllegalArgumentException "NAME has 3 values (z,y,x) but the image has 2 dimensions"
	 */
	public double[] resolve(final int ndim, final String name) {
		if (scalar) {
			final double[] r = new double[ndim];
			Arrays.fill(r, values[0]);
			return r;
		}
		if (values.length != ndim)
			throw new IllegalArgumentException(name + " has " + values.length + " values (" + axisNames(values.length)
				+ ") but the image has " + ndim + " dimensions");
		return values.clone();
	}

	/** {@code "z,y,x"} or {@code "y,x"}. */
	public static String axisNames(final int ndim) {
		return ndim == 3 ? "z,y,x" : ndim == 2 ? "y,x" : ndim + " axes";
	}

	/** Each value satisfies the test. */
	boolean all(final java.util.function.DoublePredicate test) {
		for (final double v : values)
			if (!test.test(v))
				return false;
		return true;
	}

	/** The text form: {@code 7} or {@code 5,9,9} (integers without a decimal point). */
	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (i > 0)
				sb.append(',');
			sb.append(number(values[i]));
		}
		return sb.toString();
	}

	/** A number as text: integral values without a decimal point. */
	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof PerAxis && ((PerAxis) o).scalar == scalar && Arrays.equals(((PerAxis) o).values, values);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(values) * 31 + (scalar ? 1 : 0);
	}
}
