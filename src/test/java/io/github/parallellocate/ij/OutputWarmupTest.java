package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Warmup;

/**
 * The warm-up of the plugin's outputs ({@link OutputWarmup}) runs the table
 * and overlay code on made-up rows without touching anything the user sees:
 * the image keeps its overlay (none), ImageJ's Results table its rows; it
 * stops when cancelled and when its batches are done (and is then skipped),
 * for planes, volumes and per-axis diameters.
 */
class OutputWarmupTest {

	@Test
	void warmsWithoutSideEffectsAndStops() throws Exception {
		final ImageStack stack = new ImageStack(64, 48);
		for (int i = 0; i < 6; i++)
			stack.addSlice(new ByteProcessor(64, 48));
		final ImagePlus imp = new ImagePlus("stack", stack);
		final int results = ResultsTable.getResultsTable().size();
		for (final Warmup.Job job : new Warmup.Job[] {
			new Warmup.Job(LocateParameters.builder(11).build(), PixelType.UINT8, 2),
			new Warmup.Job(LocateParameters.builder(PerAxis.axes(7, 11)).build(), PixelType.UINT8, 2),
			new Warmup.Job(LocateParameters.builder(PerAxis.axes(3, 7, 7)).characterize(false).build(), PixelType.UINT8, 3) }) {
			final OutputWarmup w = OutputWarmup.start(imp, () -> job, 60_000);
			while (w.batches() == 0 && w.failure() == null)
				Thread.onSpinWait();
			w.cancel();
			assertTrue(w.await(30_000), "stops when cancelled");
			assertNull(w.failure());
		}
		final OutputWarmup all = OutputWarmup.start(imp, () -> new Warmup.Job(LocateParameters.of(9), PixelType.UINT16, 2), 600_000);
		assertTrue(all.await(120_000), "stops after its batches");
		assertNull(all.failure());
		assertEquals(OutputWarmup.BATCHES, all.batches());
		final OutputWarmup again = OutputWarmup.start(imp, () -> new Warmup.Job(LocateParameters.of(9), PixelType.UINT16, 2), 600_000);
		assertTrue(again.await(30_000));
		assertEquals(0, again.batches(), "done once: a later dialog skips it");
		assertNull(imp.getOverlay());
		assertEquals(results, ResultsTable.getResultsTable().size());
	}
}
