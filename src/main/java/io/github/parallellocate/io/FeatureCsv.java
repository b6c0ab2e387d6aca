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
	public static void appendRow(final StringBuilder sb, final int frame, final Feature f, final boolean characterize) {
		sb.append(PythonFloat.repr(f.y())).append(',');
		sb.append(PythonFloat.repr(f.x())).append(',');
		sb.append(PythonFloat.repr(f.mass())).append(',');
		if (characterize) {
			sb.append(PythonFloat.repr(f.size())).append(',');
			sb.append(PythonFloat.repr(f.ecc())).append(',');
			sb.append(PythonFloat.repr(f.signal())).append(',');
			sb.append(PythonFloat.repr(f.rawMass())).append(',');
			sb.append(PythonFloat.repr(f.ep())).append(',');
		}
		sb.append(frame).append('\n');
	}

	/** Writes one frame's rows. */
	public static void writeFrame(final Writer out, final int frame, final List<Feature> features, final boolean characterize)
			throws IOException {
		final StringBuilder sb = new StringBuilder(features.size() * 120);
		for (final Feature f : features)
			appendRow(sb, frame, f, characterize);
		out.write(sb.toString());
	}
}
