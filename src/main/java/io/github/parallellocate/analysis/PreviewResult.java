package io.github.parallellocate.analysis;

import java.util.List;
import java.util.Locale;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;


/**
 * One plane's preview.
 *
 * @param params the parameters previewed (with their filters)
 * @param candidates every feature of the unfiltered run, in trackpy's row order
 * @param classes the candidates split by the filters of {@code params}
 * @param locateNanos time spent locating (0-ish when the candidates were reused)
 * @param reused whether the candidates of the previous preview were reused
 */
public record PreviewResult(LocateParameters params, List<Feature> candidates, Classification classes,
		long locateNanos, boolean reused) {

	/** The features trackpy returns with {@code params}. */
	public List<Feature> accepted() {
		return classes.accepted();
	}

	/** The candidates the filters reject. */
	public List<Feature> rejected() {
		return classes.rejected();
	}

	/** A one-line summary, e.g. {@code "412 features, 388 rejected (minmass 380, maxsize 8), 41 ms"}. */
	public String summary() {
		final StringBuilder sb = new StringBuilder();
		sb.append(accepted().size()).append(accepted().size() == 1 ? " feature" : " features");
		if (!rejected().isEmpty()) {
			sb.append(", ").append(rejected().size()).append(" rejected (");
			String sep = "";
			for (final Rejection r : Rejection.values()) {
				final int n = classes.count(r);
				if (n > 0) {
					sb.append(sep).append(r.name().toLowerCase(Locale.ROOT)).append(' ').append(n);
					sep = ", ";
				}
			}
			sb.append(')');
		}
		sb.append(reused ? ", filters only" : String.format(Locale.ROOT, ", %d ms", locateNanos / 1_000_000));
		return sb.toString();
	}
}
