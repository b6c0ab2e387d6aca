package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.robust.CorePropertyTest;

/**
 * The two paths of {@link FeatureLocator} agree bit for bit on planes with
 * isotropic parameters: the tuned 2D path ({@link PlaneLocator}) and the
 * N-dimensional one ({@link NdLocator}), on the random planes and
 * parameters of {@link CorePropertyTest} (all pixel types, degenerate
 * planes, every parameter).
 */
class PathsAgreeTest {

	static Stream<CorePropertyTest.Case> cases() {
		return CorePropertyTest.cases();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void theNdPathGivesThePlanePathsFeatures(final CorePropertyTest.Case c) {
		final LocateParameters p = c.params();
		if (p.diameter().uniform() > Math.min(c.width(), c.height()))
			return;
		final PlaneLocator plane = new PlaneLocator(p);
		final NdLocator nd = new NdLocator(p, 2);
		for (final Plane image : c.planes())
			assertEquals(plane.locate(image), nd.locate(image), c.toString());
	}
}
