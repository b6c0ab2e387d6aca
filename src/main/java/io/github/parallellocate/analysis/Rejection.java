package io.github.parallellocate.analysis;

/** Why a candidate feature is not in trackpy's result: the filter that removed it. */
public enum Rejection {
	/** {@code mass <= minmass} (trackpy keeps {@code mass > minmass}; None = 0). */
	MINMASS,
	/** {@code size >= maxsize}. */
	MAXSIZE,
	/** Not among the {@code topn} brightest of the features that passed the other filters. */
	TOPN
}
