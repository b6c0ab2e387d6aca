package io.github.parallellocate.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of trackpy's {@code locate}, with trackpy's names (in
 * {@link #asTrackpyKeywords()}), defaults and validation. Immutable; build with
 * {@link #builder(int)}.
 * <p>
 * Optional parameters that trackpy defaults to {@code None} are {@code null}
 * here and resolved the way trackpy resolves them: {@code separation =
 * diameter + 1}, {@code smoothing_size = diameter}, {@code threshold = 1} for
 * integer and {@code 1/255} for float images, {@code minmass = 0}, no
 * {@code maxsize}, no {@code topn}.
 * </p>
 */
public final class LocateParameters {

	private final int diameter;
	private final Double minmass;
	private final Double maxsize;
	private final Double separation;
	private final double noiseSize;
	private final Integer smoothingSize;
	private final Double threshold;
	private final boolean invert;
	private final double percentile;
	private final Integer topn;
	private final boolean preprocess;
	private final int maxIterations;
	private final boolean characterize;

	private LocateParameters(final Builder b) {
		diameter = b.diameter;
		minmass = b.minmass;
		maxsize = b.maxsize;
		separation = b.separation;
		noiseSize = b.noiseSize;
		smoothingSize = b.smoothingSize;
		threshold = b.threshold;
		invert = b.invert;
		percentile = b.percentile;
		topn = b.topn;
		preprocess = b.preprocess;
		maxIterations = b.maxIterations;
		characterize = b.characterize;
		validate();
	}

	/** Starts a builder with trackpy's defaults for the given (odd) diameter. */
	public static Builder builder(final int diameter) {
		return new Builder(diameter);
	}

	/** Parameters with trackpy's defaults for the given diameter. */
	public static LocateParameters of(final int diameter) {
		return builder(diameter).build();
	}

	/** A builder initialised with these parameters. */
	public Builder toBuilder() {
		final Builder b = new Builder(diameter);
		b.minmass = minmass;
		b.maxsize = maxsize;
		b.separation = separation;
		b.noiseSize = noiseSize;
		b.smoothingSize = smoothingSize;
		b.threshold = threshold;
		b.invert = invert;
		b.percentile = percentile;
		b.topn = topn;
		b.preprocess = preprocess;
		b.maxIterations = maxIterations;
		b.characterize = characterize;
		return b;
	}

	private void validate() {
		if (diameter <= 0 || (diameter & 1) == 0)
			throw new IllegalArgumentException("diameter must be a positive odd integer (round up), got " + diameter);
		if (minmass != null && !Double.isFinite(minmass))
			throw new IllegalArgumentException("minmass must be a finite number, got " + minmass);
		if (maxsize != null && !(maxsize > 0 && Double.isFinite(maxsize)))
			throw new IllegalArgumentException("maxsize must be a positive finite number, got " + maxsize);
		if (maxsize != null && !characterize)
			throw new IllegalArgumentException("maxsize needs characterize (size is only measured when characterizing)");
		if (separation != null && !(separation >= 0 && Double.isFinite(separation)))
			throw new IllegalArgumentException("separation must be a non-negative finite number, got " + separation);
		if (!(noiseSize >= 0 && Double.isFinite(noiseSize)))
			throw new IllegalArgumentException("noise_size must be a non-negative finite number, got " + noiseSize);
		if (smoothingSize != null && (smoothingSize <= 0 || (smoothingSize & 1) == 0))
			throw new IllegalArgumentException("smoothing_size must be a positive odd integer (round up), got " + smoothingSize);
		if (preprocess && !(noiseSize < smoothingSize()))
			throw new IllegalArgumentException("noise_size (" + fmt(noiseSize) + ") must be smaller than smoothing_size (" + smoothingSize() + ")");
		if (threshold != null && !Double.isFinite(threshold))
			throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
		if (!(percentile >= 0 && percentile <= 100))
			throw new IllegalArgumentException("percentile must be in [0, 100], got " + fmt(percentile));
		if (topn != null && topn < 0)
			throw new IllegalArgumentException("topn must be >= 0, got " + topn);
		if (maxIterations < 0)
			throw new IllegalArgumentException("max_iterations must be >= 0, got " + maxIterations);
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	/**
	 * Checks that a feature fits in a plane of the given size.
	 *
	 * @throws IllegalArgumentException "diameter D is larger than the image (WxH)"
	 */
	public void requireFits(final int width, final int height) {
		if (width < diameter || height < diameter)
			throw new IllegalArgumentException("diameter " + diameter + " is larger than the image (" + width + "x" + height + ")");
	}

	/** Feature diameter in pixels (odd). */
	public int diameter() {
		return diameter;
	}

	/** {@code diameter // 2}. */
	public int radius() {
		return diameter / 2;
	}

	/** Minimum integrated brightness; trackpy's {@code None} is 0. */
	public double minmass() {
		return minmass == null ? 0 : minmass;
	}

	/** The minmass as given ({@code null} = trackpy's {@code None}). */
	public Double minmassOrNull() {
		return minmass;
	}

	/** Maximum radius of gyration, or {@code null} for no limit. */
	public Double maxsize() {
		return maxsize;
	}

	/** Minimum separation, or {@code null} for trackpy's default. */
	public Double separationOrNull() {
		return separation;
	}

	/** Minimum separation between features: {@code diameter + 1} by default. */
	public double separation() {
		return separation == null ? diameter + 1 : separation;
	}

	/** Width (sigma) of the Gaussian noise filter; 0 disables it. */
	public double noiseSize() {
		return noiseSize;
	}

	/** Smoothing size, or {@code null} for trackpy's default. */
	public Integer smoothingSizeOrNull() {
		return smoothingSize;
	}

	/** Side of the boxcar background kernel: {@code diameter} by default. */
	public int smoothingSize() {
		return smoothingSize == null ? diameter : smoothingSize;
	}

	/** The threshold as given ({@code null} = trackpy's default). */
	public Double thresholdOrNull() {
		return threshold;
	}

	/** The bandpass threshold for images of the given type. */
	public double threshold(final PixelType type) {
		if (threshold != null)
			return threshold;
		return type.isInteger() ? 1 : 1 / 255.;
	}

	public boolean invert() {
		return invert;
	}

	public double percentile() {
		return percentile;
	}

	/** Keep only the N brightest features, or {@code null} for all. */
	public Integer topn() {
		return topn;
	}

	public boolean preprocess() {
		return preprocess;
	}

	/** Refinement iterations as given. */
	public int maxIterations() {
		return maxIterations;
	}

	/** Refinement iterations as run: trackpy treats values below 1 as 1. */
	public int effectiveMaxIterations() {
		return Math.max(1, maxIterations);
	}

	public boolean characterize() {
		return characterize;
	}

	/**
	 * Edge margin in which no maximum is accepted:
	 * {@code max(radius, separation // 2 - 1, smoothing_size // 2)}.
	 */
	public double margin() {
		return Math.max(Math.max(radius(), Math.floor(separation() / 2) - 1), smoothingSize() / 2);
	}

	/**
	 * Side of the square dilation box for the local-maximum test:
	 * {@code int(2 * separation / sqrt(2))}.
	 */
	public int dilationSize() {
		return (int) (2 * separation() / Math.sqrt(2));
	}

	/** The parameters as trackpy keyword arguments, in {@code locate}'s order ({@code None} for unset). */
	public Map<String, Object> asTrackpyKeywords() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("diameter", diameter);
		m.put("minmass", minmass);
		m.put("maxsize", maxsize);
		m.put("separation", separation);
		m.put("noise_size", noiseSize);
		m.put("smoothing_size", smoothingSize);
		m.put("threshold", threshold);
		m.put("invert", invert);
		m.put("percentile", percentile);
		m.put("topn", topn);
		m.put("preprocess", preprocess);
		m.put("max_iterations", maxIterations);
		m.put("characterize", characterize);
		return m;
	}

	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder("locate(");
		boolean first = true;
		for (final Map.Entry<String, Object> e : asTrackpyKeywords().entrySet()) {
			if (!first)
				sb.append(", ");
			first = false;
			final Object v = e.getValue();
			sb.append(e.getKey()).append('=').append(v == null ? "None" : v instanceof Boolean ? ((Boolean) v ? "True" : "False") : v);
		}
		return sb.append(')').toString();
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof LocateParameters && toString().equals(o.toString());
	}

	@Override
	public int hashCode() {
		return toString().hashCode();
	}

	/** Builder for {@link LocateParameters}; setters take trackpy's meaning, {@code null} = trackpy's {@code None}. */
	public static final class Builder {
		private int diameter;
		private Double minmass;
		private Double maxsize;
		private Double separation;
		private double noiseSize = 1;
		private Integer smoothingSize;
		private Double threshold;
		private boolean invert;
		private double percentile = 64;
		private Integer topn;
		private boolean preprocess = true;
		private int maxIterations = 10;
		private boolean characterize = true;

		private Builder(final int diameter) {
			this.diameter = diameter;
		}

		public Builder diameter(final int v) { diameter = v; return this; }
		public Builder minmass(final Double v) { minmass = v; return this; }
		public Builder maxsize(final Double v) { maxsize = v; return this; }
		public Builder separation(final Double v) { separation = v; return this; }
		public Builder noiseSize(final double v) { noiseSize = v; return this; }
		public Builder smoothingSize(final Integer v) { smoothingSize = v; return this; }
		public Builder threshold(final Double v) { threshold = v; return this; }
		public Builder invert(final boolean v) { invert = v; return this; }
		public Builder percentile(final double v) { percentile = v; return this; }
		public Builder topn(final Integer v) { topn = v; return this; }
		public Builder preprocess(final boolean v) { preprocess = v; return this; }
		public Builder maxIterations(final int v) { maxIterations = v; return this; }
		public Builder characterize(final boolean v) { characterize = v; return this; }

		/**
		 * Validates and builds.
		 *
		 * @throws IllegalArgumentException with a one-line message naming the
		 *           offending parameter by its trackpy name
		 */
		public LocateParameters build() {
			return new LocateParameters(this);
		}
	}
}
