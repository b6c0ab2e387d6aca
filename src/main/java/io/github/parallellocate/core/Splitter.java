package io.github.parallellocate.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

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
 */
final class Splitter {

	/** Runs everything on the calling thread. */
	static final Splitter SERIAL = new Splitter(null, 1);

	private final Executor executor;
	private final int parallelism;
	private final boolean finest;

	Splitter(final Executor executor, final int parallelism) {
		this(executor, parallelism, false);
	}

	/**
	 * @param finest split into parts as small as they can be (one row, one
	 *          feature) instead of parts worth a thread's start: for tests,
	 *          which check that the split never changes the result
	 */
	Splitter(final Executor executor, final int parallelism, final boolean finest) {
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
		if (parts <= 0)
			return;
		if (executor == null || parts == 1) {
			for (int i = 0; i < parts; i++)
				part.accept(i);
			return;
		}
		final AtomicInteger next = new AtomicInteger();
		final CountDownLatch done = new CountDownLatch(parts);
		final AtomicReference<Throwable> failure = new AtomicReference<>();
		final Runnable worker = () -> {
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
		};
		final int helpers = Math.min(parallelism, parts) - 1;
		for (int k = 0; k < helpers; k++) {
			try {
				executor.execute(worker);
			}
			catch (final RejectedExecutionException e) {
				break; // the calling thread does the rest
			}
		}
		worker.run();
		boolean interrupted = false;
		while (true) {
			try {
				done.await();
				break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted)
			Thread.currentThread().interrupt();
		final Throwable t = failure.get();
		if (t instanceof RuntimeException re)
			throw re;
		if (t instanceof Error er)
			throw er;
		if (t != null)
			throw new IllegalStateException(t);
	}

	/** Start of range {@code i} of {@code parts} near-equal ranges of {@code 0..n}. */
	static int bound(final int i, final int parts, final int n) {
		return (int) ((long) n * i / parts);
	}
}
