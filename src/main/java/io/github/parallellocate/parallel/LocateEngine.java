package io.github.parallellocate.parallel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocatorPool;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.StageTimes;


/**
 * Locates every frame of a {@link PlaneSource} (a plane, or a whole volume:
 * the unit of work is one frame of {@link PlaneSource#ndim()} dimensions) on
 * a bounded pool of worker threads and delivers the results to a
 * {@link FeatureSink} in frame order.
 * <ul>
 * <li>N threads (default: all cores), made by the given {@link ThreadFactory}
 * (in Fiji, SciJava's {@code ThreadService}, which is one), in two levels as
 * TrackMate does: {@code framesAtOnce = min(N, frames)} workers take whole
 * frames, and each frame's own work (row bands, ranges of features) runs on
 * {@code threadsPerFrame = N / framesAtOnce} threads, the worker and helpers
 * from a pool of the remaining threads (started by the thread that runs the
 * engine, so that no worker waits for a thread's start: {@link HelperPool});
 * so a few large frames (or one volume) and many small ones both use every
 * core. The features do not depend on either level.</li>
 * <li>Load-balanced: a worker takes the next frame when it finishes one. Each
 * worker reads its own planes through its own {@link PlaneReader} and reuses
 * its own {@link FeatureLocator} buffers, taken from the process's
 * {@link LocatorPool} and given back at its end, so that the next run with
 * the same parameters does not allocate them again.</li>
 * <li>Bounded memory: at most {@code window} frames are in flight or waiting
 * to be delivered, so results stream out however long the source is.</li>
 * <li>The result is identical to the serial one whatever N is: each frame is
 * located independently and delivered in order.</li>
 * <li>A failed frame stops the run cleanly with a {@link FrameFailedException}
 * naming it (frames before it have been delivered, none after it), or, with
 * {@link #skipBadFrames(boolean)}, is recorded in the summary and skipped.
 * Failures that are not the frame's fault are never skipped: a reader that
 * cannot be opened, settings that do not fit the image (an
 * {@link IllegalArgumentException} from the reader or the locator, e.g. a
 * diameter larger than the image or a colour frame without a channel
 * choice), and JVM errors (out of memory, stack overflow...).</li>
 * <li>{@link #cancel()} from any thread stops the workers after their current
 * frame; {@link #run} then throws {@link CancellationException}. Cancellation
 * is final: a cancelled engine's later runs throw it at once (so a cancel that
 * races with the start of a run is never lost).</li>
 * <li>All worker threads have ended when {@code run} returns or throws.</li>
 * </ul>
 * An engine runs one job at a time.
 */
public final class LocateEngine {

	/**
	 * How long a prestarted helper yields, waiting for the run's workers to
	 * begin, before it waits for its first task anyway (a bound: a worker
	 * begins within a millisecond or two).
	 */
	static final long WORKERS_BEGIN_NANOS = 100_000_000;

	private final LocateParameters params;
	private int threads; // 0: every core, asked only then (in a container the JVM reads cgroup files for it, ~0.1 ms)
	private ThreadFactory threadFactory;
	private ProgressListener progress;
	private boolean skipBadFrames;
	private int window;
	private boolean timeStages;
	private volatile boolean cancelled;
	private volatile Job current;

	public LocateEngine(final LocateParameters params) {
		this.params = params;
	}

	/** Number of worker threads (at least 1). */
	public LocateEngine threads(final int n) {
		if (n < 1)
			throw new IllegalArgumentException("threads must be at least 1, got " + n);
		threads = n;
		return this;
	}

	/** Where worker threads come from; null for plain daemon threads. */
	public LocateEngine threadFactory(final ThreadFactory f) {
		threadFactory = f;
		return this;
	}

	public LocateEngine progress(final ProgressListener p) {
		progress = p;
		return this;
	}

	/** Skip frames that fail instead of stopping the run. */
	public LocateEngine skipBadFrames(final boolean skip) {
		skipBadFrames = skip;
		return this;
	}

