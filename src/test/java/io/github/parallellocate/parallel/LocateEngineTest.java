package io.github.parallellocate.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ij.IJ;
import ij.ImageStack;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;
import io.github.parallellocate.testutil.SyntheticImages;

/**
 * The engine on real planes: same results whatever the thread count, failed
 * frames, failing sinks, cancellation, thread accounting, the window and
 * progress.
 */
class LocateEngineTest {

	private static final LocateParameters BULK = LocateParameters.builder(11).invert(true).minmass(20.).build();
	private static final LocateParameters SMALL = LocateParameters.builder(7).minmass(1.).build();

	private static List<Plane> bulkWater;

	@BeforeAll
	static void load() {
		final ImageStack s = IJ.openImage(SharedData.bulkWaterTiff().toString()).getStack();
		bulkWater = IntStream.rangeClosed(1, s.getSize()).mapToObj(i -> Plane.of(s.getPixels(i), s.getWidth(), s.getHeight()))
			.toList();
	}

	/** {@code n} small 8-bit planes with spots (seeded). */
	private static List<Plane> small(final int n) {
		final Random rnd = new Random(42);
		final List<Plane> planes = new ArrayList<>();
		for (int i = 0; i < n; i++)
			planes.add(SyntheticImages.spots(rnd, PixelType.UINT8, 48, 40, 6, 0.02));
		return planes;
	}

	/** Collects what the sink receives, checking the frame order. */
	private static final class Collector implements FeatureSink {
		final List<Integer> frames = Collections.synchronizedList(new ArrayList<>());
		final List<List<Feature>> features = Collections.synchronizedList(new ArrayList<>());
		final InstrumentedSource source;
		final long sleepMillis;

		Collector(final InstrumentedSource source, final long sleepMillis) {
			this.source = source;
			this.sleepMillis = sleepMillis;
		}

		@Override
		public void accept(final int frame, final List<Feature> list) {
			if (source != null)
				source.delivered();
			frames.add(frame);
			features.add(List.copyOf(list));
			InstrumentedSource.sleep(sleepMillis);
		}
	}

	private static List<Integer> range(final int from, final int to) {
		return IntStream.range(from, to).boxed().toList();
	}

	// --- identical results ---

	@Test
	void bulkWaterIsIdenticalForAnyThreadCountAndMatchesTrackpy() throws Exception {
		final FeatureLocator serial = new FeatureLocator(BULK);
		final List<List<Feature>> expected = bulkWater.stream().map(p -> List.copyOf(serial.locate(p))).toList();
		for (final int n : new int[] { 1, 2, 3, 8 }) {
			final Collector c = new Collector(null, 0);
			final RunSummary s = new LocateEngine(BULK).threads(n).run(new ArrayPlaneSource(bulkWater), c);
			assertEquals(range(0, 50), c.frames, n + " threads: frame order");
			assertEquals(expected, c.features, n + " threads: features");
			assertEquals(50, s.located());
			assertEquals(expected.stream().mapToInt(List::size).sum(), s.features());
			assertEquals(Math.min(n, 50), s.threads());
		}
		final FeatureTable got = new FeatureTable();
		for (int f = 0; f < expected.size(); f++)
			got.addAll(f, expected.get(f));
		Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")), got).assertParity();
	}

	@Test
	void locateAllGivesOneListPerFrame() throws Exception {
		final List<Plane> planes = small(7);
		final List<List<Feature>> all = new LocateEngine(SMALL).threads(3).locateAll(new ArrayPlaneSource(planes));
		final FeatureLocator serial = new FeatureLocator(SMALL);
		assertEquals(planes.stream().map(p -> List.copyOf(serial.locate(p))).toList(), all);
	}

	// --- failing frames ---

