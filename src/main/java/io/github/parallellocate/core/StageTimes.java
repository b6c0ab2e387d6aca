package io.github.parallellocate.core;

/**
 * Accumulated wall time per stage of {@link FeatureLocator#locate}, for the
 * benchmark. Not thread-safe: one per locator.
 */
public final class StageTimes {

	/** The stages, in the order they run. */
	public enum Stage {
		/** Inversion, Gaussian, boxcar, threshold, rescale to integers. */
		BANDPASS,
		/** Percentile threshold and the local-maximum test. */
		MAXIMA,
		/** Centroid refinement, characterisation, duplicates, filters. */
		REFINE,
		/** Background noise and ep. */
		NOISE,
		/** Reading the plane (measured by the engine, not the locator). */
		IO
	}

	private final long[] nanos = new long[Stage.values().length];
	private long frames;

	/** Adds {@code ns} nanoseconds to a stage. */
	public void add(final Stage stage, final long ns) {
		nanos[stage.ordinal()] += ns;
	}

	void frameDone() {
		frames++;
	}

	/** Total nanoseconds spent in a stage. */
	public long nanos(final Stage stage) {
		return nanos[stage.ordinal()];
	}

	/** Frames measured. */
	public long frames() {
		return frames;
	}

	/** Adds another accumulator's times to this one. */
	public void addAll(final StageTimes other) {
		for (int i = 0; i < nanos.length; i++)
			nanos[i] += other.nanos[i];
		frames += other.frames;
	}
}
