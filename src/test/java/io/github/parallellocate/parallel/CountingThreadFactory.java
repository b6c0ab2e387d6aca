package io.github.parallellocate.parallel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/** A thread factory that keeps every thread it made, to count them and check that they ended. */
final class CountingThreadFactory implements ThreadFactory {

	private final List<Thread> made = new CopyOnWriteArrayList<>();
	private final Map<Thread, Thread> makers = new ConcurrentHashMap<>();

	@Override
	public Thread newThread(final Runnable r) {
		final Thread t = new Thread(r, "counted-worker-" + made.size());
		t.setDaemon(true);
		made.add(t);
		makers.put(t, Thread.currentThread());
		return t;
	}

	/** Threads made so far. */
	List<Thread> threads() {
		return List.copyOf(made);
	}

	int count() {
		return made.size();
	}

	/** Threads made by this factory that are still alive. */
	List<Thread> alive() {
		return made.stream().filter(Thread::isAlive).toList();
	}

	/** The thread that asked for {@code t}. */
	Thread maker(final Thread t) {
		return makers.get(t);
	}

	boolean made(final Thread t) {
		return made.contains(t);
	}
}
