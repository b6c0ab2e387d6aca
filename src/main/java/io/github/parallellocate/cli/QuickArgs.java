package io.github.parallellocate.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The usual command line, {@code INPUT... --name value} or
 * {@code --name=value} with plain values, parsed without picocli: picocli's
 * start (reflection over the annotations, built-in converters, some 250
 * classes) costs the command line ~150 ms, as much as locating 100 frames.
 * Only the long options of {@link Main} and {@link TrackpyOptions} are
 * known here, converted as picocli converts them ({@code Integer.valueOf},
 * {@code Double.valueOf}, {@code Paths.get}). Anything else returns false
 * and is left to picocli: help and version, unknown or repeated options,
 * values that look like options, {@code --flag=value}, {@code @files}, bad
 * numbers. So picocli keeps every message and every unusual case, and
 * {@code QuickArgsTest} checks that both parse the same lines the same way.
 */
final class QuickArgs {

	private final Main main;
	private final TrackpyOptions trackpy = new TrackpyOptions();
	private final List<String> inputs = new ArrayList<>();
	private final Set<String> seen = new HashSet<>();

	private QuickArgs(final Main main) {
		this.main = main;
	}

	/**
	 * Sets the options of a fresh {@link Main} from the arguments if they are
	 * all plain.
	 *
	 * @return false if picocli must parse them (main may then be half set: use a new one)
	 */
	static boolean parse(final String[] args, final Main main) {
		final QuickArgs q = new QuickArgs(main);
		for (int i = 0; i < args.length; i++) {
			final String a = args[i];
			if (!a.startsWith("-")) {
				if (a.isEmpty() || a.startsWith("@"))
					return false;
				q.inputs.add(a);
				continue;
			}
			final int eq = a.indexOf('=');
			final String name = eq < 0 ? a : a.substring(0, eq);
			if (!a.startsWith("--") || !q.seen.add(name))
				return false;
			if (q.flag(name)) {
				if (eq >= 0)
					return false;
				continue;
			}
			final String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
			if (value == null || value.isEmpty() || value.startsWith("@") || eq < 0 && value.startsWith("-") || !q.option(name, value))
				return false;
		}
		main.inputs = q.inputs;
		main.trackpy = q.trackpy;
		return true;
	}

	/** Sets a boolean option; false if the name is not one. */
	private boolean flag(final String name) {
		switch (name) {
			case "--invert": trackpy.invert = true; return true;
			case "--no-preprocess": trackpy.noPreprocess = true; return true;
			case "--no-characterize": trackpy.noCharacterize = true; return true;
			case "--overwrite": main.overwrite = true; return true;
			case "--skip-bad-frames": main.skipBadFrames = true; return true;
			case "--debug": main.debug = true; return true;
			case "--demo": main.demo = true; return true;
			default: return false;
		}
	}

	/** Sets an option with a value; false if the name is unknown or the value does not convert. */
	private boolean option(final String name, final String value) {
		try {
			switch (name) {
				case "--diameter": trackpy.diameter = Integer.valueOf(value); return true;
				case "--minmass": trackpy.minmass = Double.valueOf(value); return true;
				case "--maxsize": trackpy.maxsize = Double.valueOf(value); return true;
				case "--separation": trackpy.separation = Double.valueOf(value); return true;
				case "--noise-size": trackpy.noiseSize = Double.valueOf(value); return true;
				case "--smoothing-size": trackpy.smoothingSize = Integer.valueOf(value); return true;
				case "--threshold": trackpy.threshold = Double.valueOf(value); return true;
				case "--percentile": trackpy.percentile = Double.valueOf(value); return true;
				case "--topn": trackpy.topn = Integer.valueOf(value); return true;
				case "--max-iterations": trackpy.maxIterations = Integer.valueOf(value); return true;
				case "--channel": main.channel = value; return true;
				case "--threads": main.threads = Integer.valueOf(value); return true;
				case "--output": main.output = path(value); return true;
				case "--annotate": main.annotate = path(value); return true;
				default: return false;
			}
		}
		catch (final RuntimeException e) { // NumberFormatException, InvalidPathException: picocli reports them
			return false;
		}
	}

	private static Path path(final String value) {
		return Paths.get(value);
	}
}
