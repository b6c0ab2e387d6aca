package io.github.parallellocate.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;

/**
 * The engine's two levels of parallelism (frames at once, threads per
 * frame): a single large frame, or fewer frames than threads, is located on
 * every thread, with exactly the features of one thread, and every thread
 * the factory made has ended when the run returns.
 */
class IntraFrameParallelTest {

	private static Plane spots(final long seed, final int w, final int h) {
		final Random rnd = new Random(seed);
		final double[] mean = new double[w * h];
		for (int s = 0; s < w * h / 700; s++) {
			final double cy = rnd.nextDouble() * h, cx = rnd.nextDouble() * w, a = 100 + rnd.nextDouble() * 1500;
			for (int y = Math.max(0, (int) cy - 6); y < Math.min(h, (int) cy + 7); y++)
				for (int x = Math.max(0, (int) cx - 6); x < Math.min(w, (int) cx + 7); x++)
					mean[y * w + x] += a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * 1.6 * 1.6));
		}
		final short[] px = new short[w * h];
		for (int i = 0; i < px.length; i++)
			px[i] = (short) Math.max(0, Math.min(65535, Math.round(300 + mean[i] + 20 * rnd.nextGaussian())));
		return Plane.ofShorts(px, w, h);
	}

	private static List<List<Feature>> run(final List<Image> frames, final int threads, final CountingThreadFactory factory)
			throws Exception {
		final LocateParameters p = LocateParameters.builder(9).minmass(300.).build();
		return new LocateEngine(p).threads(threads).threadFactory(factory).locateAll(new ArrayPlaneSource(frames));
	}

	@Test
	void oneFrameUsesEveryThreadAndGivesOneThreadsFeatures() throws Exception {
		final List<Image> frames = List.of(spots(1, 1000, 900));
		final List<List<Feature>> one = run(frames, 1, new CountingThreadFactory());
		assertTrue(one.get(0).size() > 500, "features: " + one.get(0).size());
		for (final int threads : new int[] { 2, 3 }) {
			CountingThreadFactory factory;
			int attempts = 0;
			do { // a helper starts when the thread that runs the engine wakes: on a loaded machine, maybe after the frame
				factory = new CountingThreadFactory();
				assertEquals(one, run(frames, threads, factory), threads + " threads");
			} while (factory.count() < threads && ++attempts < 5);
			assertEquals(threads, factory.count(), "threads made for " + threads);
			assertEquals(List.of(), factory.alive(), "threads still alive");
			for (final Thread t : factory.threads()) // the worker and its helpers (HelperPool): the worker never waits for a start
				assertEquals(Thread.currentThread(), factory.maker(t), t.getName() + " started by the thread that runs the engine");
		}
	}

	@Test
	void aLargeFramesHelpersAreStartedAsTheRunStarts() throws Exception {
		// a source that knows its frames are large: their helpers are started with the run (HelperPool.prestart), while
		// the worker starts and reads, not when the frame's first split asks for them (too late to be there at its start)
		final Plane frame = spots(4, 1000, 900);
		final LocateParameters p = LocateParameters.builder(9).minmass(301.).build(); // a locator of its own: no earlier image
		for (int k = 0; k < 3; k++) {
			final CountingThreadFactory factory = new CountingThreadFactory();
			final boolean[] helperBeforeRead = new boolean[1];
			final Thread[] worker = new Thread[1];
			final PlaneSource source = new PlaneSource() {
				@Override
				public int size() {
					return 1;
				}

				@Override
				public long framePixels() {
					return 1000 * 900;
				}

				@Override
				public String describe(final int index) {
					return "frame";
				}

				@Override
				public PlaneReader newReader() {
					return index -> {
						final long deadline = System.nanoTime() + 10_000_000_000L;
						while (factory.count() < 2 && System.nanoTime() < deadline)
							Thread.onSpinWait();
						helperBeforeRead[0] = factory.count() == 2;
						worker[0] = Thread.currentThread();
						return frame;
					};
				}
			};
			final List<List<Feature>> two = new LocateEngine(p).threads(2).threadFactory(factory).locateAll(source);
			assertTrue(helperBeforeRead[0], "run " + k + ": the helper started before the frame was read");
			// and before the worker (HelperPool.prestart: started after it, it came 1.6-1.8 ms late in the median round)
			assertEquals(worker[0], factory.threads().get(1), "run " + k + ": the helper started first, the worker second");
			assertEquals(new LocateEngine(p).threads(1).locateAll(new ArrayPlaneSource(List.of(frame))), two);
			assertEquals(List.of(), factory.alive(), "threads still alive");
			for (final Thread t : factory.threads())
				assertEquals(Thread.currentThread(), factory.maker(t), t.getName() + " started by the thread that runs the engine");
		}
	}

	@Test
	void fewerFramesThanThreadsShareTheRest() throws Exception {
		final List<Image> frames = new ArrayList<>();
		for (int i = 0; i < 2; i++)
			frames.add(spots(10 + i, 640, 500));
		final List<List<Feature>> one = run(frames, 1, new CountingThreadFactory());
		CountingThreadFactory factory;
		int attempts = 0;
		do { // as above
			factory = new CountingThreadFactory();
			assertEquals(one, run(frames, 4, factory));
		} while (factory.count() < 4 && ++attempts < 5);
		assertEquals(4, factory.count(), "2 workers, each with one helper");
		assertEquals(List.of(), factory.alive(), "threads still alive");
		for (final Thread t : factory.threads())
			assertEquals(Thread.currentThread(), factory.maker(t), t.getName() + " started by the thread that runs the engine");
	}

	@Test
	void manyFramesNeedNoHelpers() throws Exception {
		final List<Image> frames = new ArrayList<>();
		for (int i = 0; i < 5; i++)
			frames.add(spots(20 + i, 200, 150));
		final List<List<Feature>> one = run(frames, 1, new CountingThreadFactory());
		final CountingThreadFactory factory = new CountingThreadFactory();
		assertEquals(one, run(frames, 2, factory));
		assertEquals(2, factory.count(), "one thread per frame at once");
	}
}
