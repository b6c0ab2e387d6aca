package io.github.parallellocate.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Python's {@code repr(float)} the slow, obviously correct way, from the
 * definition: with exact {@link BigDecimal} arithmetic, find the fewest
 * significant digits n for which some n-digit decimal lies in the double's
 * rounding interval (half-way to each neighbour, ends included when the
 * significand is even); of the at most two candidates (v rounded down and up
 * to n digits) take the one inside, the closer if both are, the even one on
 * a tie. Then Python's layout, from the decimal's plain string.
 */
final class ReprReference {

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private ReprReference() {}

	static String repr(final double v) {
		if (Double.isNaN(v))
			return "";
		if (Double.isInfinite(v))
			return v > 0 ? "inf" : "-inf";
		if (v == 0)
			return 1 / v < 0 ? "-0.0" : "0.0";
		final String s = layout(shortest(Math.abs(v)));
		return v < 0 ? "-" + s : s;
	}

	/** The shortest closest decimal that reads back as a positive finite v. */
	static BigDecimal shortest(final double v) {
		final Interval r = new Interval(v);
		// 17 digits always suffice for a double, and most need 16 or 17: try 16 first
		if (r.candidate(16) == null)
			return r.candidate(17);
		int lo = 1;
		int hi = 16;
		while (lo < hi) { // fewest digits with a candidate inside: "n digits suffice" only grows with n
			final int mid = (lo + hi) / 2;
			if (r.candidate(mid) != null)
				hi = mid;
			else
				lo = mid + 1;
		}
		return r.candidate(lo);
	}

	/** Python's layout of a positive decimal. */
	static String layout(final BigDecimal d) {
		final BigDecimal s = d.stripTrailingZeros();
		final String digits = s.unscaledValue().toString();
		final int exp = digits.length() - 1 - s.scale();
		if (exp >= -4 && exp < 16) {
			final String plain = s.toPlainString();
			return plain.contains(".") ? plain : plain + ".0";
		}
		final String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
		final String e = Integer.toString(Math.abs(exp));
		return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
	}

	/** The decimals that read back as v: between the midpoints to its neighbours. */
	private static final class Interval {
		final BigDecimal value;
		final BigDecimal lower;
		final BigDecimal upper;
		final boolean closed;

		Interval(final double v) {
			value = new BigDecimal(v);
			lower = value.subtract(value.subtract(new BigDecimal(Math.nextDown(v))).multiply(HALF));
			upper = value.add(new BigDecimal(Math.ulp(v)).multiply(HALF));
			closed = (Double.doubleToRawLongBits(v) & 1) == 0;
		}

		boolean contains(final BigDecimal d) {
			final int l = d.compareTo(lower);
			final int u = d.compareTo(upper);
			return (l > 0 || closed && l == 0) && (u < 0 || closed && u == 0);
		}

		/** The n-digit decimal inside and closest to v (even last digit on a tie), or null. */
		BigDecimal candidate(final int n) {
			final BigDecimal down = value.round(new MathContext(n, RoundingMode.FLOOR));
			final BigDecimal up = value.round(new MathContext(n, RoundingMode.CEILING));
			final boolean downIn = contains(down);
			final boolean upIn = contains(up);
			if (!downIn || !upIn)
				return downIn ? down : upIn ? up : null;
			final int c = value.subtract(down).compareTo(up.subtract(value));
			if (c != 0)
				return c < 0 ? down : up;
			return down.unscaledValue().testBit(0) ? up : down;
		}
	}

	/**
	 * Checks {@link PythonFloat} against the reference on seeded random values:
	 * {@code perKind} of each of the kinds like the CSV's columns, and
	 * {@code perCostlyKind} of random bits and subnormals (their exact
	 * decimals have hundreds of digits: slow for the reference). Runs on all
	 * cores.
	 */
	static void checkRandom(final long seed, final int perKind, final int perCostlyKind) {
		IntStream.range(0, KINDS).parallel().forEach(kind -> {
			final SplittableRandom r = new SplittableRandom(seed * KINDS + kind);
			final int n = kind == 0 || kind == 4 ? perCostlyKind : perKind;
			for (int i = 0; i < n; i++)
				check(randomValue(r, kind));
		});
	}

	private static final int KINDS = 8;

	/** A random value of one of {@link #KINDS} kinds. */
	static double randomValue(final SplittableRandom r, final int kind) {
		switch (kind) {
			case 0: // any finite bits
				final double v = Double.longBitsToDouble(r.nextLong());
				return Double.isFinite(v) ? v : r.nextDouble();
			case 1: // coordinates and masses: 0..2000 with all digits
				return r.nextDouble() * 2000;
			case 2: // small values such as ep and ecc
				return r.nextDouble() * Math.pow(10, -r.nextInt(1, 8));
			case 3: // integers such as raw_mass, and large ones
				return r.nextBoolean() ? r.nextInt(100_000) : (double) r.nextLong(1L << 62);
			case 4: // subnormals
				return Double.longBitsToDouble(r.nextLong(1L, 1L << 52));
			case 5: // 15, 16 or 17 significant digits at a random exponent
				return Double.parseDouble(randomDigits(r, 15 + r.nextInt(3)) + "e" + r.nextInt(-30, 30));
			case 6: // short decimals (1-8 digits) in the columns' range
				return Double.parseDouble(randomDigits(r, r.nextInt(1, 9)) + "e" + r.nextInt(-8, 4));
			default: // neighbours of short decimals (the hardest to shorten)
				final double d = Double.parseDouble(randomDigits(r, r.nextInt(1, 12)) + "e" + r.nextInt(-20, 20));
				return r.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
		}
	}

	/** "d.ddd" with the given number of significant digits, the first not zero. */
	static String randomDigits(final SplittableRandom r, final int digits) {
		final StringBuilder sb = new StringBuilder().append(1 + r.nextInt(9)).append('.');
		for (int i = 1; i < digits; i++)
			sb.append(r.nextInt(10));
		return sb.toString();
	}

	/** Asserts that {@link PythonFloat} formats v and -v as the reference does (String and byte forms). */
	static void check(final double v) {
		final String expected = repr(v);
		final String got = PythonFloat.repr(v);
		if (!expected.equals(got))
			assertEquals(expected, got, "repr of " + Double.toHexString(v) + " (" + v + ")");
		// the negative, written into the middle of a buffer
		final String negative = expected.startsWith("-") ? expected.substring(1) : expected.isEmpty() ? "" : "-" + expected;
		final byte[] buf = new byte[3 + PythonFloat.MAX_LENGTH];
		final int end = PythonFloat.write(-v, buf, 3);
		final String written = new String(buf, 3, end - 3, StandardCharsets.ISO_8859_1);
		if (!negative.equals(written))
			assertEquals(negative, written, "repr of " + Double.toHexString(-v));
	}
}
