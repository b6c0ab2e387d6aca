package io.github.parallellocate.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import io.github.parallellocate.core.Feature;


/**
 * Features grouped by frame, read from a trackpy-style CSV (header with
 * named columns, any order) or built from located features.
 */
public final class FeatureTable {

	/** Column order of {@link #row}. */
	public static final String[] COLUMNS = { "y", "x", "mass", "size", "ecc", "signal", "raw_mass", "ep" };

	private final TreeMap<Integer, List<double[]>> frames = new TreeMap<>();

	/** Reads a CSV with a header naming at least frame, y, x, mass. */
	public static FeatureTable readCsv(final Path csv) throws IOException {
		final FeatureTable t = new FeatureTable();
		final List<String> lines = Files.readAllLines(csv);
		final String[] header = lines.get(0).split(",");
		final int[] col = new int[COLUMNS.length];
		int frameCol = -1;
		for (int c = 0; c < COLUMNS.length; c++)
			col[c] = -1;
		for (int i = 0; i < header.length; i++) {
			final String name = header[i].trim();
			if (name.equals("frame"))
				frameCol = i;
			for (int c = 0; c < COLUMNS.length; c++)
				if (COLUMNS[c].equals(name))
					col[c] = i;
		}
		if (frameCol < 0)
			throw new IOException(csv + ": no frame column");
		for (int l = 1; l < lines.size(); l++) {
			if (lines.get(l).isBlank())
				continue;
			final String[] f = lines.get(l).split(",", -1);
			final double[] row = new double[COLUMNS.length];
			for (int c = 0; c < COLUMNS.length; c++)
				row[c] = col[c] < 0 || f[col[c]].isEmpty() ? Double.NaN : Double.parseDouble(f[col[c]]);
			t.add((int) Double.parseDouble(f[frameCol]), row);
		}
		return t;
	}

	/** A row of the given feature in {@link #COLUMNS} order. */
	public static double[] row(final Feature f) {
		return new double[] { f.y(), f.x(), f.mass(), f.size(), f.ecc(), f.signal(), f.rawMass(), f.ep() };
	}

	public void add(final int frame, final double[] row) {
		frames.computeIfAbsent(frame, k -> new ArrayList<>()).add(row);
	}

	public void addAll(final int frame, final List<Feature> features) {
		frames.computeIfAbsent(frame, k -> new ArrayList<>());
		for (final Feature f : features)
			add(frame, row(f));
	}

	public List<double[]> frame(final int frame) {
		return frames.getOrDefault(frame, List.of());
	}

	public java.util.Set<Integer> frameNumbers() {
		return frames.keySet();
	}

	/** The same rows as a table of named columns ({@link #COLUMNS}), as {@link NdParity} compares them. */
	public NdTable asNdTable() {
		final NdTable t = new NdTable(List.of(COLUMNS));
		for (final java.util.Map.Entry<Integer, List<double[]>> e : frames.entrySet())
			for (final double[] row : e.getValue())
				t.add(e.getKey(), row);
		return t;
	}

	public int size() {
		int n = 0;
		for (final List<double[]> l : frames.values())
			n += l.size();
		return n;
	}
}
