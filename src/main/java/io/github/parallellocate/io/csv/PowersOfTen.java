package io.github.parallellocate.io.csv;

import java.math.BigInteger;

/**
 * The powers of ten {@code 10^j}, {@code -292 <= j <= 324} (all that
 * {@link ShortestDecimal} needs for doubles), each as a 126-bit significand
 * {@code G} in {@code [2^125, 2^126)} and a binary exponent {@code e} with
 * {@code G * 2^e >= 10^j > (G - 1) * 2^e}: G is rounded up, so
 * {@code 0 <= G * 2^e - 10^j < 2^e}. G is kept as two non-negative 63-bit
 * halves, {@code G = hi * 2^63 + lo}, so that products with them need only
 * signed {@link Math#multiplyHigh}.
 * <p>
 * Each power is computed exactly with {@link BigInteger} when first needed
 * (a CSV needs a handful of them; the whole table would cost some 20 ms of
 * start-up) and then kept. Threads may race to compute the same power: they
 * store equal, immutable values.
 * </p>
 */
final class PowersOfTen {

	/** The smallest exponent j in the table. */
	static final int MIN = -292;
	/** The largest exponent j in the table. */
	static final int MAX = 324;

	private static final long MASK63 = Long.MAX_VALUE;
	private static final int BITS = 126;
	private static final Power[] TABLE = new Power[MAX - MIN + 1];

	/** One power of ten: {@code 10^j ~ (hi * 2^63 + lo) * 2^exp}. Immutable, so safely shared without locks. */
	static final class Power {
		final long hi;
		final long lo;
		final int exp;

		private Power(final long hi, final long lo, final int exp) {
			this.hi = hi;
			this.lo = lo;
			this.exp = exp;
		}
	}

	private PowersOfTen() {}

	/** 10^j, {@link #MIN} &le; j &le; {@link #MAX}. */
	static Power get(final int j) {
		final Power p = TABLE[j - MIN];
		return p != null ? p : compute(j);
	}

	private static Power compute(final int j) {
		final Power p;
		if (j >= 0) {
			p = round(BigInteger.TEN.pow(j), 0, BigInteger.ONE);
		}
		else {
			// 10^j = 2^(125 + L) / 10^-j * 2^-(125 + L), 10^-j having L bits: the quotient lies in (2^125, 2^126)
			final BigInteger pow = BigInteger.TEN.pow(-j);
			final int shift = BITS - 1 + pow.bitLength();
			p = round(BigInteger.ONE.shiftLeft(shift), shift, pow);
		}
		TABLE[j - MIN] = p;
		return p;
	}

	/** 10^j = num / den * 2^-shift, with G = ceil(num / den) brought to 126 bits (rounding up). */
	private static Power round(final BigInteger num, final int shift, final BigInteger den) {
		final BigInteger[] qr = num.divideAndRemainder(den);
		BigInteger g = qr[0];
		boolean inexact = qr[1].signum() != 0;
		final int excess = g.bitLength() - BITS;
		if (excess > 0) {
			inexact |= g.getLowestSetBit() < excess;
			g = g.shiftRight(excess);
		}
		else {
			g = g.shiftLeft(-excess);
		}
		int e = excess - shift;
		if (inexact)
			g = g.add(BigInteger.ONE);
		if (g.bitLength() > BITS) { // rounding up carried to 2^126
			g = g.shiftRight(1);
			e++;
		}
		return new Power(g.shiftRight(63).longValueExact(), g.longValue() & MASK63, e);
	}
}
