package io.github.parallellocate.ij.preview;

import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.testutil.PreviewTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import io.github.parallellocate.analysis.Classification;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.LocateParameters;

/**
 * The preview session headless, with a direct UI executor: the overlay it
 * draws is the core's result on the current plane (plus the rejected
 * candidates), stale requests are dropped, scrolling re-locates, and closing
 * restores the image's own overlay.
 */
class PreviewSessionTest {

	private ImagePlus imp;
	private Overlay own;
	private PreviewSession session;
	private final List<PreviewResult> results = new CopyOnWriteArrayList<>();
	private final List<String> failures = new CopyOnWriteArrayList<>();

	@BeforeEach
	void open() {
		imp = PreviewTesting.bulkWater(5);
		own = new Overlay(new Roi(10, 10, 20, 20));
		imp.setOverlay(own);
		session = new PreviewSession(imp, Runnable::run, 30).listener(new PreviewSession.Listener() {
			@Override
			public void previewed(final PreviewResult r) {
				results.add(r);
			}

			@Override
			public void failed(final String message) {
				failures.add(message);
			}
		});
	}

	@AfterEach
	void close() {
		session.close();
	}

	private static Map<String, String> values(final String diameter, final String minmass) {
		final Map<String, String> v = new HashMap<>();
		v.put("diameter", diameter);
		v.put("minmass", minmass);
		v.put("invert", "true");
		return v;
	}

	private static List<Roi> named(final Overlay o, final String name) {
		final List<Roi> r = new ArrayList<>();
		for (final Roi roi : o.toArray())
			if (name.equals(roi.getName()))
				r.add(roi);
		return r;
	}

	/** The overlay shows the core's features of the current plane in cyan, the rejected ones in magenta. */
	private void assertOverlayIsCores(final int stackIndex, final LocateParameters p) {
		final Overlay o = imp.getOverlay();
		final List<Feature> expected = PreviewTesting.core(PreviewTesting.plane(imp, stackIndex), p);
		final List<Roi> accepted = named(o, "accepted");
		assertEquals(expected.size(), accepted.size());
		for (int i = 0; i < expected.size(); i++) {
			final Roi roi = accepted.get(i);
			assertEquals(expected.get(i).x() + 0.5, roi.getXBase() + roi.getFloatWidth() / 2, 1e-9);
			assertEquals(expected.get(i).y() + 0.5, roi.getYBase() + roi.getFloatHeight() / 2, 1e-9);
			assertEquals(PreviewOverlay.ACCEPTED, roi.getStrokeColor());
			assertEquals(stackIndex, roi.getPosition());
		}
		final int candidates = PreviewTesting.core(PreviewTesting.plane(imp, stackIndex), Classification.unfiltered(p))
			.size();
		final List<Roi> rejected = named(o, "rejected");
		assertEquals(candidates - expected.size(), rejected.size());
		for (final Roi roi : rejected)
			assertEquals(PreviewOverlay.REJECTED, roi.getStrokeColor());
	}

	@Test
	void previewsTheCurrentPlaneAndRestoresTheOverlay() throws Exception {
		session.update(values("11", "40"));
		session.setEnabled(true);
		session.awaitIdle(30_000);
		assertOverlayIsCores(1, LocateParameters.builder(11).invert(true).minmass(40.).build());
		assertEquals(1, results.size());

		imp.setSlice(4);
		session.imageUpdated(imp); // what the window's scroll bar fires in the GUI
		session.awaitIdle(30_000);
		assertOverlayIsCores(4, LocateParameters.builder(11).invert(true).minmass(40.).build());

		session.close();
		assertSame(own, imp.getOverlay(), "closing restores the image's own overlay");
	}

	@Test
	void disablingRestoresAndAnImageWithoutOverlayGetsNone() throws Exception {
		imp.setOverlay(null);
		session.update(values("11", "20"));
		session.setEnabled(true);
		session.awaitIdle(30_000);
		assertTrue(imp.getOverlay().size() > 0);
		session.setEnabled(false);
		assertNull(imp.getOverlay());
	}

	@Test
	void rapidChangesAreDebouncedAndOnlyTheLastIsShown() throws Exception {
		session.setEnabled(true);
		for (int m = 0; m <= 200; m += 10)
			session.update(values("11", Integer.toString(m)));
		for (final String d : new String[] { "7", "9", "13" })
			session.update(values(d, "200"));
		session.awaitIdle(30_000);
		assertTrue(session.locateCount() <= 2, "located " + session.locateCount() + " times for 24 quick changes");
		assertEquals(PerAxis.of(13), results.get(results.size() - 1).params().diameter());
		assertOverlayIsCores(1, LocateParameters.builder(13).invert(true).minmass(200.).build());

		// moving only minmass reuses the candidates: no new locate
		final int before = session.locateCount();
		session.update(values("13", "100"));
		session.awaitIdle(30_000);
		assertEquals(before, session.locateCount());
		assertOverlayIsCores(1, LocateParameters.builder(13).invert(true).minmass(100.).build());
	}

	@Test
	void invalidParametersAreReportedInOneLine() throws Exception {
		session.setEnabled(true);
		session.update(values("10", "20"));
		session.awaitIdle(30_000);
		assertEquals(List.of("diameter must be a positive odd integer (round up), got 10"), failures);
		assertSame(own, imp.getOverlay(), "nothing was drawn");
		session.update(values("3001", "20"));
		session.awaitIdle(30_000);
		assertTrue(failures.get(1).startsWith("diameter 3001 is larger than the image"), failures.toString());
	}

	/** A selection drawn while previewing: the preview locates in it, as the run will. */
	@Test
	void selectionIsPreviewed() throws Exception {
		session.update(values("11", "40"));
		session.setEnabled(true);
		session.awaitIdle(30_000);
		final int whole = named(imp.getOverlay(), "accepted").size();
		imp.setRoi(new Roi(100, 60, 300, 200)); // fires the ROI listeners
		session.awaitIdle(30_000);
		final List<io.github.parallellocate.imagej.FeatureRow> crop = io.github.parallellocate.imagej.Locator.run(
			new ImagePlus("one", imp.getStack().getProcessor(1)) {
				{
					setRoi(new Roi(100, 60, 300, 200));
				}
			}, "diameter=11 minmass=40 invert").rows();
		final List<Roi> accepted = named(imp.getOverlay(), "accepted");
		assertEquals(crop.size(), accepted.size());
		assertTrue(crop.size() < whole && crop.size() > 50, crop.size() + " of " + whole);
		for (int i = 0; i < crop.size(); i++)
			assertEquals(crop.get(i).x() + 0.5, accepted.get(i).getXBase() + accepted.get(i).getFloatWidth() / 2, 1e-9);
		imp.deleteRoi();
		session.awaitIdle(30_000);
		assertEquals(whole, named(imp.getOverlay(), "accepted").size(), "selection removed: the whole plane again");
	}
}
