package io.github.parallellocate.parallel;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The helper threads of one run (the work inside frames), as the locators'
 * executor: at most {@code n} threads from the run's thread factory, kept
 * until the run ends; but a task that needs a new thread is handed to the
 * delivering thread, which starts it, while the worker that asked goes on
 * with its frame.
 * <p>
 * Starting a thread blocks the starter until the new thread runs (HotSpot's
 * {@code Thread.start} waits for it), and on a virtual machine whose other
 * vCPU is idle that wait is the host's wake-up of the vCPU: measured on the
 * 2-vCPU machine of docs/performance.md, a worker asking for its frame's
 * helper stood still 0.08 ms at best and 1.2 ms in the median round. The
 * delivering thread only waits for results; the helper it starts joins the
 * frame's work when it arrives (a frame's parts are taken, never assigned, so
 * it finds whatever is left).
 * </p>
 * <p>
 * The delivering thread waits for results and tasks parked, not spinning: a
 * thread that starts the run's worker and then spins keeps the worker from
 * its first instruction until the host wakes the other vCPU (measured: the
 * worker's start took 1.2 ms in the median round with a spin of at most 1
 * ms, 0.3 ms without it; the best two-thread round was 1.0-1.3 ms slower).
 * </p>
 */
final class HelperPool implements Executor {

	/** How long a thread {@link #prestart}ed waits, spinning, for its first task before it parks in the pool. */
	static final long PRESTART_SPIN_NANOS = 2_000_000;

	private final ThreadPoolExecutor pool;
	/** The pool's queue, from which a {@link #prestart}ed thread also takes its first task while it spins. */
	private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
	private final Queue<Runnable> handed = new ConcurrentLinkedQueue<>();
	private final Runnable wake;

	/**
	 * @param n the most threads
	 * @param factory where they come from
	 * @param wake wakes the delivering thread, if it waits, to start the
	 *          threads of the tasks handed over ({@link #startHanded})
	 */
	HelperPool(final int n, final ThreadFactory factory, final Runnable wake) {
		pool = new ThreadPoolExecutor(n, n, 1, TimeUnit.SECONDS, queue, factory);
		this.wake = wake;
	}

	/**
	 * Runs the task on a helper thread: at once on one the pool has (it takes
	 * the task when free), or on a new one started by the delivering thread.
	 *
	 * @throws RejectedExecutionException once the run's frames are located
	 */
	@Override
	public void execute(final Runnable task) {
		if (pool.isShutdown())
			throw new RejectedExecutionException("the run's frames are located");
		if (pool.getPoolSize() >= pool.getMaximumPoolSize()) {
			pool.execute(task);
			return;
		}
		handed.add(task);
		wake.run();
	}

	/**
	 * On the delivering thread, at the run's start, before the workers:
	 * starts the pool's threads now, each yielding its core until the run's
	 * workers have begun ({@code workersBegun}, at most {@code yieldNanos}),
	 * then waiting for its first task by spinning on the pool's queue (at
	 * most {@code spinNanos}) rather than parked in it, so that the first task
	 * a worker asks for (its frame's helper, on standby while the frame is
	 * read) goes to the queue ({@link #execute}: the pool has its threads)
	 * and is taken at once. A thread that gets no task in time parks in the
	 * pool, which gives it the tasks queued later.
	 * <p>
	 * Measured on the 2-vCPU machine of docs/performance.md (a 2048x2048
	 * frame on two threads, 150 rounds, three runs each):
	 * </p>
	 * <ul>
	 * <li>Started after the worker (whose start the starting thread waits
	 * for), a helper began spinning 1.6-1.8 ms after the worker in the median
	 * round. Started first, it is there when the worker begins (0.002 ms
	 * after it in the median); the frame's probe took 0.45-0.49 ms instead of
	 * 0.71-0.81, and the median round 17.0-17.4 ms instead of 18.1-20.5.</li>
	 * <li>Started first but spinning at once, it kept the worker from its
	 * first instruction: the worker began 1.9-2.2 ms after the run's start in
	 * the median round, 0.46-0.49 ms with the helper yielding.</li>
	 * <li>Asked for by the worker at its first split, the helper cost the
	 * worker 0.09-0.11 ms (waking the delivering thread to start it); taken
	 * from the queue by a prestarted thread, 0.01-0.02 ms.</li>
	 * </ul>
	 */
	void prestart(final long spinNanos, final CountDownLatch workersBegun, final long yieldNanos) {
		for (int k = pool.getPoolSize(); k < pool.getMaximumPoolSize(); k++) {
			try {
				pool.execute(() -> {
					final long deadline = System.nanoTime() + yieldNanos;
					while (workersBegun.getCount() > 0 && !pool.isShutdown() && System.nanoTime() - deadline < 0)
						Thread.yield();
					awaitTask(spinNanos);
				});
			}
			catch (final RejectedExecutionException e) {
				return;
			}
		}
	}

	/** A prestarted thread's first task: taken from the pool's queue as soon as it is there, or none after the spin. */
	private void awaitTask(final long spinNanos) {
		final long deadline = System.nanoTime() + spinNanos;
		for (Runnable task; System.nanoTime() - deadline < 0; Thread.onSpinWait()) {
			if ((task = queue.poll()) != null) {
				task.run();
				return;
			}
		}
	}

	/** Threads running a task, or spinning for their first (for tests). */
	int busy() {
		return pool.getActiveCount();
	}

	/** Whether tasks wait for the delivering thread to start their threads. */
	boolean hasHanded() {
		return !handed.isEmpty();
	}

	/**
	 * On the delivering thread: gives the pool the tasks handed over, which
	 * starts their threads. A task handed over after the run's last frame was
	 * located is dropped: no frame's work waits for a helper.
	 */
	void startHanded() {
		for (Runnable task; (task = handed.poll()) != null;) {
			try {
				pool.execute(task);
			}
			catch (final RejectedExecutionException e) {
				handed.clear();
				return;
			}
		}
	}

	/** No task after this one: the threads end when their tasks are done. */
	void shutdown() {
		pool.shutdown();
	}

	/** Waits for the threads' tasks to end; true if they have. */
	boolean awaitTermination(final long time, final TimeUnit unit) throws InterruptedException {
		return pool.awaitTermination(time, unit);
	}
}
