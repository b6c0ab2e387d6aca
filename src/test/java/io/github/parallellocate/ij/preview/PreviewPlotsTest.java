package io.github.parallellocate.ij.preview;

import io.github.parallellocate.testutil.PreviewTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ij.gui.Plot;
import io.github.parallellocate.analysis.Classification;
import io.github.parallellocate.analysis.PlanePreview;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;

/**
 * The plots' data (built headless): histogram counts equal counts taken
 * directly from the core's features, the filter lines sit at the parameter
 * values, and the bias plot carries the hint.
 */
class PreviewPlotsTest {

	private static Plane plane;

	@BeforeAll
	static void open() {
		plane = PreviewTesting.plane(PreviewTesting.bulkWater(1), 1);
	}

	/** Counts of {@code values} per bin of equal width over their own range, last bin closed. */
	private static double[] expectedCounts(final List<Feature> features, final ToDoubleFunction<Feature> value,
			final int bins) {
		final double min = features.stream().mapToDouble(value).min().orElseThrow();
		final double max = features.stream().mapToDouble(value).max().orElseThrow();
		final double[] counts = new double[bins];
		for (final Feature f : features) {
			final double v = value.applyAsDouble(f);
			int k = 0;
			while (k < bins - 1 && v >= min + (k + 1) * (max - min) / bins)
				k++;
			counts[k]++;
		}
		return counts;
	}

	private static void assertCounts(final double[] expected, final float[] actual) {
		assertEquals(expected.length, actual.length);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 0, "bin " + i);
	}

	@Test
	void massHistogramCountsTheCandidatesWithTheMinmassLine() {
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(60.).build();
		final PreviewResult r = new PlanePreview().preview(1, () -> plane, p);
		final Plot plot = PreviewPlots.mass(r);
		final List<Feature> candidates = PreviewTesting.core(plane, Classification.unfiltered(p));
		final float[][] bars = plot.getDataObjectArrays(0);
		assertCounts(expectedCounts(candidates, Feature::mass, PreviewPlots.BINS), bars[1]);
		final float[][] line = plot.getDataObjectArrays(1);
		assertEquals(60f, line[0][0]);
		assertEquals(60f, line[0][1]);
		assertEquals(0f, line[1][0]);
		assertTrue(line[1][1] >= max(bars[1]), "the line spans the bars");
		assertEquals(PreviewPlots.MASS_TITLE, plot.getTitle());
	}

	@Test
	void minmassNoneIsDrawnAtZero() {
		final PreviewResult r = new PlanePreview().preview(1, () -> plane, LocateParameters.builder(11).invert(true).build());
		assertEquals(0f, PreviewPlots.mass(r).getDataObjectArrays(1)[0][0]);
	}

	@Test
	void sizeHistogramWithAndWithoutMaxsize() {
		final LocateParameters p = LocateParameters.builder(11).invert(true).minmass(20.).build();
		final PreviewResult r = new PlanePreview().preview(1, () -> plane, p);
		final List<Feature> candidates = PreviewTesting.core(plane, Classification.unfiltered(p));
		final Plot plot = PreviewPlots.size(r);
		assertCounts(expectedCounts(candidates, Feature::size, PreviewPlots.BINS), plot.getDataObjectArrays(0)[1]);
		assertEquals(1, plot.getDataObjectDesignations().length, "no maxsize: no line");
		final Plot withMax = PreviewPlots.size(new PlanePreview().preview(1, () -> plane,
			p.toBuilder().maxsize(2.75).build()));
		assertEquals(2.75f, withMax.getDataObjectArrays(1)[0][0]);
	}

	@Test
	void biasPlotHistogramsTheCoresFeaturesAndHints() {
		final LocateParameters small = LocateParameters.builder(5).invert(true).minmass(20.).build();
		final Plot plot = PreviewPlots.bias(new PlanePreview().preview(1, () -> plane, small));
		final List<Feature> features = PreviewTesting.core(plane, small);
		final double[] xs = new double[10], ys = new double[10];
		for (final Feature f : features) {
			xs[(int) ((f.x() - Math.floor(f.x())) * 10)]++;
			ys[(int) ((f.y() - Math.floor(f.y())) * 10)]++;
		}
		assertCounts(xs, plot.getDataObjectArrays(0)[1]);
		assertCounts(ys, plot.getDataObjectArrays(1)[1]);
		assertTrue(String.join("\n", plot.getPlotObjectDesignations()).contains("diameter too small?"),
			String.join("\n", plot.getPlotObjectDesignations()));
		final Plot flat = PreviewPlots.bias(new PlanePreview().preview(1, () -> plane,
			small.toBuilder().diameter(11).build()));
		assertTrue(String.join("\n", flat.getPlotObjectDesignations()).contains("flat: diameter looks fine"));
	}

	@Test
	void wholeRunPlotsCoverEveryFrameWithTheCutLines() throws Exception {
		final ij.ImagePlus imp = PreviewTesting.bulkWater(5);
		final io.github.parallellocate.imagej.LocateResult result = io.github.parallellocate.imagej.Locator.run(imp,
			"diameter=11 minmass=40 invert");
		final List<Plot> plots = RunPlots.of(result);
		assertEquals(List.of("All frames: mass", "All frames: size", "All frames: sub-pixel bias"),
			plots.stream().map(Plot::getTitle).toList());
		final List<Feature> all = result.rows().stream().map(io.github.parallellocate.imagej.FeatureRow::feature).toList();
		assertTrue(result.summary().frames() == 5 && all.size() > 1000);
		assertCounts(expectedCounts(all, Feature::mass, PreviewPlots.BINS), plots.get(0).getDataObjectArrays(0)[1]);
		assertEquals(40f, plots.get(0).getDataObjectArrays(1)[0][0], "the minmass cut line");
		assertCounts(expectedCounts(all, Feature::size, PreviewPlots.BINS), plots.get(1).getDataObjectArrays(0)[1]);
		final double[] xs = new double[10];
		for (final Feature f : all)
			xs[(int) ((f.x() - Math.floor(f.x())) * 10)]++;
		assertCounts(xs, plots.get(2).getDataObjectArrays(0)[1]);
		// one stack: the plots as the slices of one window
		final ij.ImageStack stack = PlotWindows.stack(plots);
		assertEquals(3, stack.getSize());
		assertEquals("All frames: size", stack.getSliceLabel(2));
	}

	private static float max(final float[] v) {
		float m = 0;
		for (final float x : v)
			m = Math.max(m, x);
		return m;
	}
}
