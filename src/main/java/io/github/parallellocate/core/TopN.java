package io.github.parallellocate.core;

/**
 * trackpy's {@code topn} for callers outside the core (the preview's
 * classification of candidates): the same rows, in the same order, as the
 * core keeps ({@link Ranking}: numpy's {@code argmax}/introsort on ties).
 */
public final class TopN {

	private TopN() {}

	/**
	 * @param mass the masses of the features that passed the filters, in row order
	 * @param topn trackpy's topn, or null
	 * @return the indices into {@code mass} of the rows trackpy returns, in its order
	 */
	public static int[] rows(final double[] mass, final Integer topn) {
		final int[] all = new int[mass.length];
		for (int i = 0; i < all.length; i++)
			all[i] = i;
		return Ranking.topn(all, all.length, mass, topn);
	}
}
