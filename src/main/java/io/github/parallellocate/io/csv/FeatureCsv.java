package io.github.parallellocate.io.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;


/**
 * trackpy-compatible CSV: the columns and order of {@code trackpy.batch}'s
 * DataFrame, from {@link FeatureColumns} ({@code y,x,mass,size,ecc,signal,raw_mass,ep}
 * for planes, {@code z,y,x,...} for volumes, per-axis {@code size_*}/{@code ep_*}
 * for anisotropic features, only the position and mass without
 * characterisation), then {@code frame}; numbers as pandas writes them
 * ({@link PythonFloat}), frame 0-based. No index column.
 * Every front door (command line, ImageJ, Spark) writes through this class,
 * so their files are byte-for-byte identical for the same input.
 */
public final class FeatureCsv {

	/** Header of 2D isotropic features with characterisation columns. */
	public static final String HEADER = header(FeatureColumns.of(2, false, true));
	/** Header of 2D features without characterisation. */
	public static final String HEADER_NO_CHARACTERIZE = header(FeatureColumns.of(2, false, false));

	private FeatureCsv() {}

	/** The header of 2D isotropic features. */
	public static String header(final boolean characterize) {
		return characterize ? HEADER : HEADER_NO_CHARACTERIZE;
	}

	/** The header for these columns, with {@code frame} last. */
	public static String header(final FeatureColumns columns) {
		return columns.header() + ",frame";
	}

	/** Appends one row of a 2D isotropic feature (with a trailing newline). */
	public static void appendRow(final AsciiBuffer out, final int frame, final Feature f, final boolean characterize) {
		appendRow(out, frame, f, characterize ? ISO2 : ISO2_BARE);
	}

	private static final FeatureColumns ISO2 = FeatureColumns.of(2, false, true), ISO2_BARE = FeatureColumns.of(2, false, false);

	/** Appends one row (with a trailing newline). */
	public static void appendRow(final AsciiBuffer out, final int frame, final Feature f, final FeatureColumns columns) {
		final int n = columns.count();
		// one call site for all columns: the formatter is compiled (and inlined) once, not once per column
		for (int c = 0; c < n; c++)
			out.appendRepr(columns.value(f, c)).append(',');
		out.append(frame).append('\n');
	}

	/** Appends one frame's rows of 2D isotropic features. */
	public static void appendFrame(final AsciiBuffer out, final int frame, final List<Feature> features, final boolean characterize) {
		appendFrame(out, frame, features, characterize ? ISO2 : ISO2_BARE);
	}

	/** Appends one frame's rows. */
	public static void appendFrame(final AsciiBuffer out, final int frame, final List<Feature> features, final FeatureColumns columns) {
		for (final Feature f : features)
			appendRow(out, frame, f, columns);
	}

	/** Writes one frame's rows of 2D isotropic features. */
	public static void writeFrame(final Writer out, final int frame, final List<Feature> features, final boolean characterize)
			throws IOException {
		final AsciiBuffer rows = new AsciiBuffer(features.size() * 160);
		appendFrame(rows, frame, features, characterize);
		out.write(rows.toString());
	}
}
