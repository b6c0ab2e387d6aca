package io.github.parallellocate.io.csv;

import org.junit.jupiter.api.Test;

/**
 * {@link PythonFloat} equals the exact {@link ReprReference} on millions of
 * seeded random values: 500,000 of each kind like the CSV's columns (0..2000
 * with all digits, small values, integers, 15-17 digit decimals, short
 * decimals and their neighbours) and 100,000 each of random bits and
 * subnormals.
 */
class PythonFloatReferenceIT {

	@Test
	void millionsOfRandomValuesAsTheReference() {
		ReprReference.checkRandom(2, 500_000, 100_000);
	}
}
