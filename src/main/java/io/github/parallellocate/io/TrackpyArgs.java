package io.github.parallellocate.io;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;

/**
 * trackpy's {@code locate} parameters as command-line options, read entirely
 * through the specification {@link LocateParameter}: the option names are
 * {@link LocateParameter#option()} ({@code --noise-size}, {@code --invert},
 * {@code --no-preprocess}), the help is
 * {@link LocateParameter#helpWithDefault()}, and the values are kept as the
 * text the user typed until {@link #parameters()} parses them with the
 * specification's grammar ({@link LocateParameters.Builder#set(LocateParameter, String)}).
 * <p>
 * Used by every command-line front door: {@code parallel-locate} (picocli
 * options from {@link #addOptionsTo(CommandSpec, int)}, and its fast parser
 * through {@link #forOption(String)}) and the Spark job. Serializable (a map
 * of texts): a Spark driver can ship it to its executors.
 * </p>
 */
public final class TrackpyArgs implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The message when {@code --diameter} is missing. */
	public static final String DIAMETER_REQUIRED = LocateParameter.DIAMETER.option()
		+ " is required (trackpy's diameter: an odd number of pixels, or one per axis z,y,x or y,x)";

	private final EnumMap<LocateParameter, String> given = new EnumMap<>(LocateParameter.class);

	/**
	 * The parameter whose option this is ({@code --noise-size}), or null.
	 * Flags have one option: {@code --invert} turns {@code invert} on,
	 * {@code --no-preprocess} turns {@code preprocess} off.
	 */
	public static LocateParameter forOption(final String option) {
		for (final LocateParameter p : LocateParameter.values())
			if (p.option().equals(option))
				return p;
		return null;
	}

	/** Whether the option of this parameter takes no value (a flag). */
	public static boolean isFlag(final LocateParameter p) {
		return p.type() == LocateParameter.Type.FLAG;
	}

	/** The value a flag's option sets: the opposite of its default ({@code --no-preprocess} sets false). */
	public static String flagValue(final LocateParameter p) {
		return Boolean.toString(!Boolean.TRUE.equals(p.defaultValue()));
	}

	/** The label of an option's value in the help: {@code D}, {@code M}, {@code N}... */
	public static String valueLabel(final LocateParameter p) {
		switch (p.type()) {
			case PER_AXIS: return p == LocateParameter.DIAMETER ? "D" : "V";
			case INTEGER: return "N";
			default: return p == LocateParameter.MINMASS ? "M" : "X";
		}
	}

	/**
	 * Records the text given for an option (checked later, by {@link #parameters()}).
	 *
	 * @param text the value's text; for a flag, {@link #flagValue(LocateParameter)}
	 */
	public TrackpyArgs set(final LocateParameter p, final String text) {
		given.put(p, text);
		return this;
	}

	/** Records a flag's option ({@code --invert}). */
	public TrackpyArgs setFlag(final LocateParameter p) {
		return set(p, flagValue(p));
	}

	/** The text given for a parameter, or null. */
	public String get(final LocateParameter p) {
		return given.get(p);
	}

	/** True if the option of the parameter was given. */
	public boolean has(final LocateParameter p) {
		return given.containsKey(p);
	}

	/** The texts given, by parameter. */
	public Map<LocateParameter, String> given() {
		return new EnumMap<>(given);
	}

	/**
	 * The parameters as given, parsed and validated by the specification.
	 *
	 * @throws IllegalArgumentException one line naming the parameter (or {@link #DIAMETER_REQUIRED})
	 */
	public LocateParameters parameters() {
		return parameters(Map.of());
	}

	/**
	 * The parameters, with values (as text) for the parameters that were not given.
	 *
	 * @throws IllegalArgumentException one line naming the parameter
	 */
	public LocateParameters parameters(final Map<LocateParameter, String> defaults) {
		final EnumMap<LocateParameter, String> all = new EnumMap<>(LocateParameter.class);
		all.putAll(defaults);
		all.putAll(given);
		final String d = all.get(LocateParameter.DIAMETER);
		if (d == null || d.isBlank())
			throw new IllegalArgumentException(DIAMETER_REQUIRED);
		final LocateParameters.Builder b = LocateParameters.builder(1);
		for (final Map.Entry<LocateParameter, String> e : all.entrySet())
			b.set(e.getKey(), e.getValue());
		return b.build();
	}

	/**
	 * Adds one picocli option per parameter of the specification to a command,
	 * each recording its text here.
	 *
	 * @param firstOrder the help order of the first option (the others follow)
	 */
	public void addOptionsTo(final CommandSpec spec, final int firstOrder) {
		int order = firstOrder;
		for (final LocateParameter p : LocateParameter.values()) {
			final OptionSpec.Builder o = OptionSpec.builder(p.option()).description(description(p).replace("%", "%%")).order(order++);
			if (isFlag(p))
				o.type(boolean.class).arity("0").setter(flagSetter(p));
			else
				o.type(String.class).paramLabel(valueLabel(p)).arity("1").setter(valueSetter(p));
			spec.addOption(o.build());
		}
	}

	/**
	 * The help of a parameter's option: the specification's help with its
	 * default; for a {@code --no-NAME} flag, "Turns off NAME: " first.
	 */
	public static String description(final LocateParameter p) {
		return isFlag(p) && Boolean.TRUE.equals(p.defaultValue()) ? "Turns off " + p.key() + ": " + p.helpWithDefault() : p.helpWithDefault();
	}

	private ISetter flagSetter(final LocateParameter p) {
		return new ISetter() {
			@Override
			public <T> T set(final T value) {
				if (Boolean.TRUE.equals(value))
					setFlag(p);
				return null;
			}
		};
	}

	private ISetter valueSetter(final LocateParameter p) {
		return new ISetter() {
			@Override
			public <T> T set(final T value) {
				if (value != null)
					TrackpyArgs.this.set(p, value.toString());
				return null;
			}
		};
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof TrackpyArgs && ((TrackpyArgs) o).given.equals(given);
	}

	@Override
	public int hashCode() {
		return given.hashCode();
	}

	@Override
	public String toString() {
		return given.toString();
	}
}
