package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


/** How the driver cuts movies into tasks. */
class BatchingTest {

	/** Frames {@code from .. to-1} of a movie, as numbers. */
	private record Range(int from, int to) implements FrameList {
		@Override
		public int size() {
			return to - from;
		}

		@Override
		public FrameList slice(final int a, final int b) {
			return new Range(from + a, from + b);
		}

		@Override
		public Opened open() {
			throw new UnsupportedOperationException();
		}
	}

	private static List<FrameBatch> batches(final String source, final FrameList frames, final int perTask) {
		final List<FrameBatch> out = new ArrayList<>();
		ParallelLocateSpark.batches(out, source, frames, perTask);
		return out;
	}

	@Test
	void contiguousBatchesCoverEveryFrameOnceInOrder() {
		final List<FrameBatch> b = batches(null, new Range(0, 50), 7);
		assertEquals(8, b.size());
		for (int i = 0; i < b.size(); i++) {
			assertEquals(i, b.get(i).index());
			assertEquals(7 * i, b.get(i).firstFrame());
			assertEquals(new Range(7 * i, Math.min(50, 7 * i + 7)), b.get(i).frames());
		}
	}

	@Test
	void batchesNeverSpanMoviesAndNumberFramesWithinTheirMovie() {
		final List<FrameBatch> out = new ArrayList<>();
		ParallelLocateSpark.batches(out, "a.tif", new Range(0, 10), 4);
		ParallelLocateSpark.batches(out, "b.tif", new Range(0, 5), 4);
		assertEquals(List.of(new FrameBatch(0, "a.tif", 0, new Range(0, 4)), new FrameBatch(1, "a.tif", 4, new Range(4, 8)),
			new FrameBatch(2, "a.tif", 8, new Range(8, 10)), new FrameBatch(3, "b.tif", 0, new Range(0, 4)),
			new FrameBatch(4, "b.tif", 4, new Range(4, 5))), out);
	}

	@Test
	void exactMultipleAndSingleBatch() {
		assertEquals(2, batches(null, new Range(0, 64), 32).size());
		assertEquals(List.of(new FrameBatch(0, null, 0, new Range(0, 5))), batches(null, new Range(0, 5), 32));
		assertEquals(List.of(), batches(null, new Range(0, 0), 32));
	}

	@Test
	void automaticTaskSizeBalancesSmallJobsAndCapsLargeOnes() {
		assertEquals(9, ParallelLocateSpark.autoFramesPerTask(50, 2), "50 frames on 2 cores: 6 tasks");
		assertEquals(1, ParallelLocateSpark.autoFramesPerTask(5, 2));
		assertEquals(1, ParallelLocateSpark.autoFramesPerTask(0, 2));
		assertEquals(32, ParallelLocateSpark.autoFramesPerTask(100_000, 8), "at most 32: per-task cost stays small");
		assertEquals(32, ParallelLocateSpark.autoFramesPerTask(10_000, 100));
		assertEquals(14, ParallelLocateSpark.autoFramesPerTask(1000, 24));
	}

	@Test
	void failedFramesAreNamedByTheirMovieFrameAndSource() {
		final FrameBatch lone = new FrameBatch(3, null, 14, new Range(14, 21));
		assertEquals("frame 16 (movie.tif, page 17): boom", LocateTask.inMovieTerms(lone, 2, "frame 2 (movie.tif, page 17): boom"));
		final FrameBatch named = new FrameBatch(3, "hdfs://nn/lab/a.tif", 14, new Range(14, 21));
		assertEquals("hdfs://nn/lab/a.tif: frame 16 (a.tif, page 17): boom", LocateTask.inMovieTerms(named, 2, "frame 2 (a.tif, page 17): boom"));
	}

	@Test
	void framesPerTaskMustBePositive() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParallelLocateSpark(null).framesPerTask(-1));
		assertEquals("frames-per-task must be at least 1, got -1", e.getMessage());
	}
}
