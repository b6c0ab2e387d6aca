package io.github.parallellocate.io.csv;

import java.nio.charset.StandardCharsets;

/**
 * Formats doubles the way Python's {@code repr(float)} (and so pandas'
 * {@code to_csv}) does: the shortest digits that round-trip
 * ({@link ShortestDecimal}), positional notation for decimal exponents
 * -4 &le; e &lt; 16, otherwise {@code 1.5e-05} style; {@code NaN} as the
 * empty string (pandas' default {@code na_rep}), infinities as {@code inf} /
 * {@code -inf}.
 * <p>
 * {@link #write(double, byte[], int)} writes ASCII into a byte array without
 * allocating; {@link #repr(double)} makes a String.
 * </p>
 */
public final class PythonFloat {

	/** The longest output, e.g. {@code -2.2250738585072014e-308}. */
	public static final int MAX_LENGTH = 24;

	private static final int SIGNIFICAND_BITS = 52;
	private static final long HIDDEN_BIT = 1L << SIGNIFICAND_BITS;
	/** q of subnormals and of the smallest normals. */
	private static final int MIN_Q = -1074;
	/** Two ASCII digits for each of 0..99. */
	private static final byte[] PAIRS = new byte[200];
	private static final long[] POW10 = new long[19];

	static {
		for (int i = 0; i < 100; i++) {
			PAIRS[2 * i] = (byte) ('0' + i / 10);
			PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
		}
		POW10[0] = 1;
		for (int i = 1; i < POW10.length; i++)
			POW10[i] = 10 * POW10[i - 1];
	}

	private PythonFloat() {}

	public static String repr(final double v) {
		final byte[] b = new byte[MAX_LENGTH];
		return new String(b, 0, write(v, b, 0), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Writes {@code repr(v)} as ASCII.
	 *
	 * @param dst room for {@link #MAX_LENGTH} bytes from {@code at}
	 * @return the index after the last byte written
	 */
	public static int write(final double v, final byte[] dst, final int at) {
		final long bits = Double.doubleToRawLongBits(v);
		final int biased = (int) (bits >>> SIGNIFICAND_BITS) & 0x7ff;
		final long fraction = bits & (HIDDEN_BIT - 1);
		int i = at;
		if (biased == 0x7ff)
			return fraction != 0 ? i : special(bits < 0 ? "-inf" : "inf", dst, i);
		if (bits < 0)
			dst[i++] = '-';
		if (biased == 0 && fraction == 0)
			return special("0.0", dst, i);
		final long c = biased == 0 ? fraction : fraction | HIDDEN_BIT;
		final int q = biased == 0 ? MIN_Q : biased - 1075;
		if (q <= 0 && q > -SIGNIFICAND_BITS - 1 && (c & ((1L << -q) - 1)) == 0)
			return layout(c >> -q, 0, dst, i); // an integer below 2^53: its own digits are the shortest
		final boolean asymmetric = fraction == 0 && biased > 1;
		final int k = ShortestDecimal.scale(q, asymmetric);
		return layout(ShortestDecimal.digits(c, q, asymmetric, k), k, dst, i);
	}

	private static int special(final String s, final byte[] dst, final int at) {
		for (int j = 0; j < s.length(); j++)
			dst[at + j] = (byte) s.charAt(j);
		return at + s.length();
	}

	/**
	 * Python's layout of {@code n * 10^k} (n positive, at most 17 significant
	 * digits): {@code d.ddde+XX} outside -4 &le; e &lt; 16 (e the first digit's
	 * exponent), else {@code 0.000ddd}, {@code ddd000.0} or {@code dd.ddd}.
	 * The digits are written by one call, shifted where a point goes among
	 * them (small code: the JIT compiles it quickly).
	 */
	private static int layout(final long digits, final int scale, final byte[] dst, final int at) {
		long n = digits;
		int k = scale;
		while (n % 10 == 0) {
			n /= 10;
			k++;
		}
		final int len = length(n);
		final int exp = k + len - 1;
		final boolean scientific = exp < -4 || exp >= 16;
		int i = at;
		if (!scientific && exp < 0) { // 0.000ddd
			dst[i++] = '0';
			dst[i++] = '.';
			for (int z = -1; z > exp; z--)
				dst[i++] = '0';
		}
		// the integer part moves one to the left to make room for the point
		final int point = scientific ? 0 : exp < len - 1 ? exp : -1;
		writeDigits(n, dst, point >= 0 ? i + 1 : i, len);
		if (point >= 0) {
			System.arraycopy(dst, i + 1, dst, i, point + 1);
			dst[i + point + 1] = '.';
			i++;
		}
		i += len;
		if (scientific)
			return exponent(exp, dst, len > 1 ? i : i - 1);
		if (exp >= len - 1) { // ddd000.0
			for (int z = len; z <= exp; z++)
				dst[i++] = '0';
			dst[i++] = '.';
			dst[i++] = '0';
		}
		return i;
	}

	/** Writes {@code e+XX} / {@code e-XX} (at least two digits). */
	private static int exponent(final int exp, final byte[] dst, final int at) {
		int i = at;
		dst[i++] = 'e';
		dst[i++] = (byte) (exp < 0 ? '-' : '+');
		final int a = Math.abs(exp);
		if (a >= 100)
			dst[i++] = (byte) ('0' + a / 100);
		dst[i] = PAIRS[2 * (a % 100)];
		dst[i + 1] = PAIRS[2 * (a % 100) + 1];
		return i + 2;
	}

	/** Number of decimal digits of a positive n. */
	static int length(final long n) {
		// floor(bits * log10(2)) is the number of digits or one less
		final int t = (64 - Long.numberOfLeadingZeros(n)) * 1233 >>> 12;
		return n >= POW10[t] ? t + 1 : t;
	}

	/**
	 * Writes the len digits of n (non-negative, at most 17 digits) at
	 * dst[at, at + len): the last 8 and the others as two independent int
	 * computations, two digits at a time.
	 */
	static void writeDigits(final long n, final byte[] dst, final int at, final int len) {
		int end = at + len;
		long m = n;
		if (len > 8) {
			final long high = m / 100_000_000;
			final int low = (int) (m - high * 100_000_000);
			final int a = low / 10_000;
			writeFour(a, dst, end - 8);
			writeFour(low - a * 10_000, dst, end - 4);
			end -= 8;
			m = high;
		}
		int r = (int) m;
		while (end - at >= 2) {
			final int q = r / 100;
			final int p = r - 100 * q;
			dst[--end] = PAIRS[2 * p + 1];
			dst[--end] = PAIRS[2 * p];
			r = q;
		}
		if (end > at)
			dst[at] = (byte) ('0' + r);
	}

	/** Writes v (below 10000) as four digits. */
	private static void writeFour(final int v, final byte[] dst, final int at) {
		final int a = v / 100;
		final int b = v - 100 * a;
		dst[at] = PAIRS[2 * a];
		dst[at + 1] = PAIRS[2 * a + 1];
		dst[at + 2] = PAIRS[2 * b];
		dst[at + 3] = PAIRS[2 * b + 1];
	}
}
