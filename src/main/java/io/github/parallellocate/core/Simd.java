package io.github.parallellocate.core;

/**
 * Whether the band pass runs its row kernels on the JDK's Vector API
 * ({@code jdk.incubator.vector}): only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the command line relaunches
 * itself so; Fiji's stock JVM does not have it) and the system property
 * {@value #PROPERTY} is not {@code false}. Both paths give the same bits: the
 * vector kernels compute every output with the scalar kernels' operations in
 * the same order, one output a lane; they only read rows at several offsets,
 * which HotSpot's own vectoriser (Java 17) leaves scalar.
 */
public final class Simd {

	/** The system property that switches the vector kernels off ({@code false}). */
	public static final String PROPERTY = "parallellocate.vector";
	/** The module that holds the Vector API. */
	public static final String MODULE = "jdk.incubator.vector";

	private static final boolean ENABLED = detect();

	private Simd() {}

	/** True when the band pass uses the vector kernels (decided once, when this class loads). */
	public static boolean enabled() {
		return ENABLED;
	}

	/** True when the JVM has the Vector API's module (it was started with {@code --add-modules jdk.incubator.vector}). */
	public static boolean moduleAvailable() {
		return ModuleLayer.boot().findModule(MODULE).isPresent();
	}

	/** A line for {@code --version} and logs: whether the vector kernels run, and why not. */
	public static String describe() {
		if (ENABLED)
			return "vector kernels: on (" + MODULE + ", " + VectorRows.lanes() + " doubles a vector)";
		if ("false".equalsIgnoreCase(System.getProperty(PROPERTY)))
			return "vector kernels: off (-D" + PROPERTY + "=false)";
		return moduleAvailable() ? "vector kernels: off (the vector unit is too narrow)"
			: "vector kernels: off (start Java with --add-modules " + MODULE + ")";
	}

	private static boolean detect() {
		if ("false".equalsIgnoreCase(System.getProperty(PROPERTY)) || !moduleAvailable())
			return false;
		try {
			return VectorRows.lanes() >= 2;
		}
		catch (final LinkageError e) {
			return false;
		}
	}
}