	@ParameterizedTest
	@ValueSource(ints = { 1, 3 })
	void aFailingFrameStopsTheRunNamingIt(final int threads) {
		final InstrumentedSource src = new InstrumentedSource(small(30)).failOn(11);
		final Collector c = new Collector(src, 0);
		final CountingThreadFactory tf = new CountingThreadFactory();
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(threads).threadFactory(tf).run(src, c));
		assertEquals(11, e.frame());
		assertEquals("frame 11 (test.tif, page 12): page is truncated", e.getMessage());
		assertEquals(range(0, 11), c.frames, "frames before the failed one delivered, none after");
		assertEquals(List.of(), tf.alive());
		assertEquals(src.readersOpened(), src.readersClosed(), "every reader closed");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3 })
	void skippedFramesAreListedAndTheOthersDelivered(final int threads) throws Exception {
		final List<Plane> planes = small(30);
		final InstrumentedSource src = new InstrumentedSource(planes).failOn(0, 11, 29);
		final Collector c = new Collector(src, 0);
		final RunSummary s = new LocateEngine(SMALL).threads(threads).skipBadFrames(true).run(src, c);
		final List<Integer> expectedFrames = new ArrayList<>(range(1, 29));
		expectedFrames.remove(Integer.valueOf(11));
		assertEquals(expectedFrames, c.frames);
		assertEquals(List.of(new RunSummary.SkippedFrame(0, "frame 0 (test.tif, page 1): page is truncated"),
			new RunSummary.SkippedFrame(11, "frame 11 (test.tif, page 12): page is truncated"),
			new RunSummary.SkippedFrame(29, "frame 29 (test.tif, page 30): page is truncated")), s.skipped());
		assertEquals(27, s.located());
		final FeatureLocator serial = new FeatureLocator(SMALL);
		for (int i = 0; i < expectedFrames.size(); i++)
			assertEquals(serial.locate(planes.get(expectedFrames.get(i))), c.features.get(i));
	}

	@Test
	void aFrameTheSettingsDoNotFitStopsTheRunEvenWhenSkipping() throws Exception {
		final List<Plane> planes = new ArrayList<>(small(5));
		planes.set(2, Plane.ofBytes(new byte[5 * 5], 5, 5)); // smaller than the diameter
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(2).run(new ArrayPlaneSource(planes), (f, l) -> {}));
		assertEquals(2, e.frame());
		assertTrue(e.getMessage().startsWith("frame 2 (plane 3 of 5): "), e.getMessage());
		assertInstanceOf(IllegalArgumentException.class, e.getCause());
		final FrameFailedException skipping = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(2).skipBadFrames(true).run(new ArrayPlaneSource(planes), (f, l) -> {}));
		assertEquals("frame 2 (plane 3 of 5): diameter 7 is larger than the image (5x5)", skipping.getMessage(),
			"settings that do not fit the image are never skipped");
	}

	@Test
	void aReaderThatCannotBeOpenedStopsTheRunEvenWhenSkipping() {
		final InstrumentedSource src = new InstrumentedSource(small(6)).failOpen(new IOException("cannot read test.tif"));
		final CountingThreadFactory tf = new CountingThreadFactory();
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(2).threadFactory(tf).skipBadFrames(true).run(src, (f, l) -> {}));
		assertEquals("frame 0 (test.tif, page 1): cannot read test.tif", e.getMessage());
		assertEquals(List.of(), tf.alive());
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	@Timeout(20)
	void anErrorOfTheJvmIsNeverSkipped(final boolean stackOverflow) {
		final Error error = stackOverflow ? new StackOverflowError() : new OutOfMemoryError("Java heap space");
		final InstrumentedSource src = new InstrumentedSource(small(8)).failOn(3).readError(error);
		final Collector c = new Collector(src, 0);
		final CountingThreadFactory tf = new CountingThreadFactory();
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(2).threadFactory(tf).skipBadFrames(true).run(src, c));
		assertEquals("frame 3 (test.tif, page 4): " + (stackOverflow ? "StackOverflowError" : "Java heap space"), e.getMessage());
		assertEquals(range(0, 3), c.frames);
		assertEquals(List.of(), tf.alive());
	}

	// --- failing sink ---

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aFailingSinkStopsTheRun(final boolean unchecked) {
		final List<Integer> got = Collections.synchronizedList(new ArrayList<>());
		final CountingThreadFactory tf = new CountingThreadFactory();
		final FeatureSink sink = (frame, features) -> {
			if (frame == 4) {
				if (unchecked)
					throw new IllegalStateException("table is full");
				throw new IOException("No space left on device");
			}
			got.add(frame);
		};
		final FrameFailedException e = assertThrows(FrameFailedException.class,
			() -> new LocateEngine(SMALL).threads(3).threadFactory(tf).skipBadFrames(true).run(new ArrayPlaneSource(small(40)), sink));
		assertEquals(4, e.frame());
		assertEquals("frame 4 (writing results): " + (unchecked ? "table is full" : "No space left on device"), e.getMessage());
		assertEquals(range(0, 4), got);
		assertEquals(List.of(), tf.alive());
	}

	// --- cancellation ---

	@Test
	void cancelFromAnotherThreadStopsPromptlyAndLeavesNoThread() throws Exception {
		final InstrumentedSource src = new InstrumentedSource(small(400)).readMillis(20);
		final CountingThreadFactory tf = new CountingThreadFactory();
		final LocateEngine engine = new LocateEngine(SMALL).threads(3).threadFactory(tf);
		final CountDownLatch started = new CountDownLatch(5);
		final Collector c = new Collector(src, 0);
		engine.progress((done, total, fps) -> started.countDown());
		final CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> {
			try {
				return engine.run(src, c);
			}
			catch (final FrameFailedException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		});
		assertTrue(started.await(20, TimeUnit.SECONDS), "5 frames delivered");
		final long t0 = System.nanoTime();
		engine.cancel();
		final ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
		final long millis = (System.nanoTime() - t0) / 1_000_000;
		assertInstanceOf(CancellationException.class, e.getCause());
		assertTrue(e.getCause().getMessage().matches("cancelled after \\d+ of 400 frames"), e.getCause().getMessage());
		assertTrue(millis < 1000, "stopped within one frame's time, took " + millis + " ms");
		assertEquals(List.of(), tf.alive(), "no worker thread alive after the run");
		assertEquals(3, tf.count());
		final int delivered = c.frames.size();
		assertEquals(range(0, delivered), c.frames);
		assertTrue(delivered < 100, "stopped early: " + delivered + " frames delivered");
		assertTrue(engine.isCancelled());
	}

	@Test
	void aCancelledEngineRefusesLaterRunsWithoutStartingThreads() {
		final CountingThreadFactory tf = new CountingThreadFactory();
		final LocateEngine engine = new LocateEngine(SMALL).threadFactory(tf);
		engine.cancel();
		assertThrows(CancellationException.class, () -> engine.run(new ArrayPlaneSource(small(3)), (f, l) -> {}));
		assertEquals(0, tf.count());
	}

	@Test
	void interruptingTheCallerStopsTheRun() throws Exception {
		final InstrumentedSource src = new InstrumentedSource(small(400)).readMillis(20);
		final CountingThreadFactory tf = new CountingThreadFactory();
		final CountDownLatch started = new CountDownLatch(3);
		final Throwable[] thrown = new Throwable[1];
		final Thread caller = new Thread(() -> {
			try {
				new LocateEngine(SMALL).threads(2).threadFactory(tf).progress((d, t, f) -> started.countDown()).run(src, (f, l) -> {});
			}
			catch (final Throwable t) {
				thrown[0] = t;
			}
		});
		caller.start();
		assertTrue(started.await(20, TimeUnit.SECONDS));
		caller.interrupt();
		caller.join(5000);
		assertFalse(caller.isAlive());
		assertInstanceOf(InterruptedException.class, thrown[0]);
		assertEquals(List.of(), tf.alive());
	}

	// --- threads ---

	@Test
	void everyWorkerComesFromTheFactoryAndNeverMoreThanAskedOrThanFrames() throws Exception {
		for (final int[] c : new int[][] { { 3, 20, 3 }, { 8, 2, 2 }, { 1, 5, 1 }, { 4, 4, 4 } }) {
			final InstrumentedSource src = new InstrumentedSource(small(c[1])).readMillis(5);
			final CountingThreadFactory tf = new CountingThreadFactory();
			final RunSummary s = new LocateEngine(SMALL).threads(c[0]).threadFactory(tf).run(src, (f, l) -> {});
			assertEquals(c[2], tf.count(), c[0] + " threads, " + c[1] + " frames");
			assertEquals(c[2], s.threads());
			assertEquals(c[2], src.readersOpened(), "one reader per worker");
			assertEquals(c[2], src.readersClosed());
			for (final Thread t : src.readerThreads())
				assertTrue(tf.made(t), "read on " + t.getName() + ", not a factory thread");
			assertEquals(List.of(), tf.alive());
		}
	}

	@Test
	void anEmptySourceStartsNoThread() throws Exception {
		final CountingThreadFactory tf = new CountingThreadFactory();
		final RunSummary s = new LocateEngine(SMALL).threadFactory(tf).run(new ArrayPlaneSource(List.of()), (f, l) -> {
			throw new AssertionError("no frame");
		});
		assertEquals(0, s.frames());
		assertEquals(0, tf.count());
	}

	@Test
	void invalidSettingsAreRefused() {
		final LocateEngine e = new LocateEngine(SMALL);
		assertEquals("threads must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> e.threads(0)).getMessage());
		assertEquals("window must be at least 1, got -1", assertThrows(IllegalArgumentException.class, () -> e.window(-1)).getMessage());
	}

	// --- window and progress ---

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 6 })
	void theWindowBoundsTheFramesInFlight(final int window) throws Exception {
		final InstrumentedSource src = new InstrumentedSource(small(60)).readMillis(1);
		final Collector slowSink = new Collector(src, 5); // workers get ahead of the sink
		final FeatureSink gated = (frame, list) -> {
			// Hold the first delivery until the workers have filled the window (or 10 s
			// passed): whatever the machine's load, the window is then reached, never passed.
			final long end = System.nanoTime() + 10_000_000_000L;
			while (frame == 0 && src.maxInFlight() < window && System.nanoTime() < end)
				InstrumentedSource.sleep(1);
			slowSink.accept(frame, list);
		};
		new LocateEngine(SMALL).threads(4).window(window).run(src, gated);
		assertEquals(range(0, 60), slowSink.frames);
		assertEquals(window, src.maxInFlight(), "frames read but not delivered, at most");
	}

	@Test
	void theDefaultWindowIsFourFramesPerThread() throws Exception {
		final InstrumentedSource src = new InstrumentedSource(small(60));
		final Collector sink = new Collector(src, 5);
		final long end = System.nanoTime() + 10_000_000_000L;
		new LocateEngine(SMALL).threads(2).run(src, (frame, list) -> {
			while (frame == 0 && src.maxInFlight() < 8 && System.nanoTime() < end) // see above
				InstrumentedSource.sleep(1);
			sink.accept(frame, list);
		});
		assertEquals(8, src.maxInFlight());
	}

	@Test
	void progressCountsOneToNInOrderOnTheCallingThread() throws Exception {
		final List<Integer> done = new ArrayList<>();
		final Thread caller = Thread.currentThread();
		final InstrumentedSource src = new InstrumentedSource(small(25)).failOn(7);
		new LocateEngine(SMALL).threads(3).skipBadFrames(true).progress((d, total, fps) -> {
			assertEquals(25, total);
			assertTrue(fps > 0);
			assertTrue(Thread.currentThread() == caller);
			done.add(d);
		}).run(src, (f, l) -> {});
		assertEquals(range(1, 26), done);
	}
}
