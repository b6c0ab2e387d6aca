package io.github.parallellocate.analysis;

import java.util.List;
import java.util.Locale;
import io.github.parallellocate.core.Feature;


/**
 * trackpy's {@code subpx_bias}: histograms of the fractional parts of x and y
 * ({@code x % 1}, 10 bins on [0, 1)). With a well-chosen diameter they are
 * flat; a diameter that is too small pulls positions towards pixel centres
 * (fractions pile up near 0 and 1, with a dip at 0.5).
 * <p>
 * <b>Flatness measure.</b> Each histogram gets Pearson's chi-square
 * statistic against the uniform distribution, {@code sum((n_i - N/10)^2 /
 * (N/10))}. A histogram is called <em>biased</em> when the uniform hypothesis
 * is rejected at p &lt; 0.001 (chi-square above {@value #CHI2_CRITICAL}, the
 * 0.999 quantile for 9 degrees of freedom) <em>and</em> the bias is large
 * enough to see: the fullest bin holds at least {@value #MIN_RATIO} times as
 * many as the emptiest. The second condition keeps a statistically
 * significant but invisible bias on thousands of features from being
 * flagged. Below {@value #MIN_FEATURES} features (5 expected per bin, the
 * usual validity condition of the test) nothing is judged.
 * </p>
 *
 * @param x the histogram of {@code x % 1}
 * @param y the histogram of {@code y % 1}
 */
public record SubpixelBias(Histogram x, Histogram y) {

	/** Bins per histogram (pandas' default, as {@code tp.subpx_bias} uses). */
	public static final int BINS = 10;
	/** The chi-square 0.999 quantile for {@code BINS - 1 = 9} degrees of freedom. */
	public static final double CHI2_CRITICAL = 27.877;
	/** The fullest-to-emptiest bin ratio from which a bias is visible. */
	public static final double MIN_RATIO = 1.5;
	/** The fewest features for which flatness is judged. */
	public static final int MIN_FEATURES = 5 * BINS;

	/** The histograms of the features' fractional coordinates. */
	public static SubpixelBias of(final List<Feature> features) {
		final double[] fx = new double[features.size()], fy = new double[features.size()];
		for (int i = 0; i < fx.length; i++) {
			fx[i] = fraction(features.get(i).x());
			fy[i] = fraction(features.get(i).y());
		}
		return new SubpixelBias(fractions(fx), fractions(fy));
	}

	/** The histogram of already fractional values in [0, 1). */
	static Histogram fractions(final double[] f) {
		return Histogram.of(f, BINS, 0, 1);
	}

	/** Python's {@code v % 1}: in [0, 1) also for negative v. */
	static double fraction(final double v) {
		final double f = v - Math.floor(v);
		return f >= 1 ? 0 : f;
	}

	/** Pearson's chi-square of a histogram against equal counts in every bin. */
	public static double chiSquare(final Histogram h) {
		final double expected = (double) h.total() / h.bins();
		if (expected == 0)
			return 0;
		double chi2 = 0;
		for (final int n : h.counts())
			chi2 += (n - expected) * (n - expected) / expected;
		return chi2;
	}

	/** Whether a histogram is biased by the measure above (never with too few values). */
	public static boolean isBiased(final Histogram h) {
		if (h.total() < MIN_FEATURES || chiSquare(h) <= CHI2_CRITICAL)
			return false;
		int min = Integer.MAX_VALUE;
		for (final int n : h.counts())
			min = Math.min(min, n);
		return h.maxCount() >= MIN_RATIO * min;
	}

	/** Whether there are enough features to judge. */
	public boolean judged() {
		return x.total() >= MIN_FEATURES;
	}

	/** Whether x or y is biased. */
	public boolean biased() {
		return isBiased(x) || isBiased(y);
	}

	/**
	 * A short hint for the user: what is wrong, or null when the histograms
	 * look flat.
	 */
	public String hint() {
		if (!judged())
			return String.format(Locale.ROOT, "too few features (%d) to judge the sub-pixel bias", x.total());
		if (!biased())
			return null;
		final String axes = isBiased(x) && isBiased(y) ? "x and y" : isBiased(x) ? "x" : "y";
		return "not flat in " + axes + ": diameter too small?";
	}

	/** A one-line description with both chi-square values. */
	public String describe() {
		final String h = hint();
		return String.format(Locale.ROOT, "chi2 x %.1f, y %.1f (flat below %.1f)%s", chiSquare(x), chiSquare(y),
			CHI2_CRITICAL, h == null ? "" : ": " + h);
	}
}
