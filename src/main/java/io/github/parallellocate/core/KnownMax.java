package io.github.parallellocate.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest value of a band pass known while its single pass runs
 * ({@link Bandpass}, {@link NdLocator}): it grows as the pass finds larger row
 * maxima, from any thread; or it is fixed (the pass that does rows again with
 * the image's maximum).
 */
final class KnownMax {

	private final AtomicLong bits;
	private final boolean fixed;

	KnownMax(final double v, final boolean fixed) {
		bits = new AtomicLong(Double.doubleToRawLongBits(v));
		this.fixed = fixed;
	}

	double value() {
		return Double.longBitsToDouble(bits.get());
	}

	/** The largest value known, made at least {@code v} (unless fixed). */
	double atLeast(final double v) {
		for (;;) {
			final long b = bits.get();
			final double known = Double.longBitsToDouble(b);
			if (fixed || !(v > known))
				return known;
			if (bits.compareAndSet(b, Double.doubleToRawLongBits(v)))
				return v;
		}
	}
}
