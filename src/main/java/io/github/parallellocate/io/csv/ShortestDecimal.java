package io.github.parallellocate.io.csv;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back as a given double (round half to even,
 * as every correct parser reads), and of those the closest to it (ties to an
 * even last digit): Python's {@code repr} digits, David Gay's "mode 0".
 * <p>
 * The method follows the idea of Raffaello Giulietti's Schubfach ("The
 * Schubfach way to render doubles", 2020), written anew here. A positive
 * double is {@code v = c * 2^q}; the decimals that read back as v fill the
 * rounding interval around it, {@code [(4c - 2) * 2^(q-2), (4c + 2) * 2^(q-2)]}
 * (lower end {@code (4c - 1) * 2^(q-2)} when c is a power of two with a
 * closer neighbour below), closed when c is even. With the decimal scale
 * {@code k = floor(log10(width))} the interval is between 1 and 10 units of
 * {@code 10^k} wide, so it holds at most one multiple of {@code 10^(k+1)}
 * (then that is the unique shortest decimal) and otherwise at least one of
 * {@code s = floor(v / 10^k)} and {@code s + 1} (then the shortest is the one
 * of them inside and closest to v). The three numbers
 * {@code u = x * 2^q / 10^k} for {@code x = 4c} and the two ends are needed
 * as {@code floor(u)} plus one sticky bit for "not an integer" ("round to
 * odd"); that suffices to compare them exactly with {@code 4n} and
 * {@code 4n + 2}. They are computed with the 126-bit {@link PowersOfTen} in
 * 64-bit arithmetic; whenever the truncation error could matter (the product
 * is within its error bound of an integer) an exact test for integrality
 * decides, and if that cannot, {@link BigInteger} does.
 * </p>
 */
final class ShortestDecimal {

	/** {@code floor(log10(2) * 2^41)}: {@code floor(q * log10(2)) = (q * LOG10_2) >> 41} for every double's q. */
	private static final long LOG10_2 = 661_971_961_083L;
	/** {@code ceil(log10(4/3) * 2^41)}: {@code floor(log10(3/4 * 2^q)) = (q * LOG10_2 - LOG10_4_3) >> 41}. */
	private static final long LOG10_4_3 = 274_743_187_321L;
	private static final long MASK63 = Long.MAX_VALUE;
	/** 5^i for i < 24 (5^24 exceeds every x). */
	private static final long[] POW5 = new long[24];

	static {
		POW5[0] = 1;
		for (int i = 1; i < POW5.length; i++)
			POW5[i] = 5 * POW5[i - 1];
	}

	private ShortestDecimal() {}

	/**
	 * The decimal scale k of a positive double {@code c * 2^q} (c its
	 * significand, with the hidden bit): {@link #digits} are in units of 10^k.
	 *
	 * @param asymmetric whether the neighbour below is closer (c = 2^52 and v not the smallest normal)
	 */
	static int scale(final int q, final boolean asymmetric) {
		return (int) ((q * LOG10_2 - (asymmetric ? LOG10_4_3 : 0)) >> 41);
	}

	/**
	 * The shortest digits of {@code c * 2^q} that read back as it, closest to
	 * it, as an integer in units of {@code 10^k} (possibly with trailing
	 * zeros; at most 17 significant digits).
	 *
	 * @param k {@link #scale(int, boolean)}
	 */
	static long digits(final long c, final int q, final boolean asymmetric, final int k) {
		final PowersOfTen.Power pow = PowersOfTen.get(-k);
		final long g1 = pow.hi;
		final long g0 = pow.lo;
		final int h = pow.exp + q + 129;
		final long cb = c << 2;
		final long vb = roundToOdd(cb, h, g1, g0, q, k);
		final long vbl = roundToOdd(cb - (asymmetric ? 1 : 2), h, g1, g0, q, k);
		final long vbr = roundToOdd(cb + 2, h, g1, g0, q, k);
		final boolean closed = (c & 1) == 0;
		final long s = vb >> 2;
		// one multiple of 10 inside: the only decimal one digit shorter
		final long sp10 = s / 10 * 10;
		if (aboveLower(sp10, vbl, closed))
			return sp10;
		final long tp10 = sp10 + 10;
		if (belowUpper(tp10, vbr, closed))
			return tp10;
		final boolean sIn = aboveLower(s, vbl, closed);
		final boolean tIn = belowUpper(s + 1, vbr, closed);
		if (sIn && tIn) {
			final long mid = 4 * s + 2; // compared with 4v / 10^k, exactly
			return vb < mid || vb == mid && (s & 1) == 0 ? s : s + 1;
		}
		return sIn ? s : s + 1;
	}

	private static boolean aboveLower(final long n, final long vbl, final boolean closed) {
		return 4 * n > vbl || closed && 4 * n == vbl;
	}

	private static boolean belowUpper(final long n, final long vbr, final boolean closed) {
		return 4 * n < vbr || closed && 4 * n == vbr;
	}

	/**
	 * {@code u = x * 2^q / 10^k} rounded to odd: {@code floor(u)}, or'ed with 1
	 * if u is not an integer. Comparisons of the result with even integers
	 * are those of u.
	 * <p>
	 * With {@code 10^-k = (g1 * 2^63 + g0) * 2^e} rounded up and
	 * {@code h = e + q + 129} (between 4 and 7 for every double, so {@code x << h < 2^62}), the product
	 * {@code p = (x << h) * G} is {@code u * 2^129} plus less than
	 * {@code x << h}. So the integer part of {@code p / 2^129} is floor(u), and
	 * a fraction of at least {@code x << h} proves u is not an integer.
	 * </p>
	 */
	static long roundToOdd(final long x, final int h, final long g1, final long g0, final int q, final int k) {
		final long xs = x << h;
		final long lo0 = xs * g0;
		final long lo1 = xs * g1;
		// xs * g0 = a1 * 2^63 + a0 and xs * g1 = b1 * 2^63 + b0, all non-negative
		final long a1 = Math.multiplyHigh(xs, g0) << 1 | lo0 >>> 63;
		final long b1 = Math.multiplyHigh(xs, g1) << 1 | lo1 >>> 63;
		final long mid = (lo1 & MASK63) + a1;
		// p = p2 * 2^126 + p1 * 2^63 + p0
		final long p2 = b1 + (mid >>> 63);
		final long p1 = mid & MASK63;
		final long p0 = lo0 & MASK63;
		final long floor = p2 >>> 3;
		if ((p2 & 7) != 0 || p1 != 0 || p0 >= xs)
			return floor | 1;
		if (isInteger(x, q, k))
			return floor;
		return roundToOddExactly(x, q, k);
	}

	/** Whether {@code x * 2^q / 10^k} is an integer (x positive, below 2^55). */
	static boolean isInteger(final long x, final int q, final int k) {
		final boolean twos = q - k >= 0 || Long.numberOfTrailingZeros(x) >= k - q;
		if (k <= 0)
			return twos; // x * 5^-k * 2^(q-k)
		return twos && k < POW5.length && x % POW5[k] == 0; // x * 2^(q-k) / 5^k
	}

	/** {@link #roundToOdd} with {@link BigInteger}: exact, slow, for products too close to an integer to decide otherwise. */
	static long roundToOddExactly(final long x, final int q, final int k) {
		BigInteger num = BigInteger.valueOf(x).shiftLeft(Math.max(q, 0));
		BigInteger den = BigInteger.ONE.shiftLeft(Math.max(-q, 0));
		if (k <= 0)
			num = num.multiply(BigInteger.TEN.pow(-k));
		else
			den = den.multiply(BigInteger.TEN.pow(k));
		final BigInteger[] qr = num.divideAndRemainder(den);
		return qr[0].longValueExact() | (qr[1].signum() != 0 ? 1 : 0);
	}
}
