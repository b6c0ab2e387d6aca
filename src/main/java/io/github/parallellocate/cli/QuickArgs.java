package io.github.parallellocate.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.io.TrackpyArgs;

/**
 * The usual command line, {@code INPUT... --name value} or
 * {@code --name=value} with plain values, parsed without picocli: picocli's
 * start (reflection over the annotations, built-in converters, some 250
 * classes) costs the command line ~150 ms, as much as locating 100 frames.
 * trackpy's options are looked up in the specification
 * ({@link TrackpyArgs#forOption(String)}, texts checked later by the
 * specification's grammar, as the picocli options built from it do); the
 * command line's own options are those of {@link Main}, converted as picocli
 * converts them ({@code Integer.valueOf}, {@code Paths.get}). Anything else
 * returns false and is left to picocli: help and version, unknown or repeated
 * options, values that look like options, {@code --flag=value},
 * {@code @files}, bad numbers. So picocli keeps every message and every
 * unusual case, and {@code QuickArgsTest} checks that both parse the same
 * lines the same way.
 */
final class QuickArgs {

	private final Main main;
	private final TrackpyArgs trackpy = new TrackpyArgs();
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
			if (value == null || value.isEmpty() || value.startsWith("@") || eq < 0 && value.startsWith("-") && !value.equals("-") || !q.option(name, value))
				return false;
		}
		main.inputs = q.inputs;
		main.trackpy = q.trackpy;
		return true;
	}

	/** Sets a boolean option; false if the name is not one. */
	private boolean flag(final String name) {
		final LocateParameter p = TrackpyArgs.forOption(name);
		if (p != null) {
			if (!TrackpyArgs.isFlag(p))
				return false;
			trackpy.setFlag(p);
			return true;
		}
		switch (name) {
			case "--3d": main.volumes = true; return true;
			case "--overwrite": main.overwrite = true; return true;
			case "--skip-bad-frames": main.skipBadFrames = true; return true;
			case "--debug": main.debug = true; return true;
			case "--demo": main.demo = true; return true;
			default: return false;
		}
	}

	/** Sets an option with a value; false if the name is unknown or the value does not convert. */
	private boolean option(final String name, final String value) {
		final LocateParameter p = TrackpyArgs.forOption(name);
		if (p != null) {
			trackpy.set(p, value);
			return true;
		}
		try {
			switch (name) {
				case "--slices": main.slices = Integer.valueOf(value); return true;
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
