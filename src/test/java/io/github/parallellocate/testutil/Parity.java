package io.github.parallellocate.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The project's parity rule against trackpy references (see
 * ../shared/README.md): per frame, pair each reference feature with the
 * nearest candidate within 0.5 px; every reference feature paired and no
 * extra candidates; max |dpos| <= 1e-3 px with >= 99.9% within 1e-6 px; mass,
 * size, signal, raw_mass within 1e-6 relative for >= 99.9%; ecc and ep within
 * 1e-3 relative for >= 99%.
 */
public final class Parity {

	public int reference, candidate, paired, unmatchedReference, extraCandidate;
	public double maxPosError;
	public int posWithin1e6;
	/** Per column of {@link FeatureTable#COLUMNS} from index 2: count within tolerance. */
	public final int[] within = new int[FeatureTable.COLUMNS.length];
	public final double[] maxRel = new double[FeatureTable.COLUMNS.length];
	public final List<String> problems = new ArrayList<>();

	private Parity() {}

	public static Parity compare(final FeatureTable ref, final FeatureTable cand) {
		final Parity p = new Parity();
		final Set<Integer> frames = new TreeSet<>(ref.frameNumbers());
		frames.addAll(cand.frameNumbers());
		for (final int f : frames) {
			final List<double[]> r = ref.frame(f);
			final List<double[]> c = cand.frame(f);
			p.reference += r.size();
			p.candidate += c.size();
			final boolean[] used = new boolean[c.size()];
			for (final double[] rr : r) {
				int best = -1;
				double bestD = 0.5;
				for (int i = 0; i < c.size(); i++) {
					if (used[i])
						continue;
					final double d = Math.hypot(rr[0] - c.get(i)[0], rr[1] - c.get(i)[1]);
					if (d <= bestD) {
						bestD = d;
						best = i;
					}
				}
				if (best < 0) {
					p.unmatchedReference++;
					if (p.problems.size() < 20)
						p.problems.add("frame " + f + ": reference feature at y=" + rr[0] + " x=" + rr[1] + " mass=" + rr[2] + " not found");
					continue;
				}
				used[best] = true;
				p.paired++;
				final double[] cc = c.get(best);
				final double dpos = Math.max(Math.abs(rr[0] - cc[0]), Math.abs(rr[1] - cc[1]));
				p.maxPosError = Math.max(p.maxPosError, dpos);
				if (dpos <= 1e-6)
					p.posWithin1e6++;
				for (int k = 2; k < rr.length; k++) {
					final double tol = k == 4 || k == 7 ? 1e-3 : 1e-6;
					final double rel = relative(rr[k], cc[k]);
					p.maxRel[k] = Math.max(p.maxRel[k], rel);
					if (rel <= tol)
						p.within[k]++;
				}
			}
			for (int i = 0; i < c.size(); i++) {
				if (!used[i]) {
					p.extraCandidate++;
					if (p.problems.size() < 20)
						p.problems.add("frame " + f + ": extra feature at y=" + c.get(i)[0] + " x=" + c.get(i)[1] + " mass=" + c.get(i)[2]);
				}
			}
		}
		return p;
	}

	private static double relative(final double a, final double b) {
		if (Double.isNaN(a) && Double.isNaN(b))
			return 0;
		if (a == b)
			return 0;
		return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
	}

	/** Asserts the parity rule, with a readable summary on failure. */
	public void assertParity() {
		final String s = summary();
		assertTrue(reference > 0, "empty reference");
		assertEquals(0, unmatchedReference, "reference features not found:\n" + s);
		assertEquals(0, extraCandidate, "extra features:\n" + s);
		assertTrue(maxPosError <= 1e-3, "max |dpos| " + maxPosError + "\n" + s);
		assertTrue(posWithin1e6 >= 0.999 * paired, "positions within 1e-6:\n" + s);
		for (int k = 2; k < FeatureTable.COLUMNS.length; k++) {
			final double frac = k == 4 || k == 7 ? 0.99 : 0.999;
			assertTrue(within[k] >= frac * paired, FeatureTable.COLUMNS[k] + " within tolerance for " + within[k] + "/" + paired + "\n" + s);
		}
	}

	public String summary() {
		final StringBuilder sb = new StringBuilder();
		sb.append(String.format("reference %d, candidate %d, paired %d, missing %d, extra %d, max|dpos| %.3g, within 1e-6 px %d%n",
			reference, candidate, paired, unmatchedReference, extraCandidate, maxPosError, posWithin1e6));
		for (int k = 2; k < FeatureTable.COLUMNS.length; k++)
			sb.append(String.format("  %-8s within tol %d, max rel %.3g%n", FeatureTable.COLUMNS[k], within[k], maxRel[k]));
		for (final String pr : problems)
			sb.append("  ").append(pr).append('\n');
		return sb.toString();
	}
}
