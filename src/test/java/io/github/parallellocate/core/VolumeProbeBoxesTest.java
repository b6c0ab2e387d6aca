package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import io.github.parallellocate.testutil.DaemonPool;

/**
 * {@link VolumeBandpass#maxOfBoxes}, the probe's boxes at once on several
 * threads: the largest of each box's {@link VolumeBandpass#filter} alone,
 * on one thread.
 */
class VolumeProbeBoxesTest {

	private static final ExecutorService pool = DaemonPool.of(3, "probe-boxes-test");

	@Test
	void boxesOnThreadsGiveTheLargestOfEachBoxAlone() {
		final Random rnd = new Random(33);
		final VolumeBandpass.Rows none = (values, z, y, w, rowMax, c) -> {};
		for (int round = 0; round < 40; round++) {
			final int w = 8 + rnd.nextInt(60), h = 8 + rnd.nextInt(40), d = 3 + rnd.nextInt(10);
			final boolean integer = rnd.nextInt(3) > 0, sixteen = rnd.nextBoolean();
			final int gamut = !integer ? 0 : sixteen ? 65535 : 255;
			final Object[] slices = integer ? new Object[d] : null;
			if (integer) // VectorKernelsAgreeTest's pixels: a background, a sixth of them anywhere in the gamut
				for (int z = 0; z < d; z++)
					slices[z] = VectorKernelsAgreeTest.pixels(rnd, sixteen ? 1 : 0, w * h);
			final float[] rawF = integer ? null : new float[w * h * d];
			for (int i = 0; !integer && i < rawF.length; i++)
				rawF[i] = (float) (rnd.nextGaussian() * 30 + 100);
			final int[] offsets = new int[d];
			final boolean invert = integer && rnd.nextInt(4) == 0;
			final double threshold = integer ? 1 : 1 / 255.;
			final double[][] kernels = { Bandpass.gaussianKernel(1.2, 4.0), Bandpass.gaussianKernel(1.8, 4.0), Bandpass.gaussianKernel(1.8, 4.0) };
			final int[] smoothing = integer ? new int[] { 5, 9, 9 } : new int[] { 1, 1, 1 };
			final int n = rnd.nextInt(6);
			final int[] boxes = new int[4 * n];
			double expected = Double.NEGATIVE_INFINITY;
			final VolumeBandpass alone = new VolumeBandpass(kernels, smoothing);
			for (int k = 0; k < n; k++) {
				final int z = rnd.nextInt(d), y = rnd.nextInt(h);
				boxes[4 * k] = Math.max(0, z - 1);
				boxes[4 * k + 1] = Math.min(d, z + 2);
				boxes[4 * k + 2] = Math.max(0, y - 2);
				boxes[4 * k + 3] = Math.min(h, y + 10);
				expected = Math.max(expected, alone.filter(slices, offsets, invert, rawF, null, gamut, threshold, w, h, d, null, none, null,
					boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3], Splitter.SERIAL, null));
			}
			final String what = "round " + round + ": " + w + "x" + h + "x" + d + (integer ? sixteen ? " u16" : " u8" : " float") + ", " + n + " boxes";
			// one band pass for every split: its scratches are reused, by whichever thread
			final VolumeBandpass bp = new VolumeBandpass(kernels, smoothing);
			for (final Splitter sp : new Splitter[] { Splitter.SERIAL, new Splitter(pool, 2), new Splitter(pool, 3, true) })
				assertEquals(expected, bp.maxOfBoxes(slices, offsets, invert, rawF, null, gamut, threshold, w, h, d, boxes, n, sp),
					what + ", " + sp.parallelism() + " threads");
		}
	}
}
