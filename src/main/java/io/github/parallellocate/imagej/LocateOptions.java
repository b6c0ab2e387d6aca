package io.github.parallellocate.imagej;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.github.parallellocate.core.LocateParameters;


/**
 * Everything a "Locate Features..." run needs, parsed from the keys every
 * front door shares: the ImageJ 1.x plugin (macro options and dialog), the
 * SciJava command and scripts all go through {@link #from(MacroOptions)}, so
 * a key means the same everywhere.
 *
 * @param params trackpy's parameters
 * @param channel 0 for all channels; for RGB 1 = red, 2 = green, 3 = blue;
 *          otherwise the 1-based channel of a multichannel image
 * @param threads worker threads
 * @param csv where to save the trackpy-compatible CSV, or null
 * @param results also fill the system Results table
 * @param overlay put one circle per feature on the image's overlay
 * @param roiManager also add the circles to the ROI Manager (GUI only)
 */
public record LocateOptions(LocateParameters params, int channel, int threads, Path csv, boolean results,
		boolean overlay, boolean roiManager) {

	/** trackpy's parameter names, in trackpy's order. */
	public static final List<String> TRACKPY_KEYS = List.of("diameter", "minmass", "maxsize", "separation",
		"noise_size", "smoothing_size", "threshold", "invert", "percentile", "topn", "preprocess", "max_iterations",
		"characterize");

	/** Every key: trackpy's, then ours. */
	public static final Set<String> KEYS;
	static {
		final Set<String> k = new LinkedHashSet<>(TRACKPY_KEYS);
		k.addAll(List.of("channel", "threads", "csv", "results", "overlay", "roi_manager"));
		KEYS = Collections.unmodifiableSet(k);
	}

	/** The RGB channel names, for channel 1, 2 and 3. */
	public static final List<String> RGB_CHANNELS = List.of("red", "green", "blue");

	/** Parses a macro options string such as {@code "diameter=11 minmass=20 invert"}. */
	public static LocateOptions parse(final String macroOptions) {
		return from(MacroOptions.parse(macroOptions, KEYS));
	}

	/** Builds from key/value pairs (values as macro text; null = absent). */
	public static LocateOptions from(final Map<String, String> pairs) {
		return from(MacroOptions.of(pairs, KEYS));
	}

	/**
	 * Builds from parsed options. Absent keys take trackpy's defaults
	 * ({@code preprocess} and {@code characterize} true, the rest false/None),
	 * {@code overlay} is on, {@code threads} is all cores.
	 *
	 * @throws IllegalArgumentException with a one-line message naming the key
	 */
	public static LocateOptions from(final MacroOptions o) {
		final String d = o.get("diameter");
		if (OptionalNumbers.isNone(d))
			throw new IllegalArgumentException("diameter is required (an odd integer, e.g. diameter=11)");
		final LocateParameters.Builder b = LocateParameters.builder(OptionalNumbers.integer("diameter", d));
		b.minmass(OptionalNumbers.optionalDouble("minmass", o.get("minmass"), true));
		b.maxsize(OptionalNumbers.optionalDouble("maxsize", o.get("maxsize"), true));
		b.separation(OptionalNumbers.optionalDouble("separation", o.get("separation"), false));
		if (o.has("noise_size"))
			b.noiseSize(OptionalNumbers.number("noise_size", o.get("noise_size")));
		b.smoothingSize(OptionalNumbers.optionalInteger("smoothing_size", o.get("smoothing_size")));
		b.threshold(OptionalNumbers.optionalDouble("threshold", o.get("threshold"), false));
		b.invert(o.bool("invert", false));
		if (o.has("percentile"))
			b.percentile(OptionalNumbers.number("percentile", o.get("percentile")));
		b.topn(OptionalNumbers.optionalInteger("topn", o.get("topn")));
		b.preprocess(o.bool("preprocess", true));
		if (o.has("max_iterations"))
			b.maxIterations(OptionalNumbers.integer("max_iterations", o.get("max_iterations")));
		b.characterize(o.bool("characterize", true));
		final LocateParameters params = b.build();

		final int threads = o.has("threads") && !OptionalNumbers.isNone(o.get("threads"))
			? OptionalNumbers.integer("threads", o.get("threads")) : defaultThreads();
		if (threads < 1)
			throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		final String csv = o.get("csv");
		final Path csvPath = csv == null || csv.isBlank() ? null : Paths.get(csv.trim());
		return new LocateOptions(params, parseChannel(o.get("channel")), threads, csvPath, o.bool("results", false),
			o.bool("overlay", true), o.bool("roi_manager", false));
	}

	/** All cores. */
	public static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/**
	 * A channel: absent, empty, {@code all} or 0 = all channels; {@code red},
	 * {@code green}, {@code blue} = 1, 2, 3; otherwise a positive integer.
	 */
	public static int parseChannel(final String text) {
		if (text == null)
			return 0;
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.isEmpty() || t.equals("all"))
			return 0;
		final int rgb = RGB_CHANNELS.indexOf(t);
		if (rgb >= 0)
			return rgb + 1;
		final int c;
		try {
			c = OptionalNumbers.integer("channel", t);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException("channel must be all, a channel number, or red, green or blue, got '" + text.trim() + "'");
		}
		if (c < 0)
			throw new IllegalArgumentException("channel must be positive, got " + c);
		return c;
	}

	/** The same options with another CSV path (or none). */
	public LocateOptions withCsv(final Path path) {
		return new LocateOptions(params, channel, threads, path, results, overlay, roiManager);
	}
}
