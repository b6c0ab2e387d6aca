package io.github.parallellocate.io;

import java.math.BigDecimal;

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
		final BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
		String digits = d.unscaledValue().abs().toString();
		// exp is the decimal exponent of the first digit
		int exp = digits.length() - 1 - d.scale();
		// Java 17's Double.toString is not always the shortest round-trip
		// string (Python's repr is): drop digits while the value survives.
		while (digits.length() > 1) {
			final String shorter = roundOff(digits);
			final int e = shorter.length() > digits.length() - 1 ? exp + 1 : exp;
			final String s = shorter.length() > digits.length() - 1 ? shorter.substring(0, shorter.length() - 1) : shorter;
			if (Double.parseDouble("0." + s + "E" + (e + 1)) != Math.abs(v))
				break;
			digits = stripZeros(s);
			exp = e;
		}
		final StringBuilder sb = new StringBuilder();
		if (v < 0)
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
