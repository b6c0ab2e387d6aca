package io.github.parallellocate.core;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of trackpy's {@code locate}, with trackpy's names, defaults
 * and validation; each is described by a {@link LocateParameter}, the
 * specification every front door reads. Immutable; build with
 * {@link #builder(int)}, {@link #builder(PerAxis)} or, from text,
 * {@link #fromText(Map)}.
 * <p>
 * {@code diameter}, {@code separation}, {@code noise_size} and
 * {@code smoothing_size} are a number or one number per axis
 * ({@link PerAxis}, trackpy's order: z, y, x). They are resolved against the
 * image's dimensions when locating, as trackpy's {@code validate_tuple} does.
 * </p>
 * <p>
 * Optional parameters that trackpy defaults to {@code None} are {@code null}
 * here and resolved the way trackpy resolves them: {@code separation =
 * diameter + 1}, {@code smoothing_size = diameter}, {@code threshold = 1} for
 * integer and {@code 1/255} for float images, {@code minmass = 0}, no
 * {@code maxsize}, no {@code topn}.
 * </p>
 */
public final class LocateParameters {

	private final PerAxis diameter;
	private final Double minmass;
	private final Double maxsize;
	private final PerAxis separation;
	private final PerAxis noiseSize;
	private final PerAxis smoothingSize;
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
		return new Builder(PerAxis.of(diameter));
	}

	/** Starts a builder with trackpy's defaults for the given diameter (a number or one per axis). */
	public static Builder builder(final PerAxis diameter) {
		return new Builder(Objects.requireNonNull(diameter, "diameter"));
	}

	/** Parameters with trackpy's defaults for the given diameter. */
	public static LocateParameters of(final int diameter) {
		return builder(diameter).build();
	}

	/**
	 * Builds from trackpy names and values as text ({@link LocateParameter}'s
	 * grammar); absent names take trackpy's defaults, other names are ignored.
	 *
	 * @throws IllegalArgumentException one line naming the parameter, e.g.
	 *           "diameter is required" or "topn must be an integer, got 'x'"
	 */
	public static LocateParameters fromText(final Map<String, String> text) {
		final String d = text.get(LocateParameter.DIAMETER.key());
		if (d == null || d.isBlank() || d.trim().equalsIgnoreCase("none"))
			throw new IllegalArgumentException(LocateParameter.DIAMETER.key() + " is required");
		final Builder b = builder(1);
		for (final LocateParameter p : LocateParameter.values()) {
			final String v = text.get(p.key());
			if (v != null)
				b.set(p, v);
		}
		return b.build();
	}

	/** A builder initialised with these parameters. */
	public Builder toBuilder() {
		final Builder b = new Builder(diameter);
		for (final LocateParameter p : LocateParameter.values())
			b.set(p, get(p));
		return b;
	}

	private void validate() {
		if (!diameter.all(v -> v > 0 && v == Math.rint(v) && v % 2 == 1 && v < Integer.MAX_VALUE))
			throw new IllegalArgumentException("diameter must be a positive odd integer (round up), got " + diameter);
		if (minmass != null && !Double.isFinite(minmass))
			throw new IllegalArgumentException("minmass must be a finite number, got " + minmass);
		if (maxsize != null && !(maxsize > 0 && Double.isFinite(maxsize)))
			throw new IllegalArgumentException("maxsize must be a positive finite number, got " + maxsize);
		if (maxsize != null && !characterize)
			throw new IllegalArgumentException("maxsize needs characterize (size is only measured when characterizing)");
		if (maxsize != null && !diameter.isIsotropic())
			throw new IllegalArgumentException("maxsize: Filtering by size is not available for anisotropic features (diameter " + diameter + ")");
		if (separation != null && !separation.all(v -> v >= 0 && Double.isFinite(v)))
			throw new IllegalArgumentException("separation must be a non-negative finite number, got " + separation);
		if (!noiseSize.all(v -> v >= 0 && Double.isFinite(v)))
			throw new IllegalArgumentException("noise_size must be a non-negative finite number, got " + noiseSize);
		if (smoothingSize != null && !smoothingSize.all(v -> v > 0 && v == Math.rint(v) && v % 2 == 1 && v < Integer.MAX_VALUE))
			throw new IllegalArgumentException("smoothing_size must be a positive odd integer (round up), got " + smoothingSize);
		final int n = axesGiven();
		for (final PerAxis p : new PerAxis[] { diameter, separation, noiseSize, smoothingSize })
			if (p != null && !p.isScalar() && p.size() != n)
				throw new IllegalArgumentException("diameter, separation, noise_size and smoothing_size must have the same number of values per axis (got "
					+ diameter + ", " + LocateParameter.format(separation) + ", " + noiseSize + ", " + LocateParameter.format(smoothingSize) + ")");
		if (preprocess) {
			final PerAxis smoothing = smoothingSize();
			for (int i = 0; i < Math.max(1, n); i++) {
				final double noise = noiseSize.get(noiseSize.isScalar() ? 0 : i);
				final double smooth = smoothing.get(smoothing.isScalar() ? 0 : i);
				if (!(noise < smooth))
					throw new IllegalArgumentException("noise_size (" + noiseSize + ") must be smaller than smoothing_size (" + smoothing + ")");
			}
		}
		if (threshold != null && !Double.isFinite(threshold))
			throw new IllegalArgumentException("threshold must be a finite number, got " + threshold);
		if (!(percentile >= 0 && percentile <= 100))
			throw new IllegalArgumentException("percentile must be in [0, 100], got " + PerAxis.number(percentile));
		if (topn != null && topn < 0)
			throw new IllegalArgumentException("topn must be >= 0, got " + topn);
		if (maxIterations < 0)
			throw new IllegalArgumentException("max_iterations must be >= 0, got " + maxIterations);
	}

	/**
	 * Checks that a feature fits in a plane of the given size.
	 *
	 * @throws IllegalArgumentException "diameter D is larger than the image (WxH)",
	 *           or the per-axis values do not match 2 dimensions
	 */
	public void requireFits(final int width, final int height) {
		requireFits(new int[] { height, width });
	}

	/**
	 * Checks these parameters against an image of the given shape (trackpy's
	 * order, {@code (z, y, x)} or {@code (y, x)}): every per-axis parameter
	 * has 1 value or one per axis (trackpy's {@code validate_tuple}), and the
	 * diameter is nowhere larger than the image (trackpy would go on with
	 * it; we refuse, see docs/parity.md).
	 *
	 * @throws IllegalArgumentException one line, e.g. "diameter has 3 values
	 *           (z,y,x) but the image has 2 dimensions" or "diameter 5,9,9 is
	 *           larger than the image (128x128x4)"
	 */
	public void requireFits(final int[] shape) {
		final int ndim = shape.length;
		final double[] d = diameter.resolve(ndim, LocateParameter.DIAMETER.key());
		if (separation != null)
			separation.resolve(ndim, LocateParameter.SEPARATION.key());
		noiseSize.resolve(ndim, LocateParameter.NOISE_SIZE.key());
		if (smoothingSize != null)
			smoothingSize.resolve(ndim, LocateParameter.SMOOTHING_SIZE.key());
		for (int i = 0; i < ndim; i++)
			if (shape[i] < d[i]) {
				final StringBuilder sz = new StringBuilder();
				for (int j = ndim - 1; j >= 0; j--)
					sz.append(shape[j]).append(j > 0 ? "x" : "");
				throw new IllegalArgumentException("diameter " + diameter + " is larger than the image (" + sz + ")");
			}
	}

	/** {@link #requireFits(int[])} for an image. */
	public void requireFits(final Image image) {
		requireFits(image.shape());
	}

	/**
	 * The number of axes the per-axis parameters were given for (2 or 3), or
	 * 0 if every one is a plain number (then the image decides).
	 */
	public int axesGiven() {
		for (final PerAxis p : new PerAxis[] { diameter, separation, noiseSize, smoothingSize })
			if (p != null && !p.isScalar())
				return p.size();
		return 0;
	}

	/** True if the diameter differs between axes (trackpy's anisotropic features: size_y, size_x, ep_y, ep_x columns). */
	public boolean isAnisotropic() {
		return !diameter.isIsotropic();
	}

	/**
	 * True if trackpy gives the static error per axis ({@code ep_z, ep_y,
	 * ep_x}): the diameter or {@code noise_size} differs between axes.
	 */
	public boolean isEpPerAxis() {
		return isAnisotropic() || !noiseSize.isIsotropic();
	}

	/** Feature diameter in pixels (odd), a number or one per axis. */
	public PerAxis diameter() {
		return diameter;
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

	/** Minimum separation as given, or {@code null} for trackpy's default. */
	public PerAxis separationOrNull() {
		return separation;
	}

	/** Minimum separation between features: {@code diameter + 1} (per axis) by default. */
	public PerAxis separation() {
		if (separation != null)
			return separation;
		if (diameter.isScalar())
			return PerAxis.of(diameter.get(0) + 1);
		final double[] s = new double[diameter.size()];
		for (int i = 0; i < s.length; i++)
			s[i] = diameter.get(i) + 1;
		return PerAxis.axes(s);
	}

	/** Width (sigma) of the Gaussian noise filter; 0 disables it. */
	public PerAxis noiseSize() {
		return noiseSize;
	}

	/** Smoothing size as given, or {@code null} for trackpy's default. */
	public PerAxis smoothingSizeOrNull() {
		return smoothingSize;
	}

	/** Side of the boxcar background kernel: {@code diameter} by default. */
	public PerAxis smoothingSize() {
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

	/** A parameter's value as given: {@link PerAxis}, Double, Integer or Boolean; null for None. */
	public Object get(final LocateParameter p) {
		switch (p) {
			case DIAMETER: return diameter;
			case MINMASS: return minmass;
			case MAXSIZE: return maxsize;
			case SEPARATION: return separation;
			case NOISE_SIZE: return noiseSize;
			case SMOOTHING_SIZE: return smoothingSize;
			case THRESHOLD: return threshold;
			case INVERT: return invert;
			case PERCENTILE: return percentile;
			case TOPN: return topn;
			case PREPROCESS: return preprocess;
			case MAX_ITERATIONS: return maxIterations;
			case CHARACTERIZE: return characterize;
			default: throw new AssertionError(p);
		}
	}

	/** The parameters by trackpy name, in {@code locate}'s order ({@code null} for None). */
	public Map<String, Object> asTrackpyKeywords() {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (final LocateParameter p : LocateParameter.values())
			m.put(p.key(), get(p));
		return m;
	}

	/** The parameters that differ from trackpy's defaults (diameter always), as text by trackpy name. */
	public Map<String, String> asText() {
		final Map<String, String> m = new LinkedHashMap<>();
		for (final LocateParameter p : LocateParameter.values()) {
			final Object v = get(p);
			if (p.isRequired() || !Objects.equals(v, p.defaultValue()))
				m.put(p.key(), LocateParameter.format(v));
		}
		return m;
	}

	/** As Python would write the call: {@code locate(diameter=(5, 9, 9), minmass=None, ...)}. */
	@Override
	public String toString() {
		final StringBuilder sb = new StringBuilder("locate(");
		boolean first = true;
		for (final LocateParameter p : LocateParameter.values()) {
			if (!first)
				sb.append(", ");
			first = false;
			final Object v = get(p);
			sb.append(p.key()).append('=');
			if (v == null)
				sb.append("None");
			else if (v instanceof Boolean)
				sb.append((Boolean) v ? "True" : "False");
			else if (v instanceof PerAxis && !((PerAxis) v).isScalar())
				sb.append('(').append(v.toString().replace(",", ", ")).append(')');
			else
				sb.append(LocateParameter.format(v));
		}
		return sb.append(')').toString();
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof LocateParameters))
			return false;
		final LocateParameters q = (LocateParameters) o;
		for (final LocateParameter p : LocateParameter.values())
			if (!Objects.equals(get(p), q.get(p)))
				return false;
		return true;
	}

	@Override
	public int hashCode() {
		final Map<LocateParameter, Object> m = new EnumMap<>(LocateParameter.class);
		for (final LocateParameter p : LocateParameter.values())
			m.put(p, get(p));
		return m.hashCode();
	}

	/** Builder for {@link LocateParameters}; setters take trackpy's meaning, {@code null} = trackpy's {@code None}. */
	public static final class Builder {
		private PerAxis diameter;
		private Double minmass;
		private Double maxsize;
		private PerAxis separation;
		private PerAxis noiseSize = (PerAxis) LocateParameter.NOISE_SIZE.defaultValue();
		private PerAxis smoothingSize;
		private Double threshold;
		private boolean invert;
		private double percentile = (Double) LocateParameter.PERCENTILE.defaultValue();
		private Integer topn;
		private boolean preprocess = true;
		private int maxIterations = (Integer) LocateParameter.MAX_ITERATIONS.defaultValue();
		private boolean characterize = true;

		private Builder(final PerAxis diameter) {
			this.diameter = diameter;
		}

		public Builder diameter(final int v) { diameter = PerAxis.of(v); return this; }
		public Builder diameter(final PerAxis v) { diameter = Objects.requireNonNull(v, "diameter"); return this; }
		public Builder minmass(final Double v) { minmass = v; return this; }
		public Builder maxsize(final Double v) { maxsize = v; return this; }
		public Builder separation(final Double v) { separation = v == null ? null : PerAxis.of(v); return this; }
		public Builder separation(final PerAxis v) { separation = v; return this; }
		public Builder noiseSize(final double v) { noiseSize = PerAxis.of(v); return this; }
		public Builder noiseSize(final PerAxis v) { noiseSize = Objects.requireNonNull(v, "noise_size"); return this; }
		public Builder smoothingSize(final Integer v) { smoothingSize = v == null ? null : PerAxis.of(v); return this; }
		public Builder smoothingSize(final PerAxis v) { smoothingSize = v; return this; }
		public Builder threshold(final Double v) { threshold = v; return this; }
		public Builder invert(final boolean v) { invert = v; return this; }
		public Builder percentile(final double v) { percentile = v; return this; }
		public Builder topn(final Integer v) { topn = v; return this; }
		public Builder preprocess(final boolean v) { preprocess = v; return this; }
		public Builder maxIterations(final int v) { maxIterations = v; return this; }
		public Builder characterize(final boolean v) { characterize = v; return this; }

		/**
		 * Sets a parameter from text in the shared grammar ("5,9,9", "20",
		 * "None", "true").
		 *
		 * @throws IllegalArgumentException one line naming the parameter
		 */
		public Builder set(final LocateParameter p, final String text) {
			return set(p, p.parse(text));
		}

		/**
		 * Sets a parameter from a value of its {@link LocateParameter#type()}
		 * (a plain {@link Number} is accepted for a per-axis parameter; null = None).
		 *
		 * @throws IllegalArgumentException if the parameter cannot be None
		 */
		public Builder set(final LocateParameter p, final Object value) {
			if (value == null && !p.isOptional() && p.type() != LocateParameter.Type.FLAG)
				throw new IllegalArgumentException(p.key() + (p.isRequired() ? " is required" : " cannot be None"));
			switch (p) {
				case DIAMETER: return diameter(perAxis(value));
				case MINMASS: return minmass(number(value));
				case MAXSIZE: return maxsize(number(value));
				case SEPARATION: return separation(perAxis(value));
				case NOISE_SIZE: return noiseSize(perAxis(value));
				case SMOOTHING_SIZE: return smoothingSize(perAxis(value));
				case THRESHOLD: return threshold(number(value));
				case INVERT: return invert(value == null ? false : (Boolean) value);
				case PERCENTILE: return percentile(number(value));
				case TOPN: return topn(value == null ? null : ((Number) value).intValue());
				case PREPROCESS: return preprocess(value == null ? true : (Boolean) value);
				case MAX_ITERATIONS: return maxIterations(((Number) value).intValue());
				case CHARACTERIZE: return characterize(value == null ? true : (Boolean) value);
				default: throw new AssertionError(p);
			}
		}

		private static PerAxis perAxis(final Object v) {
			return v == null ? null : v instanceof PerAxis ? (PerAxis) v : PerAxis.of(((Number) v).doubleValue());
		}

		private static Double number(final Object v) {
			return v == null ? null : ((Number) v).doubleValue();
		}

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
