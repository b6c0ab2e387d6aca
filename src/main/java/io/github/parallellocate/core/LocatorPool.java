package io.github.parallellocate.core;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Locators kept from one run to the next in a process, so that a new run
 * with the same parameters (a user's second click, a macro's next file, a
 * Spark task's next partition, the benchmark's next round) finds its
 * buffers made: a fresh locator allocates and zeroes its row rings, maxima
 * scratch, histograms and feature buffers (about 10 MB for a 2048x2048
 * frame on two threads), work done on the run's critical path before the
 * first pixel is filtered. {@link ScratchPool} keeps the full-frame arrays;
 * this keeps the rest.
 * <p>
 * A locator is taken by one worker and given back when the worker is done;
 * in between no one else sees it, so the locators' contract (one thread at a
 * time) holds. The pool keeps at most {@value #MAX_KEPT} locators, by soft
 * references (the garbage collector takes them back whenever memory runs
 * short), the most recently given first. A locator given back forgets its
 * executor and stage times.
 * </p>
 */
public final class LocatorPool {

	/** Locators kept at most (the workers of a few runs at once). */
	static final int MAX_KEPT = 16;

	private static final ConcurrentLinkedDeque<SoftReference<FeatureLocator>> KEPT = new ConcurrentLinkedDeque<>();

	private LocatorPool() {}

	/**
	 * A locator for {@code params}: a kept one with equal parameters, else a
	 * new one.
	 *
	 * @throws IllegalArgumentException as {@link FeatureLocator#FeatureLocator}
	 */
	public static FeatureLocator take(final LocateParameters params) {
		for (final SoftReference<FeatureLocator> ref : KEPT) {
			final FeatureLocator l = ref.get();
			if (l == null)
				KEPT.removeFirstOccurrence(ref);
			else if (l.parameters().equals(params) && KEPT.removeFirstOccurrence(ref))
				return l; // removed by this thread: no other can have it
		}
		return new FeatureLocator(params);
	}

	/**
	 * Keeps {@code locator} for a later {@link #take}; its user must not use
	 * it any more. Give back only locators whose last image ended normally or
	 * with an ordinary exception (not an {@link Error}, after which its state
	 * is not to be trusted).
	 */
	public static void give(final FeatureLocator locator) {
		if (locator == null)
			return;
		locator.setExecutor(null, 1);
		locator.setStageTimes(null);
		KEPT.offerFirst(new SoftReference<>(locator));
		while (KEPT.size() > MAX_KEPT)
			KEPT.pollLast();
	}

	/** Forgets every kept locator (for tests). */
	static void clear() {
		KEPT.clear();
	}

	/** How many locators are kept (for tests; cleared references included). */
	static int size() {
		return KEPT.size();
	}
}
