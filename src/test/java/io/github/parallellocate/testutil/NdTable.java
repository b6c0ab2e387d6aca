package io.github.parallellocate.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;

/**
 * A feature table of any of trackpy's column sets (2D or 3D, isotropic or
 * per axis, with or without characterisation), rows grouped by frame: what
 * {@link NdParity} compares. Columns are
 * named as trackpy names them; the {@code frame} column may be anywhere.
 */
public final class NdTable {

	private final List<String> columns;
	private final Map<Integer, List<double[]>> frames = new TreeMap<>();

	public NdTable(final List<String> columns) {
		this.columns = List.copyOf(columns);
	}

	/** Reads a CSV with a header ({@code frame} and trackpy's columns); empty cells are NaN. */
	public static NdTable readCsv(final Path csv) throws IOException {
		final List<String> lines = Files.readAllLines(csv);
		final List<String> head = new ArrayList<>(Arrays.asList(lines.get(0).split(",")));
		final int fc = head.indexOf("frame");
		if (fc < 0)
			throw new IOException(csv + ": no frame column");
		head.remove(fc);
		final NdTable t = new NdTable(head);
		for (final String line : lines.subList(1, lines.size())) {
			if (line.isBlank())
				continue;
			final String[] cells = line.split(",", -1);
			final double[] row = new double[head.size()];
			for (int i = 0, k = 0; i < cells.length; i++) {
				if (i == fc)
					continue;
				row[k++] = cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]);
			}
			t.add((int) Double.parseDouble(cells[fc]), row);
		}
		return t;
	}

	/** A table of located features, with the columns trackpy would give. */
	public static NdTable of(final FeatureColumns cols) {
		return new NdTable(cols.names());
	}

	public void add(final int frame, final double[] row) {
		frames.computeIfAbsent(frame, f -> new ArrayList<>()).add(row);
	}

	/** Adds features as rows of this table's columns (which must be {@code cols}' names). */
	public void addAll(final int frame, final FeatureColumns cols, final List<Feature> features) {
		if (!cols.names().equals(columns))
			throw new IllegalArgumentException("columns " + cols.names() + " vs " + columns);
		frames.computeIfAbsent(frame, f -> new ArrayList<>());
		for (final Feature f : features) {
			final double[] row = new double[cols.count()];
			for (int c = 0; c < row.length; c++)
				row[c] = cols.value(f, c);
			add(frame, row);
		}
	}

	public List<String> columns() {
		return columns;
	}

	public int column(final String name) {
		return columns.indexOf(name);
	}

	/** The number of position columns (2 or 3: the leading z, y, x). */
	public int ndim() {
		return columns.contains("z") ? 3 : 2;
	}

	public List<double[]> frame(final int frame) {
		return frames.getOrDefault(frame, List.of());
	}

	public java.util.Set<Integer> frameNumbers() {
		return frames.keySet();
	}

	public int size() {
		int n = 0;
		for (final List<double[]> l : frames.values())
			n += l.size();
		return n;
	}
}
