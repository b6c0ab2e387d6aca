package io.github.parallellocate.core;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs the independent parts of one image's work (row bands, ranges of
 * features) on the calling thread and, when given, on helper threads of an
 * {@link Executor}. The calling thread takes parts itself until none are
 * left, and then waits only for parts a helper has already started: a helper
 * that starts late (its executor busy) finds nothing to do, so the work never
 * waits on a queue and cannot deadlock, whatever the executor. Without an
 * executor (or with a parallelism of 1) every part runs on the calling thread,
 * in order.
 * <p>
 * Which thread runs a part never changes the result: callers give each part
 * its own output (disjoint ranges, or per-part buffers merged in part order).
 * </p>
 * <p>
 * A helper that has run out of parts waits for the next split of the same
 * image by spinning, for at most {@value #SPIN_NANOS} ns, and takes its parts
 * as soon as it is published, instead of going back to its executor to be
 * woken for it. One image's stages follow each other within fractions of a
 * millisecond, and waking a parked thread can cost more than that on a
 * virtual machine whose idle vCPU the host has descheduled: measured on the
 * 2-vCPU machine of docs/performance.md, a parked helper took a stage's
 * first part 0.1–0.2 ms late in the median and 1.5–4 ms late in a tenth of
 * the stages. {@link #idle()} (at the end of an image) sends spinning
 * helpers back at once.
 * </p>
 */
final class Splitter {

	/** Runs everything on the calling thread. */
	static final Splitter SERIAL = new Splitter(null, 1);

	/** How long a helper out of parts waits, spinning, for the next split before it returns to its executor. */
	static final long SPIN_NANOS = 1_000_000;

	/** No parts (a new one published by each {@link #idle()}: no split follows soon, spinning helpers return). */
	private static final IntConsumer NONE = i -> {};

	private final Executor executor;
	private final int parallelism;
	private final boolean finest;
	private final long spinNanos;
	private volatile Split current; // the latest split published to helpers
	// helpers working on this splitter's splits or waiting, spinning, for the next (each takes it when published)
	private final AtomicInteger attached = new AtomicInteger();

	Splitter(final Executor executor, final int parallelism) {
		this(executor, parallelism, false);
	}

	/**
	 * @param finest split into parts as small as they can be (one row, one
	 *          feature) instead of parts worth a thread's start: for tests,
	 *          which check that the split never changes the result
	 */
	Splitter(final Executor executor, final int parallelism, final boolean finest) {
		this(executor, parallelism, finest, SPIN_NANOS);
	}

	/** @param spinNanos how long a helper out of parts waits for the next split (tests) */
	Splitter(final Executor executor, final int parallelism, final boolean finest, final long spinNanos) {
		this.spinNanos = spinNanos;
		this.executor = parallelism > 1 ? executor : null;
		this.parallelism = this.executor == null ? 1 : parallelism;
		this.finest = finest;
	}

	/**
	 * How many parts to split {@code n} items into: none of fewer than {@code
	 * least} items (1 when splitting finest), at most {@code perThread} per
	 * thread; 1 when serial.
	 */
	int parts(final int n, final int least, final int perThread) {
		if (parallelism == 1)
			return 1;
		return Math.max(1, Math.min(perThread * parallelism, n / (finest ? 1 : Math.max(1, least))));
	}

	/**
	 * The bounds of parts of {@code 0..n} for threads that take them in order
	 * as they become free (guided self-scheduling): each part is a {@code
	 * 2 * parallelism}-th of what is left, and at least {@code least} items (1
	 * when splitting finest), so that the first parts are large (few part
	 * starts, each of which costs a band its ring of halo rows) and the last
	 * ones small (the threads finish close together: with equal parts, the
	 * last thread to finish works on alone for half a part on average).
	 * Serial, or fewer than {@code worth} items (not worth the threads' start;
	 * any number when splitting finest): one part.
	 *
	 * @return {@code parts + 1} increasing bounds from 0 to {@code n}
	 */
	int[] guided(final int n, final int least, final int worth) {
		if (parallelism == 1 || n <= 0 || n < worth && !finest)
			return new int[] { 0, Math.max(0, n) };
		final int min = finest ? 1 : Math.max(1, least), share = 2 * parallelism;
		int parts = 0;
		for (int at = 0; at < n; parts++)
			at += guidedPart(n - at, min, share);
		final int[] bounds = new int[parts + 1];
		for (int i = 0, at = 0; i < parts; i++)
			bounds[i + 1] = at += guidedPart(n - at, min, share);
		return bounds;
	}

	/**
	 * The next guided part of what is left: a share of it and at least {@code
	 * min}; under {@code 2 * min} left, half of it (the last two parts
	 * even), under {@code min}, all of it.
	 */
	private static int guidedPart(final int left, final int min, final int share) {
		if (left < 2 * min)
			return left < min ? left : (left + 1) / 2;
		return Math.max(min, (left + share - 1) / share);
	}

	/** Threads that may work on one image at once (1: serial). */
	int parallelism() {
		return parallelism;
	}

	/**
	 * Runs {@code part.accept(i)} for {@code i} in {@code 0..parts}, each
	 * exactly once, and returns when all have run; the first failure of a
	 * part is rethrown (after every started part has ended).
	 */
	void run(final int parts, final IntConsumer part) {
		runBeside(null, parts, part);
	}

	/**
	 * {@link #run(int, IntConsumer)}, with the calling thread first running
	 * {@code first} (null: nothing) while helpers start on the parts, then
	 * taking parts itself: serial work beside parallel work that does not
	 * depend on it. Serial: {@code first}, then the parts in order. A failure
	 * of {@code first} is thrown after the started parts have ended.
	 */
	void runBeside(final Runnable first, final int parts, final IntConsumer part) {
		if (executor == null || parts <= 1) {
			if (first != null)
				first.run();
			for (int i = 0; i < parts; i++)
				part.accept(i);
			return;
		}
		final Split split = new Split(parts, part);
		current = split; // before counting the attached helpers: one that leaves after the count sees it
		final int helpers = Math.min(parallelism, parts) - 1;
		for (int k = attached.get(); k < helpers; k++) {
			try {
				executor.execute(() -> help(split));
			}
			catch (final RejectedExecutionException e) {
				break; // the calling thread does the rest
			}
		}
		if (first != null) {
			try {
				first.run();
			}
			catch (final Throwable t) {
				split.failure.compareAndSet(null, t);
			}
		}
		split.work();
		// the helpers' last parts waited for spinning first (at most the spin time), as a helper waits for the next split
		final long deadline = System.nanoTime() + spinNanos;
		while (split.done.getCount() > 0 && System.nanoTime() - deadline < 0)
			Thread.onSpinWait();
		boolean interrupted = false;
		while (true) {
			try {
				split.done.await();
				break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted)
			Thread.currentThread().interrupt();
		final Throwable t = split.failure.get();
		if (t instanceof RuntimeException re)
			throw re;
		if (t instanceof Error er)
			throw er;
		if (t != null)
			throw new IllegalStateException(t);
	}

	/**
	 * Asks the executor, now, for the helpers the next split will want, each
	 * to wait for that split as a helper out of parts does (spinning, for at
	 * most its spin time): called before the serial work that precedes an
	 * image's first split (reading the image), so that a helper's start, or
	 * its wake-up from its executor, overlaps that work instead of delaying
	 * the first stage. Measured on the 2-vCPU machine of
	 * docs/performance.md, a 2048x2048 frame's first split (the band pass's
	 * probe) took 0.63-0.73 ms with a helper asked for by the split itself,
	 * 0.41-0.42 with one asked for before. Nothing when serial or when the
	 * helpers are already attached; a helper the executor refuses is not
	 * waited for.
	 */
	void standby() {
		if (executor == null)
			return;
		final Split last = current; // the helpers wait for a split after this one
		for (int k = attached.get(); k < parallelism - 1; k++) {
			attached.incrementAndGet(); // counted before it starts: the next split asks the executor for no other
			try {
				executor.execute(() -> {
					for (Split s = awaitNext(last); s != null; s = awaitNext(s))
						s.work();
				});
			}
			catch (final RejectedExecutionException e) {
				attached.decrementAndGet();
				break;
			}
		}
	}

	/**
	 * Tells helpers waiting for this splitter's next split that none follows
	 * soon (the image is done): they return to their executor at once.
	 */
	void idle() {
		if (executor != null)
			current = new Split(0, NONE); // new each time: a helper on standby since the last one sees it
	}

	/** Helpers working on this splitter's splits or waiting for the next (for tests). */
	int attached() {
		return attached.get();
	}

	/**
	 * A helper's work: the parts of {@code split}, then of every split of
	 * this splitter published within its spin time ({@link #SPIN_NANOS}, or
	 * a test's) after its last; counted in {@link #attached} meanwhile, so
	 * that the calling thread does not ask the executor for it again.
	 */
	private void help(final Split split) {
		attached.incrementAndGet();
		for (Split s = split; s != null; s = awaitNext(s))
			s.work();
	}

	/**
	 * Waits, spinning, for a split after {@code last}; null, and no longer
	 * attached, when none came within the spin time or the image is done.
	 */
	private Split awaitNext(final Split last) {
		final long deadline = System.nanoTime() + spinNanos;
		Split next;
		while ((next = current) == last && System.nanoTime() - deadline < 0)
			Thread.onSpinWait();
		if (next != last && next.part != NONE)
			return next;
		attached.decrementAndGet();
		// read after leaving: a split published before it was counted on this helper, which takes it after all
		next = current;
		if (next == last || next.part == NONE)
			return null;
		attached.incrementAndGet();
		return next;
	}

	/** One split's parts, taken in order by whichever thread is free. */
	private static final class Split {
		final int parts;
		final IntConsumer part;
		final AtomicInteger next = new AtomicInteger();
		final CountDownLatch done;
		final AtomicReference<Throwable> failure = new AtomicReference<>();

		Split(final int parts, final IntConsumer part) {
			this.parts = parts;
			this.part = part;
			done = new CountDownLatch(parts);
		}

		/** Runs parts until none are left (after a failure, counts them down unrun). */
		void work() {
			for (int i; (i = next.getAndIncrement()) < parts;) {
				try {
					if (failure.get() == null)
						part.accept(i);
				}
				catch (final Throwable t) {
					failure.compareAndSet(null, t);
				}
				finally {
					done.countDown();
				}
			}
		}
	}

	/**
	 * {@code have}, or a copy grown to {@code n} elements with the new ones
	 * from {@code make}: the per-part (or per-thread) objects of a split, kept
	 * from image to image.
	 */
	static <T> T[] perPart(final T[] have, final int n, final Supplier<T> make) {
		if (have.length >= n)
			return have;
		final T[] more = Arrays.copyOf(have, n);
		for (int i = have.length; i < n; i++)
			more[i] = make.get();
		return more;
	}

	/** Start of range {@code i} of {@code parts} near-equal ranges of {@code 0..n}. */
	static int bound(final int i, final int parts, final int n) {
		return (int) ((long) n * i / parts);
	}
}
