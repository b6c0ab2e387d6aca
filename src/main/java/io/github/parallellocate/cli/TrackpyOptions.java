package io.github.parallellocate.cli;

import java.io.Serializable;

import picocli.CommandLine.Option;
import io.github.parallellocate.core.LocateParameters;

/**
 * trackpy's {@code locate} parameters as command-line options ({@code --diameter},
 * {@code --minmass}, ... {@code --no-characterize}), a picocli mixin shared by
 * every command-line front door (this command line and the Spark one), so
 * that they have the same options with the same meaning. Serializable: the
 * Spark driver ships it to its executors.
 */
public final class TrackpyOptions implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The message when {@code --diameter} is missing. */
	public static final String DIAMETER_REQUIRED = "--diameter is required (trackpy's diameter: a positive odd integer, in pixels)";

	@Option(names = "--diameter", paramLabel = "D", description = "Feature diameter in pixels, a positive odd integer (trackpy: diameter). Required.")
	Integer diameter;

	@Option(names = "--minmass", paramLabel = "M", description = "Minimum integrated brightness (trackpy: minmass; default none = 0).")
	Double minmass;

	@Option(names = "--maxsize", paramLabel = "S", description = "Maximum radius of gyration (trackpy: maxsize; default none).")
	Double maxsize;

	@Option(names = "--separation", paramLabel = "S", description = "Minimum separation between features (trackpy: separation; default diameter + 1).")
	Double separation;

	@Option(names = "--noise-size", paramLabel = "N", description = "Width of the Gaussian noise filter (trackpy: noise_size; default ${DEFAULT-VALUE}).")
	double noiseSize = 1;

	@Option(names = "--smoothing-size", paramLabel = "N", description = "Size of the boxcar background filter, odd (trackpy: smoothing_size; default diameter).")
	Integer smoothingSize;

	@Option(names = "--threshold", paramLabel = "T", description = "Clip bandpass result below this value (trackpy: threshold; default 1, or 1/255 for float images).")
	Double threshold;

	@Option(names = "--invert", description = "Features are dark on a bright background (trackpy: invert=True).")
	boolean invert;

	@Option(names = "--percentile", paramLabel = "P", description = "Features must be brighter than this percentile of the bandpassed image (trackpy: percentile; default ${DEFAULT-VALUE}).")
	double percentile = 64;

	@Option(names = "--topn", paramLabel = "N", description = "Keep only the N brightest features per frame (trackpy: topn; default all).")
	Integer topn;

	@Option(names = "--no-preprocess", description = "Do not bandpass the image (trackpy: preprocess=False).")
	boolean noPreprocess;

	@Option(names = "--max-iterations", paramLabel = "N", description = "Maximum refinement iterations (trackpy: max_iterations; default ${DEFAULT-VALUE}).")
	int maxIterations = 10;

	@Option(names = "--no-characterize", description = "Only y, x, mass, frame columns (trackpy: characterize=False).")
	boolean noCharacterize;

	/** {@code --diameter}, or null if not given. */
	public Integer diameter() {
		return diameter;
	}

	/** {@code --minmass}, or null if not given. */
	public Double minmass() {
		return minmass;
	}

	public boolean invert() {
		return invert;
	}

	/**
	 * The parameters, with the given diameter, invert and minmass (the
	 * others from the options).
	 *
	 * @throws IllegalArgumentException with a one-line message naming an invalid parameter
	 */
	public LocateParameters parameters(final int d, final boolean inv, final Double mm) {
		return LocateParameters.builder(d).minmass(mm).maxsize(maxsize).separation(separation).noiseSize(noiseSize)
			.smoothingSize(smoothingSize).threshold(threshold).invert(inv).percentile(percentile).topn(topn).preprocess(!noPreprocess)
			.maxIterations(maxIterations).characterize(!noCharacterize).build();
	}

	/**
	 * The parameters as given.
	 *
	 * @throws IllegalArgumentException if {@code --diameter} is missing or a parameter is invalid (one-line message)
	 */
	public LocateParameters parameters() {
		if (diameter == null)
			throw new IllegalArgumentException(DIAMETER_REQUIRED);
		return parameters(diameter, invert, minmass);
	}
}
