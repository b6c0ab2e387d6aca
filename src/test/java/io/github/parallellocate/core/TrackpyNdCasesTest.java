package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.testutil.Hyperstacks;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.ReferenceCase;

/**
 * The core against real trackpy on the N-dimensional reference cases of
 * {@code src/test/resources/reference/nd/} (made by
 * {@code scripts/reference/make_references.py --nd}): anisotropic 2D bulk
 * water, volumes of 8-bit, 16-bit and float pixels with every parameter
 * per axis, {@code topn} on exactly tied masses (numpy's introsort picks the
 * rows), without characterisation, and the parameters trackpy refuses.
 * <p>
 * As strict as the 2D cases: per frame the same features in trackpy's row
 * order, positions within {@value #POSITION_TOLERANCE} px, every other
 * column within {@value #VALUE_TOLERANCE} relative (mass and signal of float
 * images without preprocessing within
 * {@value TrackpyCasesTest#FLOAT_SCALE_TOLERANCE}: see
 * {@link TrackpyCasesTest#FLOAT_SCALE_TOLERANCE}). The per-axis {@code ep}
 * are each feature's own (trackpy with bug #609's join fixed).
 * </p>
 */
class TrackpyNdCasesTest {

	static final double POSITION_TOLERANCE = 1e-9;
	static final double VALUE_TOLERANCE = 1e-9;

	record NdCase(String name, String image, int ndim, String pixels, Map<String, String> keywords, String expected,
		String notes) {

		@Override
		public String toString() {
			return name;
		}
	}

	static List<NdCase> cases() {
		final List<NdCase> out = new ArrayList<>();
		try {
			for (final String line : Files.readAllLines(ReferenceCase.resource("nd/manifest.tsv"))) {
				if (line.startsWith("#") || line.startsWith("case\t") || line.isBlank())
					continue;
				final String[] f = line.split("\t", -1);
				final Map<String, String> kw = new LinkedHashMap<>();
				for (final String pair : f[4].trim().split(" +")) {
					final int eq = pair.indexOf('=');
					kw.put(pair.substring(0, eq), pair.substring(eq + 1));
				}
				out.add(new NdCase(f[0], f[1], Integer.parseInt(f[2]), f[3], kw, f[5], f[7]));
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		return out;
	}

	static List<? extends Image> frames(final NdCase c) {
		if (c.ndim() == 3)
			return Hyperstacks.volumes(ReferenceCase.resource(c.image()));
		final ImagePlus imp = IJ.openImage(ReferenceCase.resource(c.image()).toString());
		final ImageStack stack = imp.getStack();
		final List<Plane> planes = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++)
			planes.add(Plane.of(stack.getPixels(i), stack.getWidth(), stack.getHeight()));
		return planes;
	}

	static NdTable locateAll(final NdCase c, final List<? extends Image> frames) {
		final FeatureLocator locator = new FeatureLocator(LocateParameters.fromText(c.keywords()));
		final FeatureColumns cols = locator.columns(c.ndim());
		final NdTable t = NdTable.of(cols);
		for (int i = 0; i < frames.size(); i++)
			t.addAll(i, cols, locator.locate(frames.get(i)));
		return t;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void matchesTrackpy(final NdCase c) throws Exception {
		final List<? extends Image> frames = frames(c);
		for (final Image i : frames) {
			assertEquals(c.ndim(), i.ndim(), c.image());
			assertEquals(c.pixels(), i.type() == PixelType.UINT8 ? "uint8" : i.type() == PixelType.UINT16 ? "uint16" : "float32");
		}
		if (!c.expected().equals("table")) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> locateAll(c, frames),
				c.name() + ": " + c.notes());
			assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), "not a one-line message: " + e.getMessage());
			return;
		}
		final NdTable got = locateAll(c, frames);
		final NdTable ref = NdTable.readCsv(ReferenceCase.resource("nd/cases/" + c.name() + ".csv"));
		final boolean floatNoPre = c.pixels().equals("float32") && "False".equals(c.keywords().get("preprocess"));
		NdParity.assertSameRows(ref, got, POSITION_TOLERANCE,
			col -> floatNoPre && (col.equals("mass") || col.equals("signal")) ? TrackpyCasesTest.FLOAT_SCALE_TOLERANCE : VALUE_TOLERANCE);
		assertEquals(ref.size(), got.size(), c.name());
	}
}
