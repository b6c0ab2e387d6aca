package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.ReferenceCase;
import io.github.parallellocate.testutil.RowComparison;


/**
 * The core against real trackpy on the small reference cases of
 * {@code src/test/resources/reference/} (8-bit, 16-bit and float inputs, every
 * {@code locate} parameter, degenerate planes), made by
 * {@code scripts/reference/make_references.py}.
 * <p>
 * Stricter than the shared parity rule: per frame the same features in
 * trackpy's row order, positions within {@value #POSITION_TOLERANCE} px and
 * every other column within {@value #VALUE_TOLERANCE} relative, except mass
 * and signal of float images without preprocessing (see
 * {@link #FLOAT_SCALE_TOLERANCE}).
 * Where trackpy refuses the parameters, we must refuse them too, with a
 * one-line message; where trackpy returns a table but we deliberately refuse
 * ({@code error-deviation}), likewise.
 * </p>
 */
class TrackpyCasesTest {

	static final double POSITION_TOLERANCE = 1e-9;
	static final double VALUE_TOLERANCE = 1e-9;
	/**
	 * mass and signal of float images without preprocessing: trackpy divides
	 * by {@code 255 / image.max()}, which numpy 1.x (our references) evaluates
	 * in float64 and numpy 2 (NEP 50) in float32; we follow numpy 2. The
	 * integer image, hence every position, is the same.
	 */
	static final double FLOAT_SCALE_TOLERANCE = 1e-7;

	static List<ReferenceCase> cases() {
		return ReferenceCase.all();
	}

	/** Relative tolerance per column of {@link FeatureTable#COLUMNS} (y and x unused). */
	static double[] relativeTolerances(final ReferenceCase c) {
		final double[] tol = new double[FeatureTable.COLUMNS.length];
		java.util.Arrays.fill(tol, VALUE_TOLERANCE);
		if (c.pixelType() == PixelType.FLOAT32 && "False".equals(c.keywords().get("preprocess"))) {
			tol[2] = FLOAT_SCALE_TOLERANCE; // mass
			tol[5] = FLOAT_SCALE_TOLERANCE; // signal
		}
		return tol;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void matchesTrackpy(final ReferenceCase c) throws Exception {
		final List<Plane> frames = c.frames();
		for (final Plane p : frames)
			assertEquals(c.pixelType(), p.type(), c.image() + " opened with the wrong pixel type");
		if (!c.expectsTable()) {
			final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> locateAll(c, frames),
				c.name() + ": trackpy " + (c.expected().equals("error") ? "refuses" : "is undefined for") + " " + c.keywords());
			assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), "not a one-line message: " + e.getMessage());
			return;
		}
		final FeatureTable got = locateAll(c, frames);
		final FeatureTable ref = c.reference();
		final RowComparison cmp = RowComparison.compare(ref, got, POSITION_TOLERANCE, relativeTolerances(c));
		assertTrue(cmp.ok(), c.name() + " (" + c.notes() + "): " + cmp.summary());
		assertEquals(ref.size(), got.size(), c.name() + ": feature count");
	}

	private static FeatureTable locateAll(final ReferenceCase c, final List<Plane> frames) {
		final FeatureLocator locator = new FeatureLocator(c.parameters());
		final FeatureTable t = new FeatureTable();
		for (int i = 0; i < frames.size(); i++)
			t.addAll(i, locator.locate(frames.get(i)));
		return t;
	}
}
