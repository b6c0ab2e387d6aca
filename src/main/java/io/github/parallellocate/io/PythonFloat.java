package io.github.parallellocate.io;

/**
 * Formats doubles the way Python's {@code repr(float)} (and so pandas'
 * {@code to_csv}) does: the shortest digits that round-trip, positional
 * notation for decimal exponents -4 &le; e &lt; 16, otherwise {@code 1.5e-05}
 * style; {@code NaN} as the empty string (pandas' default {@code na_rep}),
 * infinities as {@code inf} / {@code -inf}.
 */
public final class PythonFloat {

	private PythonFloat() {}

	public static String repr(final double v) {
		if (Double.isNaN(v))
			return "";
		if (Double.isInfinite(v))
			return v > 0 ? "inf" : "-inf";
		if (v == 0)
			return (Double.doubleToRawLongBits(v) < 0) ? "-0.0" : "0.0";
		final String java = Double.toString(Math.abs(v));
		return layout(v < 0, Math.abs(v), significantDigits(java), firstDigitExponent(java));
	}

	/**
	 * The significant digits of {@link Double#toString(double)}'s output for a
	 * positive finite value, without leading or trailing zeros
	 * ({@code "1.2300E-5"} gives {@code "123"}).
	 */
	static String significantDigits(final String java) {
		final StringBuilder sb = new StringBuilder(20);
		final int end = exponentMark(java);
		for (int i = 0; i < end; i++) {
			final char c = java.charAt(i);
			if (c != '.' && (c != '0' || sb.length() > 0))
				sb.append(c);
		}
		int n = sb.length();
		while (n > 1 && sb.charAt(n - 1) == '0')
			n--;
		sb.setLength(Math.max(1, n));
		return sb.toString();
	}

	/** The decimal exponent of the first significant digit of {@link Double#toString(double)}'s output ({@code "0.00123"} gives -3). */
	static int firstDigitExponent(final String java) {
		final int end = exponentMark(java);
		final int exp10 = end < java.length() ? Integer.parseInt(java.substring(end + 1)) : 0;
		final int dot = java.indexOf('.');
		int first = 0;
		while (first < end && (java.charAt(first) == '0' || java.charAt(first) == '.'))
			first++;
		// digits between the first significant one and the point
		return (first < dot ? dot - first - 1 : dot - first) + exp10;
	}

	private static int exponentMark(final String java) {
		final int e = java.indexOf('E');
		return e < 0 ? java.length() : e;
	}

	/**
	 * Python's layout of a value given its digits (no trailing zeros) and the
	 * decimal exponent of the first one, after shortening the digits as far
	 * as the value still round-trips.
	 */
	static String layout(final boolean negative, final double abs, final String significant, final int firstExponent) {
		String digits = significant;
		int exp = firstExponent;
		// Java 17's Double.toString is not always the shortest round-trip
		// string (Python's repr is): drop digits while the value survives.
		// A normal double's digits of 15 or fewer are already the shortest:
		// distinct decimals of at most 15 digits are distinct doubles.
		final int shortest = abs >= Double.MIN_NORMAL ? 15 : 1;
		while (digits.length() > shortest) {
			final String shorter = roundOff(digits);
			final int e = shorter.length() > digits.length() - 1 ? exp + 1 : exp;
			final String s = shorter.length() > digits.length() - 1 ? shorter.substring(0, shorter.length() - 1) : shorter;
			if (Double.parseDouble("0." + s + "E" + (e + 1)) != abs)
				break;
			digits = stripZeros(s);
			exp = e;
		}
		final StringBuilder sb = new StringBuilder(24);
		if (negative)
			sb.append('-');
		if (exp >= -5 + 1 && exp < 16) {
			if (exp >= 0) {
				if (digits.length() <= exp + 1) {
					sb.append(digits);
					for (int i = digits.length(); i <= exp; i++)
						sb.append('0');
					sb.append(".0");
				}
				else {
					sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
				}
			}
			else {
				sb.append("0.");
				for (int i = -1; i > exp; i--)
					sb.append('0');
				sb.append(digits);
			}
		}
		else {
			sb.append(digits.charAt(0));
			if (digits.length() > 1)
				sb.append('.').append(digits, 1, digits.length());
			sb.append('e').append(exp < 0 ? '-' : '+');
			final int a = Math.abs(exp);
			if (a < 10)
				sb.append('0');
			sb.append(a);
		}
		return sb.toString();
	}

	/** Rounds a digit string to one digit less (half up); may carry into a longer string ("99" -> "10" + carry). */
	private static String roundOff(final String digits) {
		final char[] c = digits.substring(0, digits.length() - 1).toCharArray();
		if (digits.charAt(digits.length() - 1) >= '5') {
			int i = c.length - 1;
			while (i >= 0) {
				if (c[i] == '9') {
					c[i] = '0';
					i--;
				}
				else {
					c[i]++;
					break;
				}
			}
			if (i < 0)
				return "1" + new String(c);
		}
		return new String(c);
	}

	private static String stripZeros(final String s) {
		int end = s.length();
		while (end > 1 && s.charAt(end - 1) == '0')
			end--;
		return s.substring(0, end);
	}
}
