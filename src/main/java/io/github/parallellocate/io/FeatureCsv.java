package io.github.parallellocate.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.github.parallellocate.core.Feature;

/**
 * trackpy-compatible CSV: the columns and order of {@code trackpy.batch}'s
 * DataFrame, {@code y,x,mass,size,ecc,signal,raw_mass,ep,frame} (only
 * {@code y,x,mass,frame} without characterisation), numbers as pandas writes
 * them ({@link PythonFloat}), frame 0-based. No index column.
 * Every front door (command line, ImageJ, Spark) writes through this class,
 * so their files are byte-for-byte identical for the same input.
 */
public final class FeatureCsv {

	/** Header with characterisation columns. */
	public static final String HEADER = "y,x,mass,size,ecc,signal,raw_mass,ep,frame";
	/** Header without characterisation. */
	public static final String HEADER_NO_CHARACTERIZE = "y,x,mass,frame";

	private FeatureCsv() {}

	public static String header(final boolean characterize) {
		return characterize ? HEADER : HEADER_NO_CHARACTERIZE;
	}

	/** Appends one row (with a trailing newline). */
	public static void appendRow(final AsciiBuffer out, final int frame, final Feature f, final boolean characterize) {
		final int columns = characterize ? 8 : 3;
		// one call site for all columns: the formatter is compiled (and inlined) once, not once per column
		for (int c = 0; c < columns; c++)
			out.appendRepr(column(f, c)).append(',');
		out.append(frame).append('\n');
	}

	/** Column c of the CSV without the frame: y, x, mass, then size, ecc, signal, raw_mass, ep. */
	private static double column(final Feature f, final int c) {
		switch (c) {
			case 0: return f.y();
			case 1: return f.x();
			case 2: return f.mass();
			case 3: return f.size();
			case 4: return f.ecc();
			case 5: return f.signal();
			case 6: return f.rawMass();
			default: return f.ep();
		}
	}

	/** Appends one frame's rows. */
	public static void appendFrame(final AsciiBuffer out, final int frame, final List<Feature> features, final boolean characterize) {
		for (final Feature f : features)
			appendRow(out, frame, f, characterize);
	}

	/** Writes one frame's rows. */
	public static void writeFrame(final Writer out, final int frame, final List<Feature> features, final boolean characterize)
			throws IOException {
		final AsciiBuffer rows = new AsciiBuffer(features.size() * 160);
		appendFrame(rows, frame, features, characterize);
		out.write(rows.toString());
	}
}
