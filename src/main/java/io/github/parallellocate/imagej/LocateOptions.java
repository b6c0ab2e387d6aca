package io.github.parallellocate.imagej;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.Prefs;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;

/**
 * Everything a "Locate Features..." run needs, parsed from the keys every
 * front door shares: the ImageJ 1.x plugin (macro options and dialog), the
 * SciJava command and scripts all go through {@link #from(MacroOptions)}, so
 * a key means the same everywhere.
 * <p>
 * trackpy's parameters are not declared here: their keys, defaults and text
 * grammar come from the one specification, {@link LocateParameter} (values
 * such as {@code diameter=5,9,9} are parsed by
 * {@link LocateParameters.Builder#set(LocateParameter, String)}). The keys
 * of this front door follow them: {@link #OWN_KEYS} ({@code plots}, the
 * ImageJ plugin's plot window after a run, is read by the plugin itself).
 * </p>
 *
 * @param params trackpy's parameters
 * @param channel 0 for all channels; for RGB 1 = red, 2 = green, 3 = blue;
 *          otherwise the 1-based channel of a multichannel image
 * @param threads worker threads
 * @param csv where to save the trackpy-compatible CSV, or null
 * @param results also fill the system Results table
 * @param overlay put one circle per feature on the image's overlay
 * @param roiManager also add the circles to the ROI Manager (GUI only)
 * @param overwrite {@code csv} may replace an existing file (never the image's own file)
 * @param calibrated add calibrated columns (the image's unit, seconds) to the CSV
 * @param volumes locate the Z slices of each time point as one volume (3D);
 *          implied by a per-axis value with three numbers
 */
