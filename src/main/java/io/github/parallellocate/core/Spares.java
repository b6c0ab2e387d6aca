package io.github.parallellocate.core;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The scratch objects of the parts of an image's work (bands of rows) that
 * run now: a part takes one that a finished part gave back, or a new one, and
 * gives it back when it ends. So a locator holds as many as ever ran at once
 * (one a thread), not one a part, and a fresh locator does not allocate (and
 * zero) a scratch for every part. Thread-safe.
 */
final class Spares<T> {

	private final ArrayDeque<T> spare = new ArrayDeque<>();
	private final Supplier<T> make;

	Spares(final Supplier<T> make) {
		this.make = make;
	}

	/** A scratch that a finished part gave back, or a new one. */
	T take() {
		final T s;
		synchronized (spare) {
			s = spare.poll();
		}
		return s != null ? s : make.get();
	}

	/** Gives a scratch back (the part that took it must not use it any more). */
	void give(final T s) {
		synchronized (spare) {
			spare.push(s);
		}
	}
}
