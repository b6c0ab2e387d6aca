package io.github.parallellocate.ij.preview;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Plot;
import io.github.parallellocate.analysis.Histogram;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.analysis.SubpixelBias;
import io.github.parallellocate.core.Feature;

/**
 * The tuning plots of one previewed plane, as ImageJ {@link Plot}s that can
 * be built without a display. In each plot data object 0 is the histogram
 * (bin centres, counts; drawn as bars) and data object 1, when present, is
 * the vertical line of the current filter value ({@code minmass},
 * {@code maxsize}).
 * <ul>
 * <li>{@link #mass}: the mass of every candidate (before the filters), with
 * the {@code minmass} line: features left of it are rejected.</li>
 * <li>{@link #size}: the size of every candidate, with the {@code maxsize}
 * line if set.</li>
 * <li>{@link #bias}: trackpy's {@code subpx_bias} of the accepted features
 * (data objects 0 and 1 are x and y), with the hint of
 * {@link SubpixelBias#hint()}.</li>
 * </ul>
 */
public final class PreviewPlots {

	/** Bins of the mass and size histograms (as trackpy's walkthrough plots them). */
	public static final int BINS = 20;
	/** Plot titles, also the titles of their windows. */
	public static final String MASS_TITLE = "Preview: mass", SIZE_TITLE = "Preview: size",
			BIAS_TITLE = "Preview: sub-pixel bias";

	/** The title of the preview's plot window (one window, the plots as its slices). */
	public static final String PREVIEW_WINDOW = "Locate Features: preview plots";
	/** The prefix of the title of a run's plot window: "... of IMAGE". */
	public static final String RUN_WINDOW = "Locate Features: plots";

	private static final Color BARS = new Color(70, 70, 70);
	private static final Color LINE = new Color(220, 0, 220);

	private PreviewPlots() {}

	/**
	 * The plots of a whole run (every frame's features): the features are
	 * already filtered, so the histograms end at the filters' cut lines,
	 * which are drawn as in the preview.
	 */
	public static List<Plot> ofRun(final List<Feature> features, final io.github.parallellocate.core.LocateParameters params) {
		final PreviewResult r = new PreviewResult(params, features,
			io.github.parallellocate.analysis.Classification.classify(features, params), 0, false);
		return List.of(mass(r, "All frames: mass"), size(r, "All frames: size"), bias(r, "All frames: sub-pixel bias"));
	}

	/** The three plots: mass, size, sub-pixel bias. */
	public static List<Plot> all(final PreviewResult r) {
		return List.of(mass(r), size(r), bias(r));
	}

	/** The histogram of the candidates' mass with the {@code minmass} line. */
	public static Plot mass(final PreviewResult r) {
		return mass(r, MASS_TITLE);
	}

	private static Plot mass(final PreviewResult r, final String title) {
		final Histogram h = Histogram.spanning(values(r.candidates(), Feature::mass), BINS);
		return histogramPlot(title, "mass", h, r.params().minmass(), "minmass");
	}

	/** The histogram of the candidates' size with the {@code maxsize} line (if set). */
	public static Plot size(final PreviewResult r) {
		return size(r, SIZE_TITLE);
	}

	private static Plot size(final PreviewResult r, final String title) {
		final Histogram h = Histogram.spanning(values(r.candidates(), Feature::size), BINS);
		return histogramPlot(title, "size (radius of gyration, px)", h, r.params().maxsize(), "maxsize");
	}

	/** The histograms of the accepted features' {@code x % 1} and {@code y % 1}, with the hint. */
	public static Plot bias(final PreviewResult r) {
		return bias(r, BIAS_TITLE);
	}

	private static Plot bias(final PreviewResult r, final String title) {
		final SubpixelBias b = SubpixelBias.of(r.accepted());
		final Plot plot = new Plot(title, "fractional part of the position (px)", "count");
		plot.setColor(Color.BLUE);
		plot.add("bar", b.x().centers(), b.x().countsAsDoubles());
		plot.setColor(Color.RED);
		plot.add("bar", b.y().centers(), b.y().countsAsDoubles());
		plot.setLimits(0, 1, 0, Math.max(1, Math.max(b.x().maxCount(), b.y().maxCount())) * 1.25);
		plot.setColor(Color.BLACK);
		plot.addLegend("x % 1\ty % 1");
		final String hint = b.hint();
		plot.setColor(b.biased() ? Color.RED : Color.BLACK);
		plot.addLabel(0.02, 0.08, hint == null ? "flat: diameter looks fine" : hint);
		return plot;
	}

	/** A histogram as bars, with a vertical marker line at {@code marker} (none if null). */
	private static Plot histogramPlot(final String title, final String xLabel, final Histogram h, final Double marker,
			final String markerName) {
		final Plot plot = new Plot(title, xLabel, "count");
		plot.setColor(BARS);
		plot.add("bar", h.centers(), h.countsAsDoubles());
		final double top = Math.max(1, h.maxCount()) * 1.1;
		double lo = h.lo(), hi = h.hi();
		if (marker != null) {
			plot.setColor(LINE);
			plot.setLineWidth(2);
			plot.add("line", new double[] { marker, marker }, new double[] { 0, top });
			plot.setLineWidth(1);
			lo = Math.min(lo, marker);
			hi = Math.max(hi, marker);
			plot.setColor(LINE);
			plot.addLabel(0.02, 0.08, markerName + " = " + marker);
		}
		final double pad = (hi - lo) * 0.02;
		plot.setLimits(lo - pad, hi + pad, 0, top);
		return plot;
	}

	private static double[] values(final List<Feature> features, final java.util.function.ToDoubleFunction<Feature> f) {
		final List<Double> v = new ArrayList<>(features.size());
		for (final Feature x : features)
			v.add(f.applyAsDouble(x));
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}
}
