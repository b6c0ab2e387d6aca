package io.github.parallellocate.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;

/**
 * One trackpy reference case of {@code src/test/resources/reference/}
 * (made by {@code scripts/reference/make_references.py}): an input image, the
 * trackpy keyword arguments, and what trackpy did with them.
 *
 * @param name case name; the reference table is {@code cases/<name>.csv}
 * @param image input image name; the file is {@code images/<image>.tif}
 * @param pixels numpy dtype of the image (uint8, uint16, float32)
 * @param keywords trackpy keyword arguments as written in the manifest
 * @param expected {@code table}, {@code error} (trackpy raises) or
 *          {@code error-deviation} (trackpy returns a table, we refuse)
 * @param notes the generator's notes (feature count, engine differences)
 */
public record ReferenceCase(String name, String image, String pixels, Map<String, String> keywords, String expected,
	String notes) {

	/** Directory of the reference cases on the test class path. */
	private static final String ROOT = "/reference/";

	/** All cases of the manifest, in its order. */
	public static List<ReferenceCase> all() {
		final List<ReferenceCase> cases = new ArrayList<>();
		try {
			for (final String line : Files.readAllLines(resource("manifest.tsv"))) {
				if (line.startsWith("#") || line.startsWith("case\t") || line.isBlank())
					continue;
				final String[] f = line.split("\t", -1);
				final Map<String, String> kw = new LinkedHashMap<>();
				for (final String pair : f[3].trim().split(" +")) {
					final int eq = pair.indexOf('=');
					kw.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
				cases.add(new ReferenceCase(f[0], f[1], f[2], kw, f[4], f[6]));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return cases;
	}

	/** A file below the reference directory of the test class path. */
	public static Path resource(final String relative) {
		final URL url = ReferenceCase.class.getResource(ROOT + relative);
		if (url == null)
			throw new IllegalStateException("missing test resource " + ROOT + relative);
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Whether trackpy's table is the expected outcome. */
	public boolean expectsTable() {
		return expected.equals("table");
	}

	/** trackpy's output for this case (also present for error-deviation cases). */
	public FeatureTable reference() throws IOException {
		return FeatureTable.readCsv(resource("cases/" + name + ".csv"));
	}

	/** Whether the reference table has the characterisation columns. */
	public boolean characterize() {
		return !"False".equals(keywords.get("characterize"));
	}

	/**
	 * Builds our parameters from the trackpy keywords.
	 *
	 * @throws IllegalArgumentException where our validation refuses them
	 */
	public LocateParameters parameters() {
		final LocateParameters.Builder b = LocateParameters.builder(Integer.parseInt(keywords.get("diameter")));
		for (final Map.Entry<String, String> e : keywords.entrySet()) {
			final String v = e.getValue();
			switch (e.getKey()) {
				case "diameter": break;
				case "minmass": b.minmass(Double.parseDouble(v)); break;
				case "maxsize": b.maxsize(Double.parseDouble(v)); break;
				case "separation": b.separation(Double.parseDouble(v)); break;
				case "noise_size": b.noiseSize(Double.parseDouble(v)); break;
				case "smoothing_size": b.smoothingSize(Integer.parseInt(v)); break;
				case "threshold": b.threshold(Double.parseDouble(v)); break;
				case "invert": b.invert(bool(v)); break;
				case "percentile": b.percentile(Double.parseDouble(v)); break;
				case "topn": b.topn(Integer.parseInt(v)); break;
				case "preprocess": b.preprocess(bool(v)); break;
				case "max_iterations": b.maxIterations(Integer.parseInt(v)); break;
				case "characterize": b.characterize(bool(v)); break;
				default: throw new IllegalStateException(name + ": unknown trackpy keyword " + e.getKey());
			}
		}
		return b.build();
	}

	private static boolean bool(final String v) {
		if (!v.equals("True") && !v.equals("False"))
			throw new IllegalStateException("not a Python bool: " + v);
		return v.equals("True");
	}

	/** The pixel type the manifest declares for the image. */
	public PixelType pixelType() {
		switch (pixels) {
			case "uint8": return PixelType.UINT8;
			case "uint16": return PixelType.UINT16;
			case "float32": return PixelType.FLOAT32;
			default: throw new IllegalStateException(name + ": unsupported dtype " + pixels);
		}
	}

	/** The frames of the input image, opened with ImageJ. */
	public List<Plane> frames() {
		final Path tif = resource("images/" + image + ".tif");
		final ImagePlus imp = IJ.openImage(tif.toString());
		if (imp == null)
			throw new IllegalStateException("ImageJ cannot open " + tif);
		final ImageStack stack = imp.getStack();
		final List<Plane> planes = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++)
			planes.add(Plane.of(stack.getPixels(i), stack.getWidth(), stack.getHeight()));
		return planes;
	}

	@Override
	public String toString() {
		return name;
	}
}
