package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.testutil.DaemonPool;

/** The splitter's parts: guided bounds, and serial work beside parallel work. */
class SplitterTest {

	private static final ExecutorService pool = DaemonPool.of(3, "splitter-test");

	@Test
	void guidedPartsCoverEverythingFromLargeToSmall() {
		for (final int threads : new int[] { 2, 3, 4, 8 }) {
			final Splitter s = new Splitter(pool, threads);
			for (final int n : new int[] { 128, 129, 500, 2047, 2048, 4096, 100_000 }) {
				for (final int least : new int[] { 1, 16, 40, 64 }) {
					final int[] b = s.guided(n, least, 128);
					final String what = threads + " threads, " + n + " items, parts of at least " + least;
					assertEquals(0, b[0], what);
					assertEquals(n, b[b.length - 1], what);
					assertTrue(b.length - 1 >= 2, what + ": split");
					for (int i = 0; i + 1 < b.length; i++) {
						final int size = b[i + 1] - b[i];
						assertTrue(size >= Math.min(least, n) / 2 && size > 0, what + ": part " + i + " of " + size);
						// each part a 2 * threads-th of what is left, so the first is about that share
						if (i == 0)
							assertTrue(size <= Math.max(least, (n + 2 * threads - 1) / (2 * threads)), what + ": first " + size);
						// never larger than the part before it, but for the halves at the end
						if (i > 0)
							assertTrue(size <= b[i] - b[i - 1] || size <= least, what + ": part " + i + " grows to " + size);
					}
				}
			}
		}
		// the last parts are small: the threads finish close together
		final int[] b = new Splitter(pool, 2).guided(2048, 16, 128);
		assertTrue(b[b.length - 1] - b[b.length - 2] <= 16, "last part " + (b[b.length - 1] - b[b.length - 2]));
		assertEquals(512, b[1], "the first part: a quarter on two threads");
	}

	@Test
	void guidedIsOnePartWhenSerialOrNotWorthIt() {
		assertArrayEquals(new int[] { 0, 2048 }, Splitter.SERIAL.guided(2048, 16, 128));
		assertArrayEquals(new int[] { 0, 2048 }, new Splitter(pool, 1).guided(2048, 16, 128));
		assertArrayEquals(new int[] { 0, 100 }, new Splitter(pool, 2).guided(100, 16, 128));
		assertArrayEquals(new int[] { 0, 0 }, new Splitter(pool, 2).guided(0, 16, 128));
		// finest: parts down to one item, whatever the size
		final int[] finest = new Splitter(pool, 2, true).guided(100, 16, 128);
		assertTrue(finest.length > 10);
		assertEquals(1, finest[finest.length - 1] - finest[finest.length - 2]);
	}

	@Test
	void perPartObjectsAreKeptAndGrown() {
		final StringBuilder[] none = new StringBuilder[0];
		final StringBuilder[] three = Splitter.perPart(none, 3, StringBuilder::new);
		assertEquals(3, three.length);
		for (final StringBuilder b : three)
			assertTrue(b != null && b.length() == 0);
		three[0].append("kept");
		assertSame(three, Splitter.perPart(three, 2, StringBuilder::new), "large enough: the same array");
		final StringBuilder[] five = Splitter.perPart(three, 5, StringBuilder::new);
		assertEquals(5, five.length);
		assertSame(three[0], five[0], "the objects so far are kept");
		assertTrue(five[3] != null && five[4] != null && five[3] != five[4]);
	}

