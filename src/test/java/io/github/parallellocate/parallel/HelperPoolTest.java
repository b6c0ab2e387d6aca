package io.github.parallellocate.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The helpers' executor: a task that needs a new thread never makes the
 * thread that asks wait for the start; the delivering thread starts it.
 */
class HelperPoolTest {

	/** Runs {@code r} on a thread of its own (a worker) and waits for it. */
	private static void onAWorker(final Runnable r) throws Exception {
		CompletableFuture.runAsync(r, task -> new Thread(task, "a-worker").start()).get(10, TimeUnit.SECONDS);
	}

	/** A pool of one thread, prestarted by this thread (the delivering one), and the count of its wake-ups. */
	private record Prestarted(CountingThreadFactory factory, AtomicInteger wakes, HelperPool pool) {}

	private static Prestarted prestarted(final long spinNanos) {
		final CountingThreadFactory factory = new CountingThreadFactory();
		final AtomicInteger wakes = new AtomicInteger();
		final HelperPool pool = new HelperPool(1, factory, wakes::incrementAndGet);
		pool.prestart(spinNanos, new CountDownLatch(0), 0); // the workers have begun
		return new Prestarted(factory, wakes, pool);
	}

	/** Asks {@code pool} for a task from a worker thread; the thread the task ran on. */
	private static Thread taskAskedForByAWorkerRunsOn(final HelperPool pool) throws Exception {
		final AtomicReference<Thread> ranOn = new AtomicReference<>();
		final CountDownLatch ran = new CountDownLatch(1);
		onAWorker(() -> pool.execute(() -> {
			ranOn.set(Thread.currentThread());
			ran.countDown();
		}));
		assertTrue(ran.await(10, TimeUnit.SECONDS));
		return ranOn.get();
	}

	@Test
	void aTaskThatNeedsANewThreadIsStartedByTheDeliveringThread() throws Exception {
		final CountingThreadFactory factory = new CountingThreadFactory();
		final AtomicInteger wakes = new AtomicInteger();
		final HelperPool pool = new HelperPool(1, factory, wakes::incrementAndGet);
		final AtomicReference<Thread> ranOn = new AtomicReference<>();
		final CountDownLatch ran = new CountDownLatch(2);
		onAWorker(() -> pool.execute(() -> {
			ranOn.set(Thread.currentThread());
			ran.countDown();
		}));
		assertEquals(0, factory.count(), "no thread started by the worker");
		assertTrue(pool.hasHanded());
		assertEquals(1, wakes.get(), "the delivering thread woken once");

		pool.startHanded();
		assertFalse(pool.hasHanded());
		assertEquals(1, factory.count());
		final Thread helper = factory.threads().get(0);
		assertEquals(Thread.currentThread(), factory.maker(helper), "started by the thread that delivers");

		// the pool has its thread now: the next task goes to it at once, nothing handed over
		onAWorker(() -> pool.execute(ran::countDown));
		assertFalse(pool.hasHanded());
		assertEquals(1, wakes.get());
		assertTrue(ran.await(10, TimeUnit.SECONDS));
		assertEquals(helper, ranOn.get());
		assertEquals(1, factory.count());
		pool.shutdown();
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
		helper.join(10_000);
		assertEquals(List.of(), factory.alive(), "the thread ends after the shutdown");
	}

	@Test
	void aThreadPrestartedByTheDeliveringThreadTakesTheFirstTaskWhileItSpins() throws Exception {
		final Prestarted p = prestarted(TimeUnit.SECONDS.toNanos(30));
		final CountingThreadFactory factory = p.factory();
		final HelperPool pool = p.pool();
		assertEquals(1, factory.count());
		final Thread helper = factory.threads().get(0);
		assertEquals(Thread.currentThread(), factory.maker(helper), "started by the thread that delivers");
		pool.prestart(TimeUnit.SECONDS.toNanos(30), new CountDownLatch(0), 0); // the pool is full: no second thread
		assertEquals(1, factory.count());
		assertEquals(helper, taskAskedForByAWorkerRunsOn(pool), "taken by the spinning thread");
		assertEquals(0, p.wakes().get(), "the delivering thread not woken");
		assertFalse(pool.hasHanded());
		pool.shutdown();
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
		helper.join(10_000);
		assertEquals(List.of(), factory.alive());
	}

	@Test
	void aPrestartedThreadTakesNoTaskBeforeTheWorkersBegin() throws Exception {
		final CountingThreadFactory factory = new CountingThreadFactory();
		final HelperPool pool = new HelperPool(1, factory, () -> {});
		final CountDownLatch workersBegun = new CountDownLatch(1);
		pool.prestart(TimeUnit.SECONDS.toNanos(30), workersBegun, TimeUnit.SECONDS.toNanos(30));
		assertEquals(1, factory.count(), "started before the workers");
		final CountDownLatch ran = new CountDownLatch(1);
		pool.execute(ran::countDown); // the pool has its thread: to the queue
		assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "taken while the workers had not begun");
		workersBegun.countDown();
		assertTrue(ran.await(10, TimeUnit.SECONDS), "taken once they began");
		pool.shutdown();
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
		factory.threads().get(0).join(10_000);
		assertEquals(List.of(), factory.alive());
	}

	@Test
	void aThreadWaitingForWorkersThatNeverBeginEndsWithThePool() throws Exception {
		final CountingThreadFactory factory = new CountingThreadFactory();
		final HelperPool pool = new HelperPool(1, factory, () -> {});
		pool.prestart(TimeUnit.MILLISECONDS.toNanos(1), new CountDownLatch(1), TimeUnit.SECONDS.toNanos(60));
		pool.shutdown(); // e.g. the worker's thread failed to start
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "still waiting for the workers after the pool's shutdown");
		factory.threads().get(0).join(10_000);
		assertEquals(List.of(), factory.alive());
	}

	@Test
	void aPrestartedThreadThatGotNoTaskInTimeTakesTheNextFromThePool() throws Exception {
		final Prestarted p = prestarted(TimeUnit.MILLISECONDS.toNanos(1));
		final CountingThreadFactory factory = p.factory();
		final HelperPool pool = p.pool();
		final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (pool.busy() > 0 && System.nanoTime() < deadline)
			Thread.onSpinWait();
		assertEquals(0, pool.busy(), "the spin ends");
		assertEquals(factory.threads().get(0), taskAskedForByAWorkerRunsOn(pool));
		assertEquals(1, factory.count());
		assertEquals(0, p.wakes().get());
		pool.shutdown();
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
	}

	@Test
	void onceShutDownTasksAreRefusedAndThoseHandedOverDropped() throws Exception {
		final CountingThreadFactory factory = new CountingThreadFactory();
		final HelperPool pool = new HelperPool(2, factory, () -> {});
		final AtomicInteger ran = new AtomicInteger();
		pool.execute(ran::incrementAndGet);
		pool.execute(ran::incrementAndGet);
		pool.shutdown();
		pool.startHanded(); // the run's frames are located: no frame waits for these
		assertFalse(pool.hasHanded());
		assertEquals(0, factory.count());
		assertThrows(RejectedExecutionException.class, () -> pool.execute(ran::incrementAndGet));
		assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
		assertEquals(0, ran.get());
	}
}
