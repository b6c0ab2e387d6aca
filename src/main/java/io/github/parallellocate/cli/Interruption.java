package io.github.parallellocate.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.github.parallellocate.parallel.LocateEngine;


/**
 * Ctrl-C (SIGINT) handling: the JVM's shutdown hook asks the running engine
 * to stop, then waits (a few seconds at most) for the command to clean up,
 * i.e. to discard its unfinished output; whatever is still open after that is
 * discarded by the hook itself. The JVM then exits with status 130.
 */
final class Interruption {

	private static final long WAIT_SECONDS = 10;

	private final CountDownLatch finished = new CountDownLatch(1);
	private final List<AutoCloseable> pending = new CopyOnWriteArrayList<>();
	private volatile LocateEngine engine;
	private volatile boolean requested;

	/** Installs the shutdown hook (only for a real process, never in-process). */
	void install() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "parallel-locate-interrupt"));
	}

	/** The engine to cancel on interruption (null when none is running). */
	void watch(final LocateEngine e) {
		engine = e;
		if (requested && e != null)
			e.cancel();
	}

	/** An output to discard if the command cannot do it itself in time. */
	void discardOnInterrupt(final AutoCloseable output) {
		pending.add(output);
	}

	void done(final AutoCloseable output) {
		pending.remove(output);
	}

	boolean requested() {
		return requested;
	}

	/** The command has finished (called before System.exit, so the hook then returns at once). */
	void finished() {
		finished.countDown();
	}

	private void onShutdown() {
		if (finished.getCount() == 0)
			return;
		requested = true;
		final LocateEngine e = engine;
		if (e != null)
			e.cancel();
		try {
			finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (final InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (final AutoCloseable c : pending) {
			try {
				c.close();
			}
			catch (final Exception ex) {
				// exiting anyway: nothing more to do
			}
		}
	}
}
