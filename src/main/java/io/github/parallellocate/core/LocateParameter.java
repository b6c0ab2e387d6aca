package io.github.parallellocate.core;

import java.util.Locale;

/**
 * The specification of trackpy's {@code locate} parameters: the one place
 * that says, for each, its trackpy name, its type (a number per axis, a
 * number, an integer or a flag), its default, what trackpy's {@code None}
 * means, its help text and how it is written as text. Every front door is
 * driven by it: the ImageJ dialog and macro keys ({@link #key()}), the
 * SciJava command, the command line ({@link #option()}) and the Spark job
 * read, write and describe the parameters through this enum and
 * {@link LocateParameters.Builder#set(LocateParameter, String)}, so adding a
 * parameter is one edit here and one field in {@link LocateParameters}.
 * <p>
 * The text grammar is shared: numbers as Java/Python write them, per-axis
 * values as {@code 5,9,9} (z, y, x) or {@code 9,11} (y, x), flags as
 * {@code true}/{@code false}, and {@code None} (or an empty text) for
 * trackpy's {@code None} where the parameter is optional.
 * </p>
 */
public enum LocateParameter {

	DIAMETER("diameter", Type.PER_AXIS, true, null, "required",
		"Feature diameter in pixels: an odd integer, or one per axis (z,y,x or y,x). Overestimate rather than underestimate."),
	MINMASS("minmass", Type.NUMBER, true, null, "0, no minimum",
		"Minimum integrated brightness of a feature (after bandpass). The main filter against noise."),
	MAXSIZE("maxsize", Type.NUMBER, false, null, "no maximum",
		"Maximum radius of gyration of a feature (isotropic diameter only)."),
	SEPARATION("separation", Type.PER_AXIS, false, null, "diameter + 1",
		"Minimum separation between features, in pixels: a number or one per axis."),
	NOISE_SIZE("noise_size", Type.PER_AXIS, false, PerAxis.of(1), null,
		"Width (sigma) of the Gaussian noise filter, in pixels: a number or one per axis."),
	SMOOTHING_SIZE("smoothing_size", Type.PER_AXIS, false, null, "diameter",
		"Side of the boxcar background filter, in pixels: an odd integer or one per axis."),
	THRESHOLD("threshold", Type.NUMBER, false, null, "1 for integer images, 1/255 for float images",
		"Clip the bandpassed image below this value."),
	INVERT("invert", Type.FLAG, true, Boolean.FALSE, null,
		"Features are dark on a bright background (bright-field)."),
	PERCENTILE("percentile", Type.NUMBER, false, 64.0, null,
		"Features must be brighter than this percentile of the bandpassed image."),
	TOPN("topn", Type.INTEGER, false, null, "all features",
		"Keep only the N brightest features of each frame."),
	PREPROCESS("preprocess", Type.FLAG, false, Boolean.TRUE, null,
		"Bandpass the image before locating (off: locate on the raw image)."),
	MAX_ITERATIONS("max_iterations", Type.INTEGER, false, 10, null,
		"Maximum number of centre-of-mass refinement steps."),
	CHARACTERIZE("characterize", Type.FLAG, false, Boolean.TRUE, null,
		"Measure size, ecc, signal, raw_mass and ep (off: y, x, mass only).");

	/** The kinds of value. */
	public enum Type {
		/** A {@link PerAxis}: a number, or one per axis. */
		PER_AXIS,
		/** A {@link Double}. */
		NUMBER,
		/** An {@link Integer}. */
		INTEGER,
		/** A {@link Boolean}. */
		FLAG
	}

	private final String key;
	private final Type type;
	private final boolean basic;
	private final Object defaultValue;
	private final String none;
	private final String help;

	LocateParameter(final String key, final Type type, final boolean basic, final Object defaultValue,
		final String none, final String help)
	{
		this.key = key;
		this.type = type;
		this.basic = basic;
		this.defaultValue = defaultValue;
		this.none = none;
		this.help = help;
	}

	/** trackpy's name, which is also the macro key: {@code noise_size}. */
	public String key() {
		return key;
	}

	/**
	 * The command-line option: trackpy's name with dashes ({@code --noise-size});
	 * a flag that is on by default is turned off with {@code --no-NAME}.
	 */
	public String option() {
		final String dashed = "--" + key.replace('_', '-');
		return Boolean.TRUE.equals(defaultValue) ? "--no-" + dashed.substring(2) : dashed;
	}

	public Type type() {
		return type;
	}

	/** True for the parameters that matter most (diameter, minmass, invert): shown first. */
	public boolean isBasic() {
		return basic;
	}

	/** True if trackpy accepts {@code None} for it. */
	public boolean isOptional() {
		return none != null && this != DIAMETER;
	}

	/** True for the one parameter without a default. */
	public boolean isRequired() {
		return this == DIAMETER;
	}

	/** The default value (trackpy's), or null for None/required. */
	public Object defaultValue() {
		return defaultValue;
	}

	/** What {@code None} means, or null if the parameter has a value by default. */
	public String noneMeaning() {
		return none;
	}

	/** One line of help. */
	public String help() {
		return help;
	}

	/** The help with the default: "... (default: 64)" or "... (default None: diameter + 1)". */
	public String helpWithDefault() {
		if (isRequired())
			return help + " Required.";
		if (defaultValue != null)
			return help + " (default: " + format(defaultValue) + ")";
		return help + " (default None: " + none + ")";
	}

	/**
	 * Parses a value in the shared text grammar.
	 *
	 * @return the value ({@link PerAxis}, {@link Double}, {@link Integer} or
	 *         {@link Boolean}), or null for None (empty text or "None")
	 * @throws IllegalArgumentException one line naming the parameter
	 */
	public Object parse(final String text) {
		final String t = text == null ? "" : text.trim();
		if (t.isEmpty() || t.equalsIgnoreCase("none")) {
			if (type == Type.FLAG)
				return defaultValue;
			if (!isOptional())
				throw new IllegalArgumentException(isRequired() ? key + " is required" : key + " cannot be None");
			return null;
		}
		switch (type) {
			case PER_AXIS:
				return PerAxis.parse(key, t);
			case NUMBER:
				try {
					return Double.valueOf(t);
				}
				catch (final NumberFormatException e) {
					throw new IllegalArgumentException(key + " must be a number, got '" + t + "'");
				}
			case INTEGER:
				try {
					final double v = Double.parseDouble(t);
					if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
						throw new NumberFormatException();
					return (int) v;
				}
				catch (final NumberFormatException e) {
					throw new IllegalArgumentException(key + " must be an integer, got '" + t + "'");
				}
			default:
				switch (t.toLowerCase(Locale.ROOT)) {
					case "true": case "1": case "yes": case "on": return Boolean.TRUE;
					case "false": case "0": case "no": case "off": return Boolean.FALSE;
					default: throw new IllegalArgumentException(key + " must be true or false, got '" + t + "'");
				}
		}
	}

	/** A value as text in the shared grammar; None is the empty text. */
	public static String format(final Object value) {
		if (value == null)
			return "";
		if (value instanceof Double)
			return PerAxis.number((Double) value);
		return value.toString();
	}

	/** The parameter with this trackpy name (macro key), or null. */
	public static LocateParameter forKey(final String key) {
		for (final LocateParameter p : values())
			if (p.key.equals(key))
				return p;
		return null;
	}
}