	@Test
	void theCallerRunsItsWorkWhileHelpersTakeTheParts() throws Exception {
		final Splitter s = new Splitter(pool, 2);
		final int parts = 8;
		final AtomicIntegerArray ran = new AtomicIntegerArray(parts);
		final CountDownLatch helperStarted = new CountDownLatch(1);
		final Thread caller = Thread.currentThread();
		final AtomicReference<Thread> firstOn = new AtomicReference<>();
		final boolean[] overlapped = new boolean[1];
		s.runBeside(() -> {
			firstOn.set(Thread.currentThread());
			try {
				// a helper starts on the parts while the caller is still busy here
				overlapped[0] = helperStarted.await(20, TimeUnit.SECONDS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, parts, i -> {
			ran.incrementAndGet(i);
			if (Thread.currentThread() != caller)
				helperStarted.countDown();
		});
		assertSame(caller, firstOn.get());
		assertTrue(overlapped[0], "no helper took a part while the caller ran its own work");
		for (int i = 0; i < parts; i++)
			assertEquals(1, ran.get(i), "part " + i);
	}

	@Test
	void serialRunsTheCallersWorkFirstThenThePartsInOrder() {
		final List<String> order = Collections.synchronizedList(new ArrayList<>());
		Splitter.SERIAL.runBeside(() -> order.add("first"), 3, i -> order.add("part " + i));
		assertEquals(List.of("first", "part 0", "part 1", "part 2"), order);
	}

	@Test
	void aFailureOfTheCallersWorkComesAfterTheStartedPartsHaveEnded() {
		final Splitter s = new Splitter(pool, 2);
		final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
		final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> s.runBeside(() -> {
			throw new IllegalStateException("caller's work");
		}, 6, i -> {
			running.incrementAndGet();
			for (long t = System.nanoTime(); System.nanoTime() - t < 2_000_000;)
				Thread.onSpinWait();
			running.decrementAndGet();
		}));
		assertEquals("caller's work", thrown.getMessage());
		assertEquals(0, running.get(), "a part still running after the failure was thrown");
	}

	@Test
	void aHelperOutOfPartsTakesTheNextSplitWithoutBeingWokenAgain() throws Exception {
		final java.util.concurrent.atomic.AtomicInteger executed = new java.util.concurrent.atomic.AtomicInteger();
		final Splitter s = counted(executed);
		final Thread caller = Thread.currentThread();
		// both threads in the first split (each part waits for the other thread's)
		final java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
		final AtomicReference<Thread> helper = new AtomicReference<>();
		s.run(2, i -> {
			if (Thread.currentThread() != caller)
				helper.set(Thread.currentThread());
			try {
				both.await(20, TimeUnit.SECONDS);
			}
			catch (final Exception e) {
				throw new IllegalStateException(e);
			}
		});
		assertEquals(1, executed.get());
		assertTrue(helper.get() != null, "a helper took a part");
		// the helper stays, waiting for the next split, and takes a part of it
		assertEquals(1, s.attached(), "the helper does not wait for the next split");
		final List<Thread> ranOn = twoPartsOneLeftToAHelper(s, caller);
		assertEquals(1, executed.get(), "the helper was woken through the executor again");
		assertTrue(ranOn.contains(helper.get()), "the waiting helper took no part of the next split: " + ranOn);
		// the image done, the helper stops waiting at once (not after its minute)
		assertEquals(1, s.attached(), "the helper does not wait after the second split");
		s.idle();
		assertEquals(0, detached(s));
	}

	@Test
	void aHelperAskedForOnStandbyTakesThePartsOfTheNextSplit() throws Exception {
		final java.util.concurrent.atomic.AtomicInteger executed = new java.util.concurrent.atomic.AtomicInteger();
		final Splitter s = counted(executed);
		s.standby();
		s.standby(); // the helper asked for is counted: not asked for twice
		assertEquals(1, executed.get());
		assertEquals(1, s.attached());
		final Thread caller = Thread.currentThread();
		final List<Thread> ranOn = twoPartsOneLeftToAHelper(s, caller);
		assertEquals(1, executed.get(), "the split asked the executor for another helper");
		assertEquals(2, ranOn.size());
		assertTrue(ranOn.stream().anyMatch(t -> t != caller), "the helper took no part: " + ranOn);
		s.idle();
		assertEquals(0, detached(s));
		// a helper on standby for an image that ends without a split leaves at once too
		s.standby();
		assertEquals(2, executed.get());
		s.idle();
		assertEquals(0, detached(s));
		// serial: nothing to ask for
		Splitter.SERIAL.standby();
		new Splitter(r -> {
			throw new AssertionError("a serial splitter asked for a helper");
		}, 1).standby();
	}

	/** Runs a split of two parts, the calling thread's waiting until a helper has taken the other; the threads that ran them. */
	private static List<Thread> twoPartsOneLeftToAHelper(final Splitter s, final Thread caller) {
		final List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
		final CountDownLatch helperTook = new CountDownLatch(1);
		s.run(2, i -> {
			ranOn.add(Thread.currentThread());
			if (Thread.currentThread() == caller) {
				try {
					helperTook.await(20, TimeUnit.SECONDS); // leave a part to the helper
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			else
				helperTook.countDown();
		});
		return ranOn;
	}

	/** The helpers still attached to {@code s} once they have left (or 20 s have passed). */
	private static int detached(final Splitter s) {
		for (final long until = System.nanoTime() + 20_000_000_000L; s.attached() > 0 && System.nanoTime() < until;)
			Thread.onSpinWait();
		return s.attached();
	}

	/**
	 * A splitter on two threads whose executor counts the helpers asked for;
	 * its helpers wait for the next split up to a minute, so that the tests do
	 * not depend on the machine's speed.
	 */
	private static Splitter counted(final java.util.concurrent.atomic.AtomicInteger executed) {
		return new Splitter(r -> {
			executed.incrementAndGet();
			pool.execute(r);
		}, 2, false, 60_000_000_000L);
	}
}
