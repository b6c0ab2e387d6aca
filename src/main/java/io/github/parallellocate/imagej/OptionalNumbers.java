package io.github.parallellocate.imagej;

import java.util.Locale;

/**
 * Text and numbers for parameters that trackpy defaults to {@code None}.
 * {@code None} is written as an empty value, {@code None} or {@code NaN} (any
 * case); for parameters where 0 is not a meaningful distinct value
 * ({@code minmass}, {@code maxsize}, {@code smoothing_size}, {@code topn}) 0
 * also means {@code None}. Parse errors are one-line messages naming the key.
 */
public final class OptionalNumbers {

	private OptionalNumbers() {}

	/** Whether the text stands for {@code None}. */
	public static boolean isNone(final String text) {
		if (text == null)
			return true;
		final String t = text.trim().toLowerCase(Locale.ROOT);
		return t.isEmpty() || t.equals("none") || t.equals("nan");
	}

	/** A number; throws a message naming the key if it is not one. */
	public static double number(final String key, final String text) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(key + " must be a number, got '" + text.trim() + "'");
		}
	}

	/** An integer (e.g. {@code 11} or {@code 11.0}); throws a message naming the key otherwise. */
	public static int integer(final String key, final String text) {
		return integer(key, number(key, text));
	}

	/** A double that must be a whole number, as an int. */
	public static int integer(final String key, final double v) {
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
			throw new IllegalArgumentException(key + " must be an integer, got " + v);
		return (int) v;
	}

	/** An optional number from text: null for None. */
	public static Double optionalDouble(final String key, final String text, final boolean zeroIsNone) {
		if (isNone(text))
			return null;
		return optionalDouble(key, Double.valueOf(number(key, text)), zeroIsNone);
	}

	/** An optional number: null or NaN is None, and so is 0 if {@code zeroIsNone}. */
	public static Double optionalDouble(final String key, final Double v, final boolean zeroIsNone) {
		if (v == null || v.isNaN() || zeroIsNone && v == 0)
			return null;
		return v;
	}

	/** An optional integer from text: null for None (and for 0). */
	public static Integer optionalInteger(final String key, final String text) {
		if (isNone(text))
			return null;
		return optionalInteger(key, Double.valueOf(number(key, text)));
	}

	/** An optional integer: null, NaN or 0 is None; otherwise it must be whole. */
	public static Integer optionalInteger(final String key, final Number v) {
		if (v == null || Double.isNaN(v.doubleValue()) || v.doubleValue() == 0)
			return null;
		return integer(key, v.doubleValue());
	}
}
