package io.github.parallellocate.imagej;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ImageJ macro options string ({@code "diameter=11 invert csv=[/a b.csv]"})
 * split into keys and values. Unlike {@code ij.Macro.getValue}, keys are matched
 * whole, so no key can be mistaken for the tail of another; unknown keys are
 * an error (a typo such as {@code minmas=20} must not be silently ignored).
 * <ul>
 * <li>{@code key=value}, {@code key=[value with spaces]}, {@code key='value'};</li>
 * <li>a bare {@code key} is a checked box: {@code true};</li>
 * <li>{@code key=[]} is an empty value.</li>
 * </ul>
 */
public final class MacroOptions {

	private final Map<String, String> values = new LinkedHashMap<>();

	private MacroOptions() {}

	/**
	 * Parses an options string.
	 *
	 * @param options the string (null is empty)
	 * @param known the keys that may appear
	 * @throws IllegalArgumentException for an unknown key, a repeated key or an
	 *           unclosed bracket
	 */
	public static MacroOptions parse(final String options, final Set<String> known) {
		final MacroOptions m = new MacroOptions();
		final String s = options == null ? "" : options;
		int i = 0;
		final int n = s.length();
		while (i < n) {
			if (Character.isWhitespace(s.charAt(i))) {
				i++;
				continue;
			}
			int k = i;
			while (k < n && s.charAt(k) != '=' && !Character.isWhitespace(s.charAt(k)))
				k++;
			final String key = s.substring(i, k).toLowerCase(Locale.ROOT);
			String value = "true";
			if (k < n && s.charAt(k) == '=') {
				k++;
				if (k < n && s.charAt(k) == '[') {
					final int end = closingBracket(s, k);
					value = s.substring(k + 1, end);
					k = end + 1;
				}
				else if (k < n && s.charAt(k) == '\'') {
					final int end = s.indexOf('\'', k + 1);
					if (end < 0)
						throw new IllegalArgumentException("unclosed quote in option " + key);
					value = s.substring(k + 1, end);
					k = end + 1;
				}
				else {
					final int start = k;
					while (k < n && !Character.isWhitespace(s.charAt(k)))
						k++;
					value = s.substring(start, k);
				}
			}
			if (!known.contains(key))
				throw new IllegalArgumentException("unknown option '" + key + "' (known: " + String.join(", ", known) + ")");
			if (m.values.put(key, value) != null)
				throw new IllegalArgumentException("option '" + key + "' is given twice");
			i = k;
		}
		return m;
	}

	private static int closingBracket(final String s, final int open) {
		int depth = 0;
		for (int i = open; i < s.length(); i++) {
			if (s.charAt(i) == '[')
				depth++;
			else if (s.charAt(i) == ']' && --depth == 0)
				return i;
		}
		throw new IllegalArgumentException("unclosed [ in options: " + s.substring(open));
	}

	/**
	 * Options from key/value pairs (a value of {@code null} means absent), as
	 * a dialog or a typed command produces them.
	 *
	 * @throws IllegalArgumentException for an unknown key
	 */
	public static MacroOptions of(final Map<String, String> pairs, final Set<String> known) {
		final MacroOptions m = new MacroOptions();
		for (final Map.Entry<String, String> e : pairs.entrySet()) {
			if (!known.contains(e.getKey()))
				throw new IllegalArgumentException("unknown option '" + e.getKey() + "'");
			if (e.getValue() != null)
				m.values.put(e.getKey(), e.getValue());
		}
		return m;
	}

	/** Whether the key was given. */
	public boolean has(final String key) {
		return values.containsKey(key);
	}

	/** The value, or null if the key is absent. */
	public String get(final String key) {
		return values.get(key);
	}

	/**
	 * A boolean: a bare key or {@code true} is true, {@code false} is false
	 * (any case); an absent key is the default.
	 */
	public boolean bool(final String key, final boolean defaultValue) {
		final String v = values.get(key);
		if (v == null)
			return defaultValue;
		if (v.equalsIgnoreCase("true"))
			return true;
		if (v.equalsIgnoreCase("false"))
			return false;
		throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
	}
}
