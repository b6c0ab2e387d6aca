package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Run by the build's {@code scalar-kernels} surefire execution, with the
 * parity suites, under {@code -Dparallellocate.vector=false}: the suites then
 * check the scalar band pass, the one a JVM without the Vector API runs.
 */
class ScalarKernelsTest {

	@Test
	void theSwitchTurnsTheVectorKernelsOff() {
		if ("false".equals(System.getProperty(Simd.PROPERTY)))
			assertFalse(Simd.enabled(), Simd.describe());
	}
}
