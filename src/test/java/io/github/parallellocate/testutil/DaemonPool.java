package io.github.parallellocate.testutil;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A fixed pool of daemon threads for tests that split a frame's work (never keeps the test JVM alive). */
public final class DaemonPool {

	private DaemonPool() {}

	/** {@code threads} daemon threads named {@code name}. */
	public static ExecutorService of(final int threads, final String name) {
		return Executors.newFixedThreadPool(threads, r -> {
			final Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
	}
}