	/** Frames in flight or buffered at most; default 4 per thread. */
	public LocateEngine window(final int frames) {
		if (frames < 1)
			throw new IllegalArgumentException("window must be at least 1, got " + frames);
		window = frames;
		return this;
	}

	/** Measure per-stage times (reported in the summary). */
	public LocateEngine timeStages(final boolean on) {
		timeStages = on;
		return this;
	}

	/** The worker threads a run may use: as set, or every core. */
	public int threads() {
		return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Cancels the running job (and any later one); safe from any thread. The
	 * workers stop after their current frame and {@link #run} throws
	 * {@link CancellationException}.
	 */
	public void cancel() {
		cancelled = true;
		final Job job = current;
		if (job != null)
			job.stop();
	}

	public boolean isCancelled() {
		return cancelled;
	}

	/** Locates all frames and returns them as a list per frame (skipped frames are null). */
	public List<List<Feature>> locateAll(final PlaneSource source) throws FrameFailedException, InterruptedException {
		final List<List<Feature>> out = new ArrayList<>();
		for (int i = 0; i < source.size(); i++)
			out.add(null);
		run(source, out::set);
		return out;
	}

	/**
	 * Runs the job.
	 *
	 * @throws FrameFailedException a frame failed (and skipping is off), or the
	 *           sink failed (then the frame is the one being delivered)
	 * @throws CancellationException if {@link #cancel()} was called
	 * @throws InterruptedException if the calling thread was interrupted
	 */
	public RunSummary run(final PlaneSource source, final FeatureSink sink) throws FrameFailedException, InterruptedException {
		final int total = source.size();
		final int threads = threads();
		final int nThreads = Math.max(1, Math.min(threads, total));
		final int perFrame = Math.max(1, threads / nThreads);
		final int win = window > 0 ? window : 4 * nThreads;
		final Job job = new Job(source, total, win, total > 0 ? nThreads : 0);
		final List<Thread> workers = new ArrayList<>();
		final List<StageTimes> times = new ArrayList<>();
		final long start = System.nanoTime();
		current = job;
		HelperPool helpers = null;
		final List<Thread> helperThreads = new CopyOnWriteArrayList<>();
		try {
			if (cancelled)
				throw job.cancellation();
			if (perFrame > 1 && total > 0)
				job.helpers = helpers = helperPool(nThreads * (perFrame - 1), helperThreads, job::wake);
			final HelperPool inner = helpers;
			// a large frame's helpers first (HelperPool.prestart), each yielding its core until the workers run
			if (helpers != null && FeatureLocator.splitsFramesOf(source.framePixels()))
				helpers.prestart(HelperPool.PRESTART_SPIN_NANOS, job.begun, WORKERS_BEGIN_NANOS);
			for (int t = 0; t < nThreads && total > 0; t++) {
				final StageTimes st = timeStages ? new StageTimes() : null;
				if (st != null)
					times.add(st);
				final Runnable r = () -> work(job, st, inner, perFrame);
				final Thread th = threadFactory != null ? threadFactory.newThread(r) : new Thread(r);
				if (th == null)
					throw new IllegalStateException("the thread factory " + threadFactory + " made no thread");
				if (threadFactory == null) {
					th.setDaemon(true);
					th.setName("parallel-locate-" + t);
				}
				workers.add(th);
				job.workerStarting();
				try {
					th.start();
				}
				catch (final RuntimeException | Error e) {
					job.workerEnded();
					throw e;
				}
			}
			return deliver(job, sink, start, nThreads, times);
		}
		finally {
			job.stop();
			for (final Thread th : workers)
				joinUninterruptibly(th);
			if (helpers != null)
				shutdownUninterruptibly(helpers);
			for (final Thread th : helperThreads)
				joinUninterruptibly(th);
			current = null;
		}
	}

	private RunSummary deliver(final Job job, final FeatureSink sink, final long start, final int nThreads,
			final List<StageTimes> times) throws FrameFailedException, InterruptedException {
		final List<RunSummary.SkippedFrame> skipped = new ArrayList<>();
		long features = 0;
		int located = 0;
		for (int frame = 0; frame < job.total; frame++) {
			final FrameResult result = job.take(frame, this);
			if (result instanceof FrameResult.Failed f) {
				final FrameFailedException fail = new FrameFailedException(frame, job.source.describe(frame), f.cause());
				if (!skipBadFrames || f.fatal())
					throw fail;
				skipped.add(new RunSummary.SkippedFrame(frame, fail.getMessage()));
			}
			else {
				final List<Feature> list = ((FrameResult.Located) result).features();
				try {
					sink.accept(frame, list);
				}
				catch (final InterruptedException | CancellationException e) {
					throw e;
				}
				catch (final Exception e) {
					throw new FrameFailedException(frame, "writing results", e);
				}
				features += list.size();
				located++;
			}
			job.release();
			if (progress != null)
				progress.progress(frame + 1, job.total, (frame + 1) * 1e9 / Math.max(1, System.nanoTime() - start));
		}
		final StageTimes sum = new StageTimes();
		for (final StageTimes t : times)
			sum.addAll(t);
		return new RunSummary(job.total, located, features, List.copyOf(skipped), System.nanoTime() - start, nThreads, sum);
	}

	/**
	 * One worker: takes frames until there are none left or the job stops.
	 * Every frame taken gets a result ({@link FrameResult.Located} or
	 * {@link FrameResult.Failed}; fatal failures, that stop the run even when
	 * bad frames are skipped, are those that would fail every frame or drop
	 * frames the user meant to locate), so
	 * the delivering thread never waits for a frame that will not come.
	 */
	private void work(final Job job, final StageTimes st, final HelperPool helpers, final int perFrame) {
		job.begun.countDown();
		PlaneReader reader = null;
		Throwable openFailure = null;
		FeatureLocator locator = null;
		boolean trusted = true; // the locator goes back to the pool unless an Error struck while it ran
		try {
			locator = LocatorPool.take(params);
			locator.setStageTimes(st);
			locator.setExecutor(helpers, perFrame);
			reader = job.source.newReader();
		}
		catch (final Throwable t) {
			openFailure = t; // not a frame's fault: never skipped
		}
		try {
			while (true) {
				final int frame = job.next();
				if (frame < 0)
					return;
				if (openFailure != null) {
					job.put(new FrameResult.Failed(frame, openFailure, true));
					return;
				}
				FrameResult result;
				try {
					locator.standby(); // the helpers of the frame's first stage start while it is read
					final long t0 = System.nanoTime();
					final Image image = reader.read(frame);
					if (st != null)
						st.add(StageTimes.Stage.IO, System.nanoTime() - t0);
					if (image == null)
						throw new IllegalStateException("the reader returned no image");
					if (image.ndim() != job.source.ndim())
						throw new IllegalArgumentException("the source promised " + job.source.ndim() + "D frames, frame " + frame + " is "
							+ image.ndim() + "D");
					result = new FrameResult.Located(frame, locator.locate(image));
				}
				catch (final Throwable t) {
					result = new FrameResult.Failed(frame, t, t instanceof VirtualMachineError || t instanceof IllegalArgumentException);
					if (t instanceof Error)
						trusted = false;
				}
				// the last frame located: the helpers are done, they end while the frame is delivered
				if (helpers != null && job.located.incrementAndGet() == job.total)
					helpers.shutdown();
				job.put(result);
				if (result instanceof FrameResult.Failed f && f.fatal())
					return;
			}
		}
		finally {
			if (trusted)
				LocatorPool.give(locator);
			job.workerEnded();
			if (reader != null) {
				try {
					reader.close();
				}
				catch (final Exception e) {
					// nothing to lose: the reader only reads
				}
			}
		}
	}

	/** The pool of helper threads for the work inside frames, from the same thread factory as the workers. */
	private HelperPool helperPool(final int n, final List<Thread> made, final Runnable wake) {
		final AtomicInteger count = new AtomicInteger();
		final ThreadFactory f = r -> {
			final Thread th = threadFactory != null ? threadFactory.newThread(r) : new Thread(r);
			if (th == null)
				throw new IllegalStateException("the thread factory " + threadFactory + " made no thread");
			if (threadFactory == null) {
				th.setDaemon(true);
				th.setName("parallel-locate-helper-" + count.getAndIncrement());
			}
			made.add(th);
			return th;
		};
		return new HelperPool(n, f, wake);
	}

	private static void shutdownUninterruptibly(final HelperPool pool) {
		pool.shutdown();
		boolean interrupted = false;
		while (true) {
			try {
				if (pool.awaitTermination(1, TimeUnit.MINUTES))
					break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted)
			Thread.currentThread().interrupt();
	}

	private static void joinUninterruptibly(final Thread t) {
		boolean interrupted = false;
		while (true) {
			try {
				t.join();
				break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted)
			Thread.currentThread().interrupt();
	}

	/** Shared state of one run: next frame, the delivery window, results. */
	private static final class Job {
		final PlaneSource source;
		final int total;
		final int window;
		final ReentrantLock lock = new ReentrantLock();
		final Condition changed = lock.newCondition();
		final Map<Integer, FrameResult> results = new HashMap<>();
		final AtomicInteger nextFrame = new AtomicInteger();
		/** Counts the workers down as their threads begin. */
		final CountDownLatch begun;
		final AtomicInteger located = new AtomicInteger(); // frames located or failed
		HelperPool helpers; // null: none; the delivering thread starts their threads (HelperPool)
		int delivered; // frames delivered (the window slides with it)
		int liveWorkers;
		boolean stopped;

		Job(final PlaneSource source, final int total, final int window, final int workers) {
			this.source = source;
			this.total = total;
			this.window = window;
			begun = new CountDownLatch(workers);
		}

		/** Counts a worker before its thread starts. */
		void workerStarting() {
			lock.lock();
			try {
				liveWorkers++;
			}
			finally {
				lock.unlock();
			}
		}

		void workerEnded() {
			lock.lock();
			try {
				liveWorkers--;
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}

		/** The next frame for a worker, waiting for room in the window; -1 when done. */
		int next() {
			lock.lock();
			try {
				while (true) {
					if (stopped)
						return -1;
					final int f = nextFrame.get();
					if (f >= total)
						return -1;
					if (f < delivered + window) {
						nextFrame.incrementAndGet();
						return f;
					}
					changed.awaitUninterruptibly();
				}
			}
			finally {
				lock.unlock();
			}
		}

		void put(final FrameResult result) {
			lock.lock();
			try {
				results.put(result.frame(), result);
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}

		/** Waits for a frame's result; throws as soon as the engine is cancelled. */
		FrameResult take(final int frame, final LocateEngine engine) throws InterruptedException {
			lock.lock();
			try {
				while (true) {
					if (engine.cancelled)
						throw cancellation();
					if (results.containsKey(frame))
						return results.remove(frame);
					if (helpers != null && helpers.hasHanded()) {
						lock.unlock();
						try {
							helpers.startHanded();
						}
						finally {
							lock.lock();
						}
						continue;
					}
					if (liveWorkers == 0) // cannot happen unless a worker died of an error in the engine itself
						throw new IllegalStateException("the worker threads ended before frame " + frame + " was located");
					changed.await(); // cancel() signals through stop()
				}
			}
			finally {
				lock.unlock();
			}
		}

		CancellationException cancellation() {
			return new CancellationException("cancelled after " + delivered + " of " + total + " frames");
		}

		void release() {
			lock.lock();
			try {
				delivered++;
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}

		/** Wakes the delivering thread, if it waits for a result: a helper's thread is to be started. */
		void wake() {
			lock.lock();
			try {
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}

		void stop() {
			lock.lock();
			try {
				stopped = true;
				changed.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}
}
