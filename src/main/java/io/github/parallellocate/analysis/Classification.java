package io.github.parallellocate.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.Ranking;
import io.github.parallellocate.core.LocateParameters;


/**
 * The candidates of one plane split into the features trackpy returns and
 * those its {@code minmass}, {@code maxsize} and {@code topn} filters reject.
 * The candidates come from one run of the core with those filters removed
 * ({@link #unfiltered}); {@link #classify} then applies the filters the way
 * the core does, so {@link #accepted()} equals, in order and value, what the
 * core returns with the filters, and changing only a filter needs no new run.
 *
 * @param accepted the features trackpy returns, in trackpy's row order
 * @param rejected the other candidates, in candidate order
 * @param reasons why each rejected candidate was rejected (same order)
 */
public record Classification(List<Feature> accepted, List<Feature> rejected, List<Rejection> reasons) {

	/**
	 * The parameters of the candidate run: no {@code minmass} (every finite
	 * mass passes), no {@code maxsize}, no {@code topn}, and characterisation
	 * on (for the size histogram; it changes no position or mass).
	 */
	public static LocateParameters unfiltered(final LocateParameters p) {
		return p.toBuilder().minmass(-Double.MAX_VALUE).maxsize(null).topn(null).characterize(true).build();
	}

	/** Whether the candidates of {@code a} serve {@code b}: only the filters differ. */
	public static boolean sameCandidates(final LocateParameters a, final LocateParameters b) {
		return unfiltered(a).equals(unfiltered(b));
	}

	/**
	 * Applies {@code params}' filters to the candidates of
	 * {@link #unfiltered}{@code (params)}: keep {@code mass > minmass} and
	 * {@code size < maxsize}, then the {@code topn} brightest (ascending mass,
	 * ties as numpy's argsort leaves them: {@link Ranking}; {@code topn = 1} is the first maximum).
	 */
	public static Classification classify(final List<Feature> candidates, final LocateParameters params) {
		final double minmass = params.minmass();
		final Double maxsize = params.maxsize();
		final Rejection[] why = new Rejection[candidates.size()];
		final List<Integer> passed = new ArrayList<>();
		for (int i = 0; i < why.length; i++) {
			final Feature f = candidates.get(i);
			if (!(f.mass() > minmass))
				why[i] = Rejection.MINMASS;
			else if (maxsize != null && !(f.size() < maxsize))
				why[i] = Rejection.MAXSIZE;
			else
				passed.add(i);
		}
		final List<Integer> kept = topn(candidates, passed, params.topn());
		if (kept.size() < passed.size()) {
			for (final int i : passed)
				why[i] = Rejection.TOPN;
			for (final int i : kept)
				why[i] = null;
		}
		final List<Feature> accepted = new ArrayList<>(kept.size());
		for (final int i : kept)
			accepted.add(candidates.get(i));
		final List<Feature> rejected = new ArrayList<>();
		final List<Rejection> reasons = new ArrayList<>();
		for (int i = 0; i < why.length; i++)
			if (why[i] != null) {
				rejected.add(candidates.get(i));
				reasons.add(why[i]);
			}
		return new Classification(Collections.unmodifiableList(accepted), Collections.unmodifiableList(rejected),
			Collections.unmodifiableList(reasons));
	}

	/** The indices {@code topn} keeps, in the order trackpy returns them (the core's {@link Ranking}). */
	private static List<Integer> topn(final List<Feature> c, final List<Integer> passed, final Integer topn) {
		final double[] mass = new double[passed.size()];
		for (int k = 0; k < mass.length; k++)
			mass[k] = c.get(passed.get(k)).mass();
		final List<Integer> kept = new ArrayList<>();
		for (final int k : Ranking.topn(mass, topn))
			kept.add(passed.get(k));
		return kept;
	}

	/** How many candidates {@code reason} rejected. */
	public int count(final Rejection reason) {
		return (int) reasons.stream().filter(r -> r == reason).count();
	}
}
