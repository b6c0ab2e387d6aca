package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The sort of the duplicate search's keys, on nearly sorted and on shuffled input. */
class DuplicatesSortTest {

	@Test
	void sortsNearlySortedAndShuffledKeysLikeArraysSort() {
		final Random random = new Random(11);
		for (int trial = 0; trial < 200; trial++) {
			final int n = random.nextInt(300);
			final long[] keys = new long[n];
			for (int i = 0; i < n; i++) // rows in order, a few displaced, or anything
				keys[i] = trial % 2 == 0 ? ((long) (i / 7 + random.nextInt(3)) << 32) | i : random.nextLong();
			final long[] expected = keys.clone();
			Arrays.sort(expected);
			Duplicates.sortNearlySorted(keys, n);
			assertArrayEquals(expected, keys, "trial " + trial);
		}
	}
}
