package io.github.parallellocate.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ij.ImagePlus;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.testutil.PreviewTesting;

/**
 * The preview's accepted features are exactly what the core returns with the
 * filters, and the rejected ones are the rest of the unfiltered run, each
 * rejected for the right reason.
 */
class ClassificationTest {

	private static Plane plane;

	@BeforeAll
	static void open() {
		final ImagePlus imp = PreviewTesting.bulkWater(3);
		plane = PreviewTesting.plane(imp, 3);
	}

	static Stream<Arguments> filters() {
		final LocateParameters.Builder b = LocateParameters.builder(11).invert(true);
		return Stream.of(
			Arguments.of("no filter (minmass None = 0)", LocateParameters.builder(11).invert(true).build()),
			Arguments.of("minmass 20", LocateParameters.builder(11).invert(true).minmass(20.).build()),
			Arguments.of("minmass 150", LocateParameters.builder(11).invert(true).minmass(150.).build()),
			Arguments.of("maxsize 2.6", LocateParameters.builder(11).invert(true).maxsize(2.6).build()),
			Arguments.of("topn 40", LocateParameters.builder(11).invert(true).topn(40).build()),
			Arguments.of("topn 1", LocateParameters.builder(11).invert(true).topn(1).build()),
			Arguments.of("topn 0", LocateParameters.builder(11).invert(true).topn(0).build()),
			Arguments.of("minmass, maxsize and topn",
				b.minmass(30.).maxsize(2.8).topn(100).build()),
			Arguments.of("diameter 7, minmass 40", LocateParameters.builder(7).invert(true).minmass(40.).build()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("filters")
	void acceptedEqualsTheCoreWithFilters(final String name, final LocateParameters params) {
		final List<Feature> candidates = PreviewTesting.core(plane, Classification.unfiltered(params));
		final Classification c = Classification.classify(candidates, params);
		final List<Feature> expected = PreviewTesting.core(plane, params);
		assertEquals(expected, c.accepted(), name + ": accepted features (values and order)");
		assertEquals(candidates.size(), c.accepted().size() + c.rejected().size(), "every candidate is classified once");
		for (int i = 0; i < c.rejected().size(); i++)
			assertRejectedFor(c.rejected().get(i), c.reasons().get(i), params, c.accepted());
	}

	private static void assertRejectedFor(final Feature f, final Rejection reason, final LocateParameters p,
			final List<Feature> accepted) {
		switch (reason) {
			case MINMASS -> assertFalse(f.mass() > p.minmass(), "rejected by minmass: " + f);
			case MAXSIZE -> assertTrue(f.mass() > p.minmass() && !(f.size() < p.maxsize()), "rejected by maxsize: " + f);
			case TOPN -> {
				assertEquals((int) p.topn(), accepted.size(), "topn keeps exactly topn features");
				for (final Feature a : accepted)
					assertTrue(a.mass() >= f.mass(), "a feature cut by topn is no brighter than the kept ones");
			}
		}
	}

	@Test
	void withoutCharacterizePositionsAndMassesAreTheCores() {
		final LocateParameters params = LocateParameters.builder(11).invert(true).minmass(20.).characterize(false).build();
		final Classification c = Classification.classify(
			PreviewTesting.core(plane, Classification.unfiltered(params)), params);
		final List<Feature> expected = PreviewTesting.core(plane, params);
		assertEquals(expected.size(), c.accepted().size());
		for (int i = 0; i < expected.size(); i++) {
			assertEquals(expected.get(i).x(), c.accepted().get(i).x(), 0);
			assertEquals(expected.get(i).y(), c.accepted().get(i).y(), 0);
			assertEquals(expected.get(i).mass(), c.accepted().get(i).mass(), 0);
		}
	}

	@Test
	void changingOnlyAFilterReusesTheCandidates() {
		final PlanePreview preview = new PlanePreview();
		final List<Integer> reads = new ArrayList<>();
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(20.).build();
		final PreviewResult first = preview.preview("plane 3", () -> { reads.add(1); return plane; }, p);
		final PreviewResult second = preview.preview("plane 3", () -> { reads.add(1); return plane; },
			p.toBuilder().minmass(200.).topn(10).build());
		assertFalse(first.reused());
		assertTrue(second.reused());
		assertEquals(1, reads.size(), "the plane is located once");
		assertEquals(PreviewTesting.core(plane, p.toBuilder().minmass(200.).topn(10).build()), second.accepted());
		preview.preview("plane 3", () -> { reads.add(1); return plane; }, p.toBuilder().diameter(13).build());
		preview.preview("plane 4", () -> { reads.add(1); return plane; }, p.toBuilder().diameter(13).build());
		assertEquals(3, reads.size(), "a new diameter or plane locates again");
	}

	@Test
	void summaryCountsRejections() {
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(100.).build();
		final PreviewResult r = new PlanePreview().preview(1, () -> plane, p);
		final int rejected = r.classes().count(Rejection.MINMASS);
		assertTrue(rejected > 0);
		assertTrue(r.summary().startsWith(r.accepted().size() + " features, " + rejected + " rejected (minmass "
			+ rejected + ")"), r.summary());
	}
}
