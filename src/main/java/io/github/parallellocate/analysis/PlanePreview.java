package io.github.parallellocate.analysis;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Image;


/**
 * Locates one plane (or volume) for the preview: runs the core once without the
 * {@code minmass}/{@code maxsize}/{@code topn} filters and classifies the
 * candidates ({@link Classification}). Remembers the last plane's candidates,
 * so moving only a filter (the usual tuning of {@code minmass}) reclassifies
 * without locating again. Not thread-safe: one per preview thread.
 */
public final class PlanePreview {

	private FeatureLocator locator;
	private Object lastPlane;
	private List<Feature> lastCandidates;

	/**
	 * The preview of a plane.
	 *
	 * @param planeKey identifies the plane's content (e.g. its stack index and
	 *          channel); equal keys mean equal pixels, so cached candidates
	 *          can be reused
	 * @param plane the pixels (read only when the candidates are not cached)
	 * @throws IllegalArgumentException if the core refuses the plane (e.g.
	 *           smaller than the diameter)
	 */
	public PreviewResult preview(final Object planeKey, final Supplier<? extends Image> plane,
			final LocateParameters params) {
		final LocateParameters candidateParams = Classification.unfiltered(params);
		final long t0 = System.nanoTime();
		final boolean cached = lastCandidates != null && Objects.equals(planeKey, lastPlane)
			&& locator.parameters().equals(candidateParams);
		if (!cached) {
			if (locator == null || !locator.parameters().equals(candidateParams))
				locator = new FeatureLocator(candidateParams);
			lastCandidates = null;
			lastCandidates = locator.locate(plane.get());
			lastPlane = planeKey;
		}
		final long t1 = System.nanoTime();
		return new PreviewResult(params, lastCandidates, Classification.classify(lastCandidates, params), t1 - t0,
			cached);
	}

	/** Forgets the cached candidates (e.g. when the pixels changed). */
	public void invalidate() {
		lastPlane = null;
		lastCandidates = null;
	}
}
