package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exact shortcuts the bandpass takes for speed. */
class BandpassArithmeticTest {

	@Test
	void nudgedFloorOfTheReciprocalProductIsTheIntegerQuotient() {
		for (int s = 1; s < 1 << 24; s = s < 256 ? s + 2 : s < 2048 ? s + 97 : s < 4000 ? (1 << 24) - 1 : 1 << 24) {
			final double inverse = 1. / s;
			final long max = 65535L * s; // a boxcar sum of 16-bit pixels
			// every sum near a multiple of s, and a sweep
			for (long k = 0; k * s <= max; k += Math.max(1, (max / s) / 4000)) {
				for (long t = Math.max(0, k * s - 1); t <= Math.min(max, k * s + 1); t++)
					assertEquals(t / s, (long) Math.floor(t * inverse + RowKernels.QUOTIENT_NUDGE), "t=" + t + " s=" + s);
			}
			for (long t = Math.max(0, max - 3 * Math.min(s, 300)); t <= max; t++) // the largest sums
				assertEquals(t / s, (long) Math.floor(t * inverse + RowKernels.QUOTIENT_NUDGE), "t=" + t + " s=" + s);
		}
	}

	@Test
	void keepAtLeastIsTheThresholdSelect() {
		final double[] values = { 0, -0.0, 1, 0.999999, 1.000001, -5, 3.5, 1e-300, Double.MIN_VALUE, 255, -1e300, 1e300 };
		final double[] thresholds = { 1, 0, -1, 1 / 255., 3.5, 1e-300, -1e300, Math.nextUp(1.) };
		for (final double t : thresholds)
			for (final double v : values)
				assertEquals(0, Double.compare(v >= t ? v + 0.0 : 0.0, RowKernels.keepAtLeast(v, t) + 0.0), "v=" + v + " t=" + t);
	}
}
