package io.github.parallellocate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.imagej.Annotator;
import io.github.parallellocate.io.AtomicOutput;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.RunSummary;


/**
 * {@code --demo}: locates the bundled 5-frame bulk water sample
 * ({@code /demo/bulk_water_5.tif}, see its README) with trackpy's tutorial
 * parameters (diameter 11, invert, minmass 20), writes {@code features.csv}
 * and {@code features-frame0.png} (frame 0 with a circle around each
 * feature) into the current directory or {@code --output DIR}, replacing
 * them, and prints a summary on stdout.
 */
final class Demo {

	static final String SAMPLE = "/demo/bulk_water_5.tif";
	static final String CSV = "features.csv";
	static final String PNG = "features-frame0.png";
	static final int DIAMETER = 11;
	static final double MINMASS = 20;

	private final Main main;

	Demo(final Main main) {
		this.main = main;
	}

	int run() throws CliException {
		final Path dir = main.output != null ? main.output : Paths.get("");
		if (!main.inputs.isEmpty())
			throw CliException.usage("--demo takes no INPUT (it runs on its bundled sample)");
		if (!Files.isDirectory(dir.toAbsolutePath()))
			throw CliException.failure("--output for --demo must be an existing directory, got " + dir, null);
		final LocateParameters params = main.parameters(main.trackpy.diameter() != null ? main.trackpy.diameter() : DIAMETER, true,
			main.trackpy.minmass() != null ? main.trackpy.minmass() : MINMASS);
		final LocateRun run = new LocateRun(main, params, Channel.NONE, main.threads());
		Path sample = null;
		try {
			sample = extractSample();
			final FileFrameSource source = LocateRun.open(List.of(sample.toString()), Channel.NONE);
			final List<List<Feature>> kept = new ArrayList<>();
			final RunSummary summary;
			try (AtomicOutput csv = run.create(dir.resolve(CSV), true); AtomicOutput png = run.create(dir.resolve(PNG), true)) {
				summary = run.locate(source, csv.stream(), kept);
				try (PlaneReader reader = source.newReader()) {
					final List<Feature> first = kept.isEmpty() || kept.get(0) == null ? List.of() : kept.get(0);
					ImageIO.write(new Annotator(params.diameter().max()).render(reader.read(0).asPlane(), first).getBufferedImage(), "png", png.stream());
				}
				run.commit(png);
				run.commit(csv);
			}
			final java.io.PrintStream out = new java.io.PrintStream(main.stdout(), true, "UTF-8");
			out.println("Parallel Locate demo: " + source.size() + " frames of trackpy's bulk water movie (" + source.width() + "x"
				+ source.height() + ", 8-bit), " + params);
			out.println(LocateRun.summary(summary));
			out.println("wrote " + dir.resolve(CSV) + " and " + dir.resolve(PNG));
			out.flush();
			return ExitCodes.OK;
		}
		catch (final IOException e) {
			throw CliException.failure(e.getMessage(), e);
		}
		finally {
			if (sample != null) {
				try {
					Files.deleteIfExists(sample);
				}
				catch (final IOException e) {
					// a temporary file: nothing else to do
				}
			}
		}
	}

	/** Copies the bundled sample to a temporary file (the reader works on files). */
	private static Path extractSample() throws IOException {
		try (InputStream in = Demo.class.getResourceAsStream(SAMPLE)) {
			if (in == null)
				throw new IOException("the demo sample " + SAMPLE + " is missing from the jar");
			final Path tmp = Files.createTempFile("parallel-locate-demo-", ".tif");
			Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
			return tmp;
		}
	}
}
