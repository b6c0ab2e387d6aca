package io.github.parallellocate.ij;

import java.io.IOException;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.PluginRunner;
import io.github.parallellocate.testutil.SharedData;

/** Helpers for running the ImageJ 1.x plugin as a macro would, in a headless JVM. */
final class IjTesting {

	private IjTesting() {}

	/** The bulk water TIFF as an in-memory stack. */
	static ImagePlus bulkWater() {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		if (imp == null)
			throw new IllegalStateException("cannot open the bulk water TIFF");
		return imp;
	}

	/** The first {@code n} planes of the bulk water stack, as a new plain stack. */
	static ImagePlus bulkWater(final int n) {
		final ImageStack s = bulkWater().getStack();
		final ImageStack sub = new ImageStack(s.getWidth(), s.getHeight());
		for (int i = 1; i <= n; i++)
			sub.addSlice(s.getProcessor(i));
		return new ImagePlus("bulk_water_" + n, sub);
	}

	/** A trackpy reference restricted to its first {@code n} frames. */
	static FeatureTable reference(final String name, final int n) throws IOException {
		final FeatureTable all = FeatureTable.readCsv(SharedData.file("reference/" + name));
		final FeatureTable t = new FeatureTable();
		for (final int f : all.frameNumbers())
			if (f < n)
				for (final double[] row : all.frame(f))
					t.add(f, row);
		return t;
	}

	/** A ResultsTable's trackpy columns by its frame column. */
	static FeatureTable fromResults(final ResultsTable rt) {
		final FeatureTable t = new FeatureTable();
		for (int r = 0; r < rt.size(); r++) {
			final double[] row = new double[FeatureTable.COLUMNS.length];
			for (int c = 0; c < row.length; c++)
				row[c] = rt.columnExists(FeatureTable.COLUMNS[c]) ? rt.getValue(FeatureTable.COLUMNS[c], r) : Double.NaN;
			t.add((int) rt.getValue("frame", r), row);
		}
		return t;
	}

	/**
	 * Runs the plugin with macro options the way {@code IJ.run} does.
	 *
	 * @return the error message the plugin reported, or null
	 */
	static String runPlugin(final ImagePlus imp, final String options) throws InterruptedException {
		return PluginRunner.run(imp, Locate_Features.class, options);
	}

	static Path csvIn(final Path dir, final String name) {
		return dir.resolve(name);
	}
}
