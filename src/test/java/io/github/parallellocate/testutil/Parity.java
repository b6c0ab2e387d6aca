package io.github.parallellocate.testutil;

import java.util.List;

/**
 * The project's parity rule against trackpy references (see
 * ../shared/README.md) for 2D tables of trackpy's isotropic columns
 * ({@link FeatureTable}): the rule itself is {@link NdParity}'s, which also
 * covers 3D and per-axis columns; this class keeps the 2D tables' fields,
 * indexed like {@link FeatureTable#COLUMNS}.
 */
public final class Parity {

	public final int reference, candidate, paired, unmatchedReference, extraCandidate;
	public final double maxPosError;
	public final int posWithin1e6;
	/** Per column of {@link FeatureTable#COLUMNS} from index 2: count within tolerance. */
	public final int[] within;
	public final double[] maxRel;
	public final List<String> problems;
	private final NdParity rule;

	private Parity(final NdParity p) {
		rule = p;
		reference = p.reference;
		candidate = p.candidate;
		paired = p.paired;
		unmatchedReference = p.unmatchedReference;
		extraCandidate = p.extraCandidate;
		maxPosError = p.maxPosError;
		posWithin1e6 = p.posWithin1e6;
		within = p.within;
		maxRel = p.maxRel;
		problems = p.problems;
	}

	public static Parity compare(final FeatureTable ref, final FeatureTable cand) {
		return new Parity(NdParity.compare(ref.asNdTable(), cand.asNdTable()));
	}

	/** Asserts the parity rule, with a readable summary on failure. */
	public void assertParity() {
		rule.assertParity();
	}

	public String summary() {
		return rule.summary();
	}
}