public record LocateOptions(LocateParameters params, int channel, int threads, Path csv, boolean results,
		boolean overlay, boolean roiManager, boolean overwrite, boolean calibrated, boolean volumes) {

	/** trackpy's parameter names, in trackpy's order (from {@link LocateParameter}). */
	public static final List<String> TRACKPY_KEYS;
	/** The keys of this front door beside trackpy's. */
	public static final List<String> OWN_KEYS = List.of("channel", "threads", "csv", "overwrite", "calibrated", "3d",
		"results", "overlay", "roi_manager", "plots");
	/** Every key: trackpy's, then ours. */
	public static final Set<String> KEYS;
	static {
		final List<String> t = new ArrayList<>();
		for (final LocateParameter p : LocateParameter.values())
			t.add(p.key());
		TRACKPY_KEYS = List.copyOf(t);
		final Set<String> k = new LinkedHashSet<>(TRACKPY_KEYS);
		k.addAll(OWN_KEYS);
		KEYS = Collections.unmodifiableSet(k);
	}

	/** The RGB channel names, for channel 1, 2 and 3. */
	public static final List<String> RGB_CHANNELS = List.of("red", "green", "blue");

	/** The options as they were before the {@code overwrite}, {@code calibrated} and {@code 3d} keys. */
	public LocateOptions(final LocateParameters params, final int channel, final int threads, final Path csv,
			final boolean results, final boolean overlay, final boolean roiManager) {
		this(params, channel, threads, csv, results, overlay, roiManager, false, false, false);
	}

	/** Parses a macro options string such as {@code "diameter=11 minmass=20 invert"}. */
	public static LocateOptions parse(final String macroOptions) {
		return from(MacroOptions.parse(macroOptions, KEYS));
	}

	/** Builds from key/value pairs (values as macro text; null = absent). */
	public static LocateOptions from(final Map<String, String> pairs) {
		return from(MacroOptions.of(pairs, KEYS));
	}

	/**
	 * Builds from parsed options. Absent trackpy keys take trackpy's defaults
	 * (from the specification), {@code overlay} is on, {@code threads} is
	 * ImageJ's thread count ({@link #defaultThreads()}).
	 *
	 * @throws IllegalArgumentException with a one-line message naming the key
	 */
	public static LocateOptions from(final MacroOptions o) {
		final LocateParameters params = parameters(o);
		final int threads = o.has("threads") && !OptionalNumbers.isNone(o.get("threads"))
			? OptionalNumbers.integer("threads", o.get("threads")) : defaultThreads();
		if (threads < 1)
			throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		final String csv = o.get("csv");
		final Path csvPath = csv == null || csv.isBlank() ? null : Paths.get(csv.trim());
		final boolean volumes = o.bool("3d", false) || params.axesGiven() == 3;
		if (!volumes && params.axesGiven() == 3)
			throw new IllegalArgumentException("3d=false contradicts the three values per axis (z,y,x) of "
				+ LocateParameter.format(params.diameter()));
		return new LocateOptions(params, parseChannel(o.get("channel")), threads, csvPath, o.bool("results", false),
			o.bool("overlay", true), o.bool("roi_manager", false), o.bool("overwrite", false),
			o.bool("calibrated", false), volumes);
	}

	/**
	 * trackpy's parameters, each key parsed by the specification. Two
	 * spellings of None that ImageJ's numeric fields produce are accepted too:
	 * {@code NaN} for any optional parameter, and {@code 0} for
	 * {@code minmass}, {@code maxsize}, {@code smoothing_size} and
	 * {@code topn}, where trackpy gives 0 the meaning of None or refuses it.
	 */
	public static LocateParameters parameters(final MacroOptions o) {
		final String d = o.get(LocateParameter.DIAMETER.key());
		if (d == null || OptionalNumbers.isNone(d))
			throw new IllegalArgumentException(LocateParameter.DIAMETER.key() + " is required");
		final LocateParameters.Builder b = LocateParameters.builder(1);
		for (final LocateParameter p : LocateParameter.values())
			if (o.has(p.key()))
				b.set(p, p.type() == LocateParameter.Type.FLAG ? flag(o, p) : noneSpelling(p, o.get(p.key())));
		return b.build();
	}

	private static String flag(final MacroOptions o, final LocateParameter p) {
		return Boolean.toString(o.bool(p.key(), (Boolean) p.defaultValue()));
	}

	private static String noneSpelling(final LocateParameter p, final String text) {
		if (!p.isOptional())
			return text;
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("nan"))
			return "";
		final boolean zeroIsNone = p == LocateParameter.MINMASS || p == LocateParameter.MAXSIZE
			|| p == LocateParameter.SMOOTHING_SIZE || p == LocateParameter.TOPN;
		if (zeroIsNone) {
			try {
				if (Double.parseDouble(t) == 0)
					return "";
			}
			catch (final NumberFormatException e) {
				// the specification's parser names the key
			}
		}
		return text;
	}

	/** ImageJ's thread count (Edit &gt; Options &gt; Memory &amp; Threads), at least 1. */
	public static int defaultThreads() {
		return Math.max(1, Prefs.getThreads());
	}

	/**
	 * A channel, in the grammar the command line shares ({@link Channel}):
	 * {@code red}/{@code green}/{@code blue} or {@code r}/{@code g}/{@code b}
	 * = 1, 2, 3, otherwise a positive integer; plus, for all channels of a
	 * hyperstack: absent, empty, {@code all} or 0.
	 */
	public static int parseChannel(final String text) {
		return Channel.parse(text).number(); // the one channel grammar (0 = all channels, also for none/empty)
	}

	/** The same options with another CSV path (or none). */
	public LocateOptions withCsv(final Path path) {
		return new LocateOptions(params, channel, threads, path, results, overlay, roiManager, overwrite, calibrated, volumes);
	}

	/**
	 * These options as macro text that {@link #parse(String)} reads back to
	 * equal options: trackpy's parameters that differ from their defaults
	 * (diameter always), then ours that differ from theirs.
	 */
	public String toMacroOptions() {
		final Map<String, String> m = new LinkedHashMap<>(params.asText());
		if (channel != 0)
			m.put("channel", Integer.toString(channel));
		if (threads != defaultThreads())
			m.put("threads", Integer.toString(threads));
		if (csv != null)
			m.put("csv", csv.toString());
		if (overwrite) m.put("overwrite", "true");
		if (calibrated) m.put("calibrated", "true");
		if (volumes && params.axesGiven() != 3) m.put("3d", "true");
		if (results) m.put("results", "true");
		if (!overlay) m.put("overlay", "false");
		if (roiManager) m.put("roi_manager", "true");
		final StringBuilder sb = new StringBuilder();
		for (final Map.Entry<String, String> e : m.entrySet()) {
			if (sb.length() > 0)
				sb.append(' ');
			final String v = e.getValue();
			if ("true".equals(v))
				sb.append(e.getKey());
			else
				sb.append(e.getKey()).append('=').append(v.isEmpty() || v.contains(" ") ? "[" + v + "]" : v);
		}
		return sb.toString();
	}
}
