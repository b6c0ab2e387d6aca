package io.github.parallellocate.core;

import java.util.List;

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

	/**
	 * The system property that switches the vector kernels off ({@code false}),
	 * or on from the first image ({@code eager}: before they are compiled).
	 */
	public static final String PROPERTY = "parallellocate.vector";
	/** The module that holds the Vector API. */
	public static final String MODULE = "jdk.incubator.vector";
	/**
	 * JVM options that keep the vector kernels at their speed in long runs.
	 * HotSpot 17 at times compiles the threshold kernel ({@code
	 * VectorRows.subtractAndThreshold}), inlined into a band-pass driver that
	 * was first compiled for the scalar kernels, without its vector store
	 * intrinsic: the 3D band pass then takes 40 ms instead of 24 in about one
	 * JVM in five, until the JVM exits. Compiled on its own (the call costs
	 * nothing measurable, once a row) it never was, in the runs measured. The
	 * command line's worker and the benchmark start with these; {@code quiet}
	 * keeps the JVM from announcing them on stdout.
	 */
	public static final List<String> JVM_OPTIONS = List.of("-XX:CompileCommand=quiet",
		"-XX:CompileCommand=dontinline,io.github.parallellocate.core.VectorRows::subtractAndThreshold");

	private static final boolean ENABLED = detect();
	/**
	 * {@code -Dparallellocate.vector=eager}: the vector kernels from the first
	 * image on, compiled or not (the tests, so that every image they locate
	 * checks the vector kernels).
	 */
	private static final boolean EAGER = "eager".equalsIgnoreCase(System.getProperty(PROPERTY));
	/** Whether {@link VectorWarmup} has got the kernels compiled. */
	private static volatile boolean ready;
	private static volatile Thread warmer;

	private Simd() {}

	/**
	 * Starts (once a JVM, on a daemon thread) getting the vector kernels
	 * compiled ({@link VectorWarmup}); until that is done, {@link #useVector()}
	 * says no, and locators take the scalar kernels. Locators call this when
	 * they are made.
	 */
	static synchronized void prepare() {
		if (!ENABLED || ready || warmer != null)
			return;
		final Thread t = new Thread(() -> {
			try {
				VectorWarmup.run();
			}
			catch (final Throwable e) {
				// the kernels are still right, only slow until compiled
			}
			finally {
				ready = true;
			}
		}, "parallel-locate-vector-warm-up");
		t.setDaemon(true);
		warmer = t;
		t.start();
	}

	/**
	 * Whether the next image's kernels are the vector ones: when {@link
	 * #enabled()} and they are compiled (or on the warm-up's own thread).
	 * Either way the results are the same; only the speed differs.
	 */
	static boolean useVector() {
		return ENABLED && (ready || EAGER || Thread.currentThread() == warmer);
	}

	/**
	 * The kernels a test asks a locator for: {@code vector} itself (null:
	 * chosen per image by {@link #useVector()}); refuses the vector ones when
	 * the JVM cannot run them.
	 */
	static Boolean forced(final Boolean vector) {
		if (vector != null && vector && !ENABLED)
			throw new IllegalStateException(describe());
		return vector;
	}

	/** The kernels for the next image: those {@link #forced} asked for, else {@link #useVector()}. */
	static boolean choose(final Boolean forced) {
		return forced != null ? forced : useVector();
	}

	/** Waits until the vector kernels are compiled (tests, benchmarks); false if they are not on, or on timeout. */
	public static boolean awaitReady(final long millis) throws InterruptedException {
		prepare();
		final Thread t = warmer;
		if (t != null)
			t.join(millis);
		return ENABLED && ready;
	}

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
