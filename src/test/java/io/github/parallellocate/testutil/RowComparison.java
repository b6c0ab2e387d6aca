package io.github.parallellocate.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stricter comparison than {@link Parity} for small reference cases: per
 * frame the same number of features, in the same row order as trackpy's
 * table, row by row within a per-column tolerance.
 */
public final class RowComparison {

	/** Largest |difference| of y and x seen, in pixels. */
	public double maxPosError;
	/** Largest relative difference per column of {@link FeatureTable#COLUMNS} (from index 2). */
	public final double[] maxRel = new double[FeatureTable.COLUMNS.length];
	/** Row count differences and rows outside tolerance, readable. */
	public final List<String> problems = new ArrayList<>();
	public int rows;

	private RowComparison() {}

	/**
	 * Compares {@code got} with {@code ref} row by row.
	 *
	 * @param posTol largest accepted |dy|, |dx| in pixels
	 * @param relTol largest accepted relative difference per column index
	 *          (entries 0 and 1 are unused)
	 */
	public static RowComparison compare(final FeatureTable ref, final FeatureTable got, final double posTol,
		final double[] relTol) {
		final RowComparison c = new RowComparison();
		final Set<Integer> frames = new TreeSet<>(ref.frameNumbers());
		frames.addAll(got.frameNumbers());
		for (final int f : frames) {
			final List<double[]> r = ref.frame(f);
			final List<double[]> g = got.frame(f);
			if (r.size() != g.size()) {
				c.problems.add("frame " + f + ": trackpy has " + r.size() + " features, we have " + g.size());
				continue;
			}
			for (int i = 0; i < r.size(); i++) {
				c.rows++;
				c.compareRow(f, i, r.get(i), g.get(i), posTol, relTol);
			}
		}
		return c;
	}

	private void compareRow(final int frame, final int row, final double[] r, final double[] g, final double posTol,
		final double[] relTol) {
		final double dpos = Math.max(Math.abs(r[0] - g[0]), Math.abs(r[1] - g[1]));
		maxPosError = Math.max(maxPosError, Double.isNaN(dpos) ? Double.POSITIVE_INFINITY : dpos);
		if (!(dpos <= posTol))
			problem(frame, row, "position", r, g);
		for (int k = 2; k < r.length; k++) {
			final double rel = relative(r[k], g[k]);
			maxRel[k] = Math.max(maxRel[k], rel);
			if (!(rel <= relTol[k]))
				problem(frame, row, FeatureTable.COLUMNS[k] + " (rel " + rel + ")", r, g);
		}
	}

	private void problem(final int frame, final int row, final String what, final double[] r, final double[] g) {
		if (problems.size() < 20)
			problems.add("frame " + frame + " row " + row + ": " + what + " differs: trackpy " + java.util.Arrays.toString(r)
				+ ", we " + java.util.Arrays.toString(g));
	}

	/** Relative difference; 0 for equal values or two NaNs, infinite for one NaN. */
	static double relative(final double a, final double b) {
		if (a == b || Double.isNaN(a) && Double.isNaN(b))
			return 0;
		if (Double.isNaN(a) || Double.isNaN(b))
			return Double.POSITIVE_INFINITY;
		return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
	}

	/** Whether every frame and row agreed within tolerance. */
	public boolean ok() {
		return problems.isEmpty();
	}

	public String summary() {
		final StringBuilder sb = new StringBuilder();
		sb.append(String.format("rows %d, max|dpos| %.3g", rows, maxPosError));
		for (int k = 2; k < FeatureTable.COLUMNS.length; k++)
			sb.append(String.format(", %s %.3g", FeatureTable.COLUMNS[k], maxRel[k]));
		for (final String p : problems)
			sb.append("\n  ").append(p);
		return sb.toString();
	}
}
