package io.github.parallellocate.core;

/**
 * trackpy's {@code topn}: when more than {@code topn} features survive the
 * filters, {@code iloc[[argmax(mass)]]} for {@code topn == 1}, else
 * {@code iloc[argsort(mass)[-topn:]]} (numpy's introsort,
 * {@link NumpySort}: on equal masses at the cut, numpy's choice of rows and
 * their order), so the rows come out in ascending mass; {@code topn == 0}
 * keeps every feature, in that order.
 */
public final class Ranking {

	private Ranking() {}

	/**
	 * The rows trackpy's {@code topn} keeps of features with these masses (in
	 * row order), in the order trackpy returns them: all of them, in row order,
	 * if {@code topn} is null or cuts nothing; else as {@link Ranking}
	 * describes (numpy's {@code argmax} / {@code argsort}).
	 *
	 * @return indices into {@code mass}
	 */
	public static int[] topn(final double[] mass, final Integer topn) {
		final int[] all = new int[mass.length];
		for (int i = 0; i < all.length; i++)
			all[i] = i;
		return topn(all, all.length, mass, topn);
	}

	/**
	 * @param kept the surviving feature indices, in row order, in {@code kept[0..count)}
	 * @param mass the masses by feature index
	 * @param topn trackpy's topn, or null
	 * @return the rows to output, in order (a fresh array)
	 */
	static int[] topn(final int[] kept, final int count, final double[] mass, final Integer topn) {
		if (topn == null || count <= topn)
			return java.util.Arrays.copyOf(kept, count);
		if (topn == 1) {
			// numpy's argmax: the first maximum (a NaN wins)
			int best = 0;
			for (int k = 1; k < count; k++) {
				final double b = mass[kept[best]], m = mass[kept[k]];
				if (b != b)
					break;
				if (m > b || m != m)
					best = k;
			}
			return new int[] { kept[best] };
		}
		final double[] m = new double[count];
		for (int k = 0; k < count; k++)
			m[k] = mass[kept[k]];
		final int[] order = NumpySort.argsort(m);
		final int take = topn == 0 ? count : topn;
		final int[] out = new int[take];
		for (int k = 0; k < take; k++)
			out[k] = kept[order[count - take + k]];
		return out;
	}
}
