package io.github.parallellocate.parallel;

import java.util.List;
import io.github.parallellocate.core.Feature;

/**
 * What locating one frame gave: its features, or why it failed.
 */
public sealed interface FrameResult {

	/** The 0-based frame index. */
	int frame();

	/** The frame's features, in trackpy's order. */
	record Located(int frame, List<Feature> features) implements FrameResult {}

	/**
	 * The frame failed. A fatal failure (the reader could not be opened, the
	 * settings do not fit the image, a JVM error) stops the run even when bad
	 * frames are skipped.
	 */
	record Failed(int frame, Throwable cause, boolean fatal) implements FrameResult {}
}
