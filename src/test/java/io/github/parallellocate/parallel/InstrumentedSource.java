package io.github.parallellocate.parallel;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.github.parallellocate.core.Plane;


/**
 * Real planes with instruments: a reader may fail on chosen frames (as a
 * corrupt page would), reads may take time, and the source counts frames read
 * but not yet delivered (the test's sink calls {@link #delivered()}) and
 * remembers which threads read.
 */
final class InstrumentedSource implements PlaneSource {

	private final List<Plane> planes;
	private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
	private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
	private final AtomicInteger inFlight = new AtomicInteger();
	private final AtomicInteger maxInFlight = new AtomicInteger();
	private final AtomicInteger readsStarted = new AtomicInteger();
	private final AtomicInteger readersOpened = new AtomicInteger();
	private final AtomicInteger readersClosed = new AtomicInteger();
	private volatile long readMillis;
	private volatile Throwable openFailure;
	private volatile Error readError;

	InstrumentedSource(final List<Plane> planes) {
		this.planes = List.copyOf(planes);
	}

	/** Reading these frames throws an IOException saying the page is truncated. */
	InstrumentedSource failOn(final Integer... frames) {
		failing.addAll(List.of(frames));
		return this;
	}

	/** Each read sleeps this long (a slow disk). */
	InstrumentedSource readMillis(final long ms) {
		readMillis = ms;
		return this;
	}

	/** Opening a reader throws this. */
	InstrumentedSource failOpen(final Throwable t) {
		openFailure = t;
		return this;
	}

	/** Reading a failing frame throws this error instead of an IOException. */
	InstrumentedSource readError(final Error e) {
		readError = e;
		return this;
	}

	@Override
	public int size() {
		return planes.size();
	}

	@Override
	public String describe(final int index) {
		return "test.tif, page " + (index + 1);
	}

	@Override
	public PlaneReader newReader() throws IOException {
		final Throwable t = openFailure;
		if (t instanceof IOException)
			throw (IOException) t;
		if (t instanceof RuntimeException)
			throw (RuntimeException) t;
		readersOpened.incrementAndGet();
		return new PlaneReader() {
			@Override
			public Plane read(final int index) throws IOException {
				readers.add(Thread.currentThread());
				readsStarted.incrementAndGet();
				maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				sleep(readMillis);
				if (failing.contains(index)) {
					if (readError != null)
						throw readError;
					throw new IOException("page is truncated");
				}
				return planes.get(index);
			}

			@Override
			public void close() {
				readersClosed.incrementAndGet();
			}
		};
	}

	/** The sink has received a frame (or the engine skipped it). */
	void delivered() {
		inFlight.decrementAndGet();
	}

	/** The most frames ever read (or being read) but not yet delivered. */
	int maxInFlight() {
		return maxInFlight.get();
	}

	int readsStarted() {
		return readsStarted.get();
	}

	int readersOpened() {
		return readersOpened.get();
	}

	int readersClosed() {
		return readersClosed.get();
	}

	/** The threads that read planes. */
	Set<Thread> readerThreads() {
		return Set.copyOf(readers);
	}

	static void sleep(final long ms) {
		if (ms <= 0)
			return;
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
