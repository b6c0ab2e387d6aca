package io.github.parallellocate.parallel;

import java.util.List;
import io.github.parallellocate.core.Feature;


/**
 * Receives each frame's features, strictly in frame order, from one thread at
 * a time (the engine serialises calls). A sink may stream them to a file.
 */
@FunctionalInterface
public interface FeatureSink {

	/**
	 * @param frame 0-based frame index
	 * @param features the frame's features in trackpy's order (possibly empty)
	 * @throws Exception to abort the run (e.g. the output cannot be written)
	 */
	void accept(int frame, List<Feature> features) throws Exception;
}
