package io.github.parallellocate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import io.github.parallellocate.testutil.SharedData;

/**
 * The background warm-up ({@link Warmup}): its synthetic images exercise the
 * run's code paths (features found, for every pixel type, 2D and 3D, plain
 * and inverted), it never changes what a run finds (the bulk-water movie
 * located during and after a warm-up gives the features of a run without
 * one), and it stops when cancelled, when its time is up, and never starts
 * without valid parameters.
 */
class WarmupTest {

	private static final LocateParameters BULK = LocateParameters.builder(11).invert(true).minmass(20.0).build();

	@Test
	void syntheticImagesHaveFeaturesForEveryTypeAndDimension() {
		for (final PixelType type : PixelType.values())
			for (final boolean invert : new boolean[] { false, true }) {
				final LocateParameters p2 = LocateParameters.builder(9).invert(invert).build();
				final List<List<Feature>> f2 = Warmup.locateSynthetic(new Warmup.Job(p2, type, 2));
				for (final List<Feature> f : f2)
					assertTrue(f.size() >= 4, type + " 2D invert=" + invert + ": " + f.size() + " features");
				final LocateParameters p3 = LocateParameters.builder(PerAxis.axes(5, 9, 9)).invert(invert).build();
				final List<List<Feature>> f3 = Warmup.locateSynthetic(new Warmup.Job(p3, type, 3));
				for (final List<Feature> f : f3)
					assertTrue(f.size() >= 4, type + " 3D invert=" + invert + ": " + f.size() + " features");
			}
		// anisotropic 2D, a large diameter
		for (final List<Feature> f : Warmup.locateSynthetic(new Warmup.Job(LocateParameters.builder(PerAxis.axes(7, 11)).build(), PixelType.UINT16, 2)))
			assertTrue(f.size() >= 4);
		for (final List<Feature> f : Warmup.locateSynthetic(new Warmup.Job(LocateParameters.builder(31).build(), PixelType.UINT8, 2)))
			assertTrue(f.size() >= 4);
	}

	@Test
	void theFiltersAreClearedForHalfTheImages() {
		final LocateParameters p = LocateParameters.builder(11).minmass(1e9).maxsize(3.0).topn(2).invert(true).build();
		final LocateParameters u = Warmup.unfiltered(p);
		assertNull(u.minmassOrNull());
		assertNull(u.maxsize());
		assertNull(u.topn());
		assertTrue(u.invert());
		assertEquals(p.diameter(), u.diameter());
	}

	@Test
	void neverChangesResults() throws Exception {
		final List<Plane> frames = bulkWaterFrames(12);
		final List<List<Feature>> before = locateAll(frames);
		// the same parameters, the same pixel type, on another thread while we locate
		final Warmup w = Warmup.start(new Warmup.Job(BULK, PixelType.UINT8, 2), 60_000);
		try {
			while (w.images() < 4 && !w.isDone())
				Thread.onSpinWait();
			assertEquals(before, locateAll(frames), "during a warm-up");
		}
		finally {
			w.cancel();
		}
		assertTrue(w.await(30_000), "the warm-up stops when cancelled");
		assertNull(w.failure());
		assertTrue(w.images() >= 4);
		assertEquals(before, locateAll(frames), "after a warm-up");
	}

	@Test
	void stopsWhenCancelledAndWhenTheTimeIsUp() throws Exception {
		final Warmup w = Warmup.start(new Warmup.Job(LocateParameters.builder(7).build(), PixelType.FLOAT32, 2), 600_000);
		while (w.images() == 0 && !w.isDone())
			Thread.onSpinWait();
		assertFalse(w.isDone());
		final long t0 = System.nanoTime();
		w.cancel();
		assertTrue(w.await(30_000));
		assertTrue(w.images() > 0);
		assertNull(w.failure());
		assertTrue(System.nanoTime() - t0 < 30_000_000_000L);

		final Warmup timed = Warmup.start(new Warmup.Job(LocateParameters.builder(PerAxis.axes(3, 5, 5)).build(), PixelType.UINT16, 3), 200);
		assertTrue(timed.await(30_000), "a warm-up ends by itself when its time is up");
		assertNull(timed.failure());
	}

	@Test
	void waitsForValidParametersAndFollowsTheirChanges() throws Exception {
		final AtomicReference<Warmup.Job> job = new AtomicReference<>();
		final Warmup w = Warmup.start(job::get, 600_000);
		Thread.sleep(100);
		job.set(new Warmup.Job(LocateParameters.builder(1).preprocess(false).build(), PixelType.UINT16, 2)); // the locator refuses a diameter of 1
		Thread.sleep(100);
		assertEquals(0, w.images(), "nothing to warm without valid parameters");
		assertFalse(w.isDone());
		job.set(new Warmup.Job(LocateParameters.builder(9).build(), PixelType.UINT16, 2));
		while (w.images() == 0 && !w.isDone())
			Thread.onSpinWait();
		final int before = w.images();
		job.set(null); // invalid now: keeps warming with the last valid ones
		while (w.images() < before + 4 && !w.isDone())
			Thread.onSpinWait();
		job.set(new Warmup.Job(LocateParameters.builder(PerAxis.axes(5, 9, 9)).build(), PixelType.UINT16, 3));
		final int more = w.images();
		while (w.images() < more + 2 && !w.isDone())
			Thread.onSpinWait();
		w.cancel();
		assertTrue(w.await(30_000));
		assertNull(w.failure());
	}

	private static List<List<Feature>> locateAll(final List<Plane> frames) {
		final FeatureLocator l = new FeatureLocator(BULK);
		final List<List<Feature>> all = new ArrayList<>();
		for (final Plane p : frames)
			all.add(l.locate(p));
		return all;
	}

	private static List<Plane> bulkWaterFrames(final int n) {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final ImageStack s = imp.getStack();
		final List<Plane> planes = new ArrayList<>();
		for (int i = 1; i <= n; i++)
			planes.add(Plane.of(s.getPixels(i), s.getWidth(), s.getHeight()));
		return planes;
	}
}
