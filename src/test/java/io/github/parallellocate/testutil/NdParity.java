package io.github.parallellocate.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared parity rule ({@link Parity}, ../shared/README.md) for tables of
 * any of trackpy's column sets, 2D or 3D: per frame, each reference feature
 * paired with the nearest candidate within 0.5 px (in 3D, nearest in z, y,
 * x); every reference feature paired and no extra candidates; max |dpos| <=
 * 1e-3 px with >= 99.9% within 1e-6 px; mass, size (size_z, ...), signal and
 * raw_mass within 1e-6 relative for >= 99.9%; ecc and ep (ep_z, ...) within
 * 1e-3 relative for >= 99%. NaN on both sides counts as equal.
 */
public final class NdParity {

	public int reference, candidate, paired, unmatchedReference, extraCandidate;
	public double maxPosError;
	public int posWithin1e6;
	public final List<String> columns;
	public final int[] within;
	public final double[] maxRel;
	public final List<String> problems = new ArrayList<>();
	private final int nd;

	private NdParity(final List<String> columns, final int nd) {
		this.columns = columns;
		this.nd = nd;
		within = new int[columns.size()];
		maxRel = new double[columns.size()];
	}

	public static NdParity compare(final NdTable ref, final NdTable cand) {
		if (!ref.columns().equals(cand.columns()))
			throw new AssertionError("columns differ: trackpy " + ref.columns() + ", ours " + cand.columns());
		final NdParity p = new NdParity(ref.columns(), ref.ndim());
		final int nd = p.nd;
		final Set<Integer> frames = new TreeSet<>(ref.frameNumbers());
		frames.addAll(cand.frameNumbers());
		for (final int f : frames) {
			final List<double[]> r = ref.frame(f), c = cand.frame(f);
			p.reference += r.size();
			p.candidate += c.size();
			final boolean[] used = new boolean[c.size()];
			for (final double[] rr : r) {
				int best = -1;
				double bestD = 0.5;
				for (int i = 0; i < c.size(); i++) {
					if (used[i])
						continue;
					double s = 0;
					for (int a = 0; a < nd; a++)
						s += (rr[a] - c.get(i)[a]) * (rr[a] - c.get(i)[a]);
					final double d = Math.sqrt(s);
					if (d <= bestD) {
						bestD = d;
						best = i;
					}
				}
				if (best < 0) {
					p.unmatchedReference++;
					if (p.problems.size() < 20)
						p.problems.add("frame " + f + ": reference feature " + row(p.columns, rr) + " not found");
					continue;
				}
				used[best] = true;
				p.paired++;
				final double[] cc = c.get(best);
				double dpos = 0;
				for (int a = 0; a < nd; a++)
					dpos = Math.max(dpos, Math.abs(rr[a] - cc[a]));
				p.maxPosError = Math.max(p.maxPosError, dpos);
				if (dpos <= 1e-6)
					p.posWithin1e6++;
				for (int k = nd; k < rr.length; k++) {
					final double rel = relative(rr[k], cc[k]);
					p.maxRel[k] = Math.max(p.maxRel[k], rel);
					if (rel <= tolerance(p.columns.get(k)))
						p.within[k]++;
				}
			}
			for (int i = 0; i < c.size(); i++)
				if (!used[i]) {
					p.extraCandidate++;
					if (p.problems.size() < 20)
						p.problems.add("frame " + f + ": extra feature " + row(p.columns, c.get(i)));
				}
		}
		return p;
	}

	/** 1e-3 for ecc and ep columns, 1e-6 for the others. */
	static double tolerance(final String column) {
		return column.equals("ecc") || column.startsWith("ep") ? 1e-3 : 1e-6;
	}

	private static String row(final List<String> cols, final double[] r) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < Math.min(cols.size(), 4); i++)
			sb.append(cols.get(i)).append('=').append(r[i]).append(' ');
		return sb.toString().trim();
	}

	static double relative(final double a, final double b) {
		if (Double.isNaN(a) && Double.isNaN(b))
			return 0;
		if (a == b)
			return 0;
		return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
	}

	/**
	 * Asserts that {@code cand} has trackpy's rows in trackpy's order: per
	 * frame the same count, and row by row positions within {@code posTol}
	 * px and the other columns within the parity tolerances.
	 */
	public static void assertSameRows(final NdTable ref, final NdTable cand, final double posTol) {
		assertSameRows(ref, cand, posTol, NdParity::tolerance);
	}

	/** {@link #assertSameRows(NdTable, NdTable, double)} with a relative tolerance per column name. */
	public static void assertSameRows(final NdTable ref, final NdTable cand, final double posTol,
		final java.util.function.ToDoubleFunction<String> relTol) {
		assertEquals(ref.columns(), cand.columns(), "columns");
		final Set<Integer> frames = new TreeSet<>(ref.frameNumbers());
		frames.addAll(cand.frameNumbers());
		final int nd = ref.ndim();
		for (final int f : frames) {
			final List<double[]> r = ref.frame(f), c = cand.frame(f);
			assertEquals(r.size(), c.size(), "frame " + f + ": number of features");
			for (int i = 0; i < r.size(); i++)
				for (int k = 0; k < r.get(i).length; k++) {
					final double a = r.get(i)[k], b = c.get(i)[k];
					final boolean ok = k < nd ? Math.abs(a - b) <= posTol : relative(a, b) <= relTol.applyAsDouble(ref.columns().get(k));
					assertTrue(ok, "frame " + f + " row " + i + " " + ref.columns().get(k) + ": trackpy " + a + ", ours " + b);
				}
		}
	}

	/** Asserts the parity rule, with a readable summary on failure. */
	public void assertParity() {
		final String s = summary();
		assertTrue(reference > 0, "empty reference");
		assertEquals(0, unmatchedReference, "reference features not found:\n" + s);
		assertEquals(0, extraCandidate, "extra features:\n" + s);
		assertTrue(maxPosError <= 1e-3, "max |dpos| " + maxPosError + "\n" + s);
		assertTrue(posWithin1e6 >= 0.999 * paired, "positions within 1e-6:\n" + s);
		for (int k = nd; k < columns.size(); k++) {
			final double frac = tolerance(columns.get(k)) > 1e-6 ? 0.99 : 0.999;
			assertTrue(within[k] >= frac * paired, columns.get(k) + " within tolerance for " + within[k] + "/" + paired + "\n" + s);
		}
	}

	public String summary() {
		final StringBuilder sb = new StringBuilder();
		sb.append(String.format("reference %d, candidate %d, paired %d, missing %d, extra %d, max|dpos| %.3g, within 1e-6 px %d%n",
			reference, candidate, paired, unmatchedReference, extraCandidate, maxPosError, posWithin1e6));
		for (int k = nd; k < columns.size(); k++)
			sb.append(String.format("  %-8s within tol %d, max rel %.3g%n", columns.get(k), within[k], maxRel[k]));
		for (final String pr : problems)
			sb.append("  ").append(pr).append('\n');
		return sb.toString();
	}
}
