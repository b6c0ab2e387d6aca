package io.github.parallellocate.core;

import java.util.List;

/**
 * The N-dimensional path of {@link FeatureLocator}: volumes, and planes with
 * per-axis parameters.
 */
final class NdLocator {

	private final LocateParameters params;
	private final int ndim;
	private StageTimes times;

	NdLocator(final LocateParameters params, final int ndim) {
		this.params = params;
		this.ndim = ndim;
	}

	void setStageTimes(final StageTimes t) {
		times = t;
	}

	List<Feature> locate(final Image image) {
		throw new UnsupportedOperationException("3D and per-axis locate: not implemented yet");
	}
}
