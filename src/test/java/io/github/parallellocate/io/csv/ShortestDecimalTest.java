package io.github.parallellocate.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The pieces of {@link ShortestDecimal} against exact arithmetic, over every binary exponent of a double. */
class ShortestDecimalTest {

	private static final int MIN_Q = -1074;
	private static final int MAX_Q = 971;

	/** 10^k <= the rounding interval's width < 10^(k+1), for both shapes of interval. */
	@Test
	void scaleIsTheWidthsDecimalExponent() {
		for (int q = MIN_Q; q <= MAX_Q; q++) {
			for (final boolean asymmetric : new boolean[] { false, true }) {
				final BigDecimal width = pow2(q).multiply(asymmetric ? new BigDecimal("0.75") : BigDecimal.ONE);
				final int k = ShortestDecimal.scale(q, asymmetric);
				assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k).compareTo(width) <= 0, q + " " + asymmetric);
				assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k + 1).compareTo(width) > 0, q + " " + asymmetric);
			}
		}
	}

	/** The table: 126-bit significands rounded up, and a shift between 4 and 7 for every q (so x << h < 2^62). */
	@Test
	void powersOfTenAreRoundedUpTo126Bits() {
		for (int j = PowersOfTen.MIN; j <= PowersOfTen.MAX; j++) {
			final PowersOfTen.Power p = PowersOfTen.get(j);
			final BigInteger g = BigInteger.valueOf(p.hi).shiftLeft(63).or(BigInteger.valueOf(p.lo));
			assertEquals(126, g.bitLength(), "10^" + j);
			final BigDecimal pow = BigDecimal.ONE.scaleByPowerOfTen(j);
			final BigDecimal scale = pow2(p.exp);
			assertTrue(new BigDecimal(g).multiply(scale).compareTo(pow) >= 0, "10^" + j);
			assertTrue(new BigDecimal(g.subtract(BigInteger.ONE)).multiply(scale).compareTo(pow) < 0, "10^" + j);
		}
		for (int q = MIN_Q; q <= MAX_Q; q++) {
			for (final boolean asymmetric : new boolean[] { false, q > MIN_Q }) { // the smallest q has no closer neighbour below
				final int h = PowersOfTen.get(-ShortestDecimal.scale(q, asymmetric)).exp + q + 129;
				assertTrue(h >= 4 && h <= 7, "q " + q + ": shift " + h);
			}
		}
	}

	/** The 64-bit round-to-odd products equal the exact ones (both ends of the interval and the value). */
	@Test
	void roundToOddAsExactly() {
		final SplittableRandom r = new SplittableRandom(5);
		for (int i = 0; i < 200_000; i++) {
			final long bits = i % 2 == 0 ? r.nextLong(1, 0x7ff0_0000_0000_0000L)
				: Double.doubleToRawLongBits(i % 4 == 1 ? r.nextInt(1, 1 << 20) * Math.pow(2, r.nextInt(-60, 60)) : r.nextDouble() * 2000);
			final long fraction = bits & ((1L << 52) - 1);
			final int biased = (int) (bits >>> 52);
			final long c = biased == 0 ? fraction : fraction | 1L << 52;
			final int q = biased == 0 ? MIN_Q : biased - 1075;
			final boolean asymmetric = fraction == 0 && biased > 1;
			final int k = ShortestDecimal.scale(q, asymmetric);
			final PowersOfTen.Power p = PowersOfTen.get(-k);
			for (final long x : new long[] { 4 * c - 2, 4 * c - 1, 4 * c, 4 * c + 2 })
				assertEquals(ShortestDecimal.roundToOddExactly(x, q, k), ShortestDecimal.roundToOdd(x, p.exp + q + 129, p.hi, p.lo, q, k),
					Long.toHexString(bits) + " x " + x);
		}
	}

	@Test
	void integersAreRecognised() {
		assertTrue(ShortestDecimal.isInteger(25, 2, 2)); // 25 * 4 / 100
		assertTrue(!ShortestDecimal.isInteger(25, 1, 2)); // 50 / 100
		assertTrue(ShortestDecimal.isInteger(3, -1, -1)); // 3 / 2 * 10
		assertTrue(!ShortestDecimal.isInteger(3, -2, -1)); // 3 / 4 * 10
	}

	private static BigDecimal pow2(final int e) {
		return e >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(e)) : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
	}
}
