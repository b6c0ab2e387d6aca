package io.github.parallellocate.ij.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.imagej.FeatureRow;
import io.github.parallellocate.imagej.Locator;
import io.github.parallellocate.testutil.SharedData;

/**
 * Issue 12: the preview and its plots work on the current volume of a
 * z-stack hyperstack: the accepted features are the run's features of the
 * displayed time point, drawn on the slices they span.
 */
class VolumePreviewTest {

	@Test
	void previewLocatesTheCurrentVolume() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/iso8.tif").toString());
		imp.setPosition(1, 20, 3); // time point 3
		final List<PreviewResult> results = new CopyOnWriteArrayList<>();
		final List<String> failures = new CopyOnWriteArrayList<>();
		try (PreviewSession session = new PreviewSession(imp, Runnable::run, 10).listener(new PreviewSession.Listener() {
			@Override
			public void previewed(final PreviewResult r) {
				results.add(r);
			}

			@Override
			public void failed(final String message) {
				failures.add(message);
			}
		})) {
			session.update(Map.of("diameter", "7", "minmass", "1000", "3d", "true"));
			session.setEnabled(true);
			final long end = System.currentTimeMillis() + 30_000;
			while (results.isEmpty() && failures.isEmpty() && System.currentTimeMillis() < end)
				session.awaitIdle(1000);
			assertEquals(List.of(), failures);
			assertEquals(1, results.size());
			final List<Feature> expected = Locator.run(imp, "diameter=7 minmass=1000 3d").rows().stream()
				.filter(r -> r.frame() == 2).map(FeatureRow::feature).toList();
			assertTrue(expected.size() > 20);
			assertEquals(expected, results.get(0).accepted());
			final List<Roi> accepted = List.of(imp.getOverlay().toArray()).stream()
				.filter(r -> "accepted".equals(r.getName())).toList();
			assertTrue(accepted.size() > expected.size() * 3, "each feature on the slices it spans: " + accepted.size());
			for (final Roi r : accepted)
				assertEquals(3, r.getTPosition());
			assertEquals(3, RunPlotsOfPreview.count(results.get(0)));
		}
	}

	/** The preview's plots of a volume. */
	private static final class RunPlotsOfPreview {
		static int count(final PreviewResult r) {
			return PreviewPlots.all(r).size();
		}
	}
}
