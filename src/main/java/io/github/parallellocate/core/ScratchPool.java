package io.github.parallellocate.core;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Full-frame scratch arrays lent to the locators of a process, so that a new
 * locator (every run makes new ones) does not allocate them again: the JVM
 * zeroes a new array on the allocating thread, and the arrays of a 2048x2048
 * frame (the band pass's rows, 32 MB, for images band-passed in two
 * passes; the integer image, 16 MB) cost milliseconds to allocate, as much as a
 * stage of the locate itself. A locator borrows its arrays for the work on
 * one image and gives them back at its end; the pool holds them by soft
 * references, so the garbage collector takes them back whenever memory runs
 * short, and it keeps at most {@value #MAX_KEPT} of each kind.
 * <p>
 * A borrowed array holds whatever its last user left in it: every user
 * writes the part it reads.
 * </p>
 */
final class ScratchPool {

	static final int MAX_KEPT = 160; // a volume's slices (64 in the benchmark) and more
	/** Arrays smaller than this are not worth pooling. */
	static final int SMALLEST = 1 << 14;

	private static final ConcurrentLinkedQueue<SoftReference<double[]>> DOUBLES = new ConcurrentLinkedQueue<>();
	private static final ConcurrentLinkedQueue<SoftReference<int[]>> INTS = new ConcurrentLinkedQueue<>();

	private ScratchPool() {}

	/** A {@code double[]} of at least {@code length}: a kept one if any fits, else a new one. */
	static double[] doubles(final int length) {
		if (length >= SMALLEST)
			for (int tries = DOUBLES.size(); tries > 0; tries--) {
				final SoftReference<double[]> ref = DOUBLES.poll();
				if (ref == null)
					break;
				final double[] a = ref.get();
				if (a == null)
					continue;
				if (fits(a.length, length))
					return a;
				DOUBLES.offer(ref);
			}
		return new double[length];
	}

	/** An {@code int[]} of at least {@code length}: a kept one if any fits, else a new one. */
	static int[] ints(final int length) {
		if (length >= SMALLEST)
			for (int tries = INTS.size(); tries > 0; tries--) {
				final SoftReference<int[]> ref = INTS.poll();
				if (ref == null)
					break;
				final int[] a = ref.get();
				if (a == null)
					continue;
				if (fits(a.length, length))
					return a;
				INTS.offer(ref);
			}
		return new int[length];
	}

	/** Forgets every kept array (for tests). */
	static void clear() {
		DOUBLES.clear();
		INTS.clear();
	}

	/** Whether a kept array of {@code have} elements serves a request for {@code want} (not more than twice as long). */
	private static boolean fits(final int have, final int want) {
		return have >= want && have / 2 <= want;
	}

	/** Gives an array back (its borrower must not use it any more); the oldest kept one goes when the pool is full. */
	static void give(final double[] a) {
		if (a == null || a.length < SMALLEST)
			return;
		if (DOUBLES.size() >= MAX_KEPT)
			DOUBLES.poll();
		DOUBLES.offer(new SoftReference<>(a));
	}

	/** Gives an array back (its borrower must not use it any more); the oldest kept one goes when the pool is full. */
	static void give(final int[] a) {
		if (a == null || a.length < SMALLEST)
			return;
		if (INTS.size() >= MAX_KEPT)
			INTS.poll();
		INTS.offer(new SoftReference<>(a));
	}
}
