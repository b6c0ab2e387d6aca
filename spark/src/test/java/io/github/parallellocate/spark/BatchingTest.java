package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import io.github.parallellocate.parallel.PlaneSource;


/** How the driver cuts a movie into tasks. */
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
		public PlaneSource open() {
			throw new UnsupportedOperationException();
		}
	}

	@Test
	void contiguousBatchesCoverEveryFrameOnceInOrder() {
		final List<FrameBatch> b = SparkLocateJob.batches(new Range(0, 50), 7);
		assertEquals(8, b.size());
		for (int i = 0; i < b.size(); i++) {
			assertEquals(i, b.get(i).index());
			assertEquals(7 * i, b.get(i).firstFrame());
			assertEquals(new Range(7 * i, Math.min(50, 7 * i + 7)), b.get(i).frames());
		}
	}

	@Test
	void exactMultipleAndSingleBatch() {
		assertEquals(2, SparkLocateJob.batches(new Range(0, 64), 32).size());
		assertEquals(List.of(new FrameBatch(0, 0, new Range(0, 5))), SparkLocateJob.batches(new Range(0, 5), 32));
		assertEquals(List.of(), SparkLocateJob.batches(new Range(0, 0), 32));
	}

	@Test
	void framesPerTaskMustBePositive() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkLocateJob(null).framesPerTask(0));
		assertEquals("frames-per-task must be at least 1, got 0", e.getMessage());
	}
}
