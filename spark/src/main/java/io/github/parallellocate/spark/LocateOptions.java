package io.github.parallellocate.spark;

import java.io.Serializable;

import io.github.parallellocate.core.LocateParameters;
import picocli.CommandLine.Option;

/**
 * trackpy's {@code locate} parameters as command-line options, with the same
 * names and meaning as the command line ({@code parallel-locate-cli.jar}).
 * Serializable: the driver ships it to the executors, which build their own
 * {@link LocateParameters} from it.
 */
public final class LocateOptions implements Serializable {

	private static final long serialVersionUID = 1L;

	@Option(names = "--diameter", required = true, paramLabel = "D", description = "Feature diameter in pixels (odd integer).")
	int diameter;

	@Option(names = "--minmass", paramLabel = "M", description = "Minimum integrated brightness (default 0).")
	Double minmass;

	@Option(names = "--maxsize", paramLabel = "S", description = "Maximum radius of gyration (default: none).")
	Double maxsize;

	@Option(names = "--separation", paramLabel = "S", description = "Minimum separation of features (default: diameter + 1).")
	Double separation;

	@Option(names = "--noise-size", paramLabel = "N", description = "Width of the Gaussian blurring kernel (default 1).")
	double noiseSize = 1;

	@Option(names = "--smoothing-size", paramLabel = "N", description = "Size of the boxcar smoothing (default: diameter).")
	Integer smoothingSize;

	@Option(names = "--threshold", paramLabel = "T", description = "Clip band-passed data below this value (default: 1, 1/255 for float images).")
	Double threshold;

	@Option(names = "--invert", description = "Features are dark on a bright background.")
	boolean invert;

	@Option(names = "--percentile", paramLabel = "P", description = "Local maxima must be brighter than this percentile of pixels (default 64).")
	double percentile = 64;

	@Option(names = "--topn", paramLabel = "N", description = "Keep only the N brightest features per frame.")
	Integer topn;

	@Option(names = "--no-preprocess", description = "Skip the band pass (trackpy's preprocess=False).")
	boolean noPreprocess;

	@Option(names = "--max-iterations", paramLabel = "N", description = "Maximum centroid refinement steps (default 10).")
	int maxIterations = 10;

	@Option(names = "--no-characterize", description = "Only y, x, mass and frame columns.")
	boolean noCharacterize;

	/**
	 * The parameters.
	 *
	 * @throws IllegalArgumentException with a one-line message naming the
	 *           invalid parameter
	 */
	public LocateParameters toParameters() {
		return LocateParameters.builder(diameter).minmass(minmass).maxsize(maxsize).separation(separation)
			.noiseSize(noiseSize).smoothingSize(smoothingSize).threshold(threshold).invert(invert)
			.percentile(percentile).topn(topn).preprocess(!noPreprocess).maxIterations(maxIterations)
			.characterize(!noCharacterize).build();
	}
}
