package io.github.parallellocate.io;

import java.math.BigInteger;

/**
 * The powers of ten {@code 10^j}, {@code -292 <= j <= 324} (all that
 * {@link ShortestDecimal} needs for doubles), each as a 126-bit significand
 * {@code G} in {@code [2^125, 2^126)} and a binary exponent {@code e} with
 * {@code G * 2^e >= 10^j > (G - 1) * 2^e}: G is rounded up, so
 * {@code 0 <= G * 2^e - 10^j < 2^e}. G is stored as two non-negative 63-bit
 * halves, {@code G = hi * 2^63 + lo}, so that products with them need only
 * signed {@link Math#multiplyHigh}. Computed exactly with {@link BigInteger}
 * when the class is loaded.
 */
final class PowersOfTen {

	/** The smallest exponent j in the table. */
	static final int MIN = -292;
	/** The largest exponent j in the table. */
	static final int MAX = 324;

	private static final long MASK63 = Long.MAX_VALUE;
	private static final int BITS = 126;

	/** Upper 63 bits of G for 10^(MIN + i). */
	private static final long[] HI = new long[MAX - MIN + 1];
	/** Lower 63 bits of G for 10^(MIN + i). */
	private static final long[] LO = new long[MAX - MIN + 1];
	/** Binary exponent e for 10^(MIN + i). */
	private static final int[] EXP = new int[MAX - MIN + 1];

	static {
		BigInteger pow = BigInteger.ONE;
		for (int j = 0; j <= Math.max(MAX, -MIN); j++) {
			if (j <= MAX)
				store(j, pow, 0);
			if (j > 0 && -j >= MIN) {
				// 10^-j = 2^(125 + L) / pow * 2^-(125 + L), pow having L bits, lies in (2^125, 2^126]
				final int shift = BITS - 1 + pow.bitLength();
				store(-j, BigInteger.ONE.shiftLeft(shift), shift, pow);
			}
			pow = pow.multiply(BigInteger.TEN);
		}
	}

	private PowersOfTen() {}

	/** Stores 10^j = pow * 2^-shift for a non-negative j (pow an integer). */
	private static void store(final int j, final BigInteger pow, final int shift) {
		store(j, pow, shift, BigInteger.ONE);
	}

	/** Stores 10^j = num / den * 2^-shift, with G = ceil(num / den) brought to 126 bits (rounding up). */
	private static void store(final int j, final BigInteger num, final int shift, final BigInteger den) {
		final BigInteger[] qr = num.divideAndRemainder(den);
		BigInteger g = qr[0];
		boolean inexact = qr[1].signum() != 0;
		int e = -shift;
		final int excess = g.bitLength() - BITS;
		if (excess > 0) {
			inexact |= g.getLowestSetBit() < excess;
			g = g.shiftRight(excess);
			e += excess;
		}
		else {
			g = g.shiftLeft(-excess);
			e += excess;
		}
		if (inexact)
			g = g.add(BigInteger.ONE);
		if (g.bitLength() > BITS) { // rounding up carried to 2^126
			g = g.shiftRight(1);
			e++;
		}
		final int i = j - MIN;
		HI[i] = g.shiftRight(63).longValueExact();
		LO[i] = g.longValue() & MASK63;
		EXP[i] = e;
	}

	/** Upper 63 bits of 10^j's significand. */
	static long hi(final int j) {
		return HI[j - MIN];
	}

	/** Lower 63 bits of 10^j's significand. */
	static long lo(final int j) {
		return LO[j - MIN];
	}

	/** Binary exponent of 10^j's significand. */
	static int exponent(final int j) {
		return EXP[j - MIN];
	}
}
