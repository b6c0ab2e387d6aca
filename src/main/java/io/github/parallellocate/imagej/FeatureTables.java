package io.github.parallellocate.imagej;

import java.util.List;

import ij.measure.Calibration;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureColumns;

/**
 * Features as an ImageJ {@link ResultsTable}: trackpy's columns ({@code y, x,
 * mass, size, ecc, signal, raw_mass, ep}, in pixels, trackpy's convention;
 * without characterisation only {@code y, x, mass}), then {@code frame}
 * (0-based, as trackpy), {@code slice} and {@code channel} (1-based, as
 * ImageJ), then, for a spatially calibrated image, {@code x_cal} and
 * {@code y_cal} in the image's unit (ImageJ's convention: pixel (0, 0)
 * spans 0 to 1, so a trackpy x becomes {@code (x + 0.5) * pixelWidth}
 * relative to the origin). Volumes: {@code z, y, x, ...} (and per-axis
 * {@code size_*}/{@code ep_*} columns as trackpy names them), {@code frame}
 * and {@code channel}, and {@code z_cal = (z - zOrigin) * voxelDepth}
 * (slice 0 at 0, as ImageJ's 3D tools count slices).
 */
public final class FeatureTables {

	/** The title of the features table. */
	public static final String TITLE = "Features";

	private FeatureTables() {}

	/** A new table of the rows. */
	public static ResultsTable toTable(final List<FeatureRow> rows, final boolean characterize, final Calibration cal) {
		final ResultsTable rt = new ResultsTable();
		fill(rt, rows, characterize, cal);
		return rt;
	}

	/** Replaces the content of {@code rt} with the rows. */
	public static void fill(final ResultsTable rt, final List<FeatureRow> rows, final boolean characterize,
			final Calibration cal) {
		rt.reset();
		final boolean calibrated = cal != null && cal.scaled();
		final Feature first = rows.isEmpty() ? null : rows.get(0).feature();
		final int ndim = first == null ? 2 : first.ndim();
		final FeatureColumns columns = first == null ? FeatureColumns.of(2, false, characterize)
			: FeatureColumns.of(ndim, first.isAnisotropic(), first.isEpPerAxis(), characterize);
		final List<String> names = columns.names();
		for (final FeatureRow r : rows) {
			final Feature f = r.feature();
			rt.incrementCounter();
			for (int c = 0; c < names.size(); c++)
				rt.addValue(names.get(c), columns.value(f, c));
			rt.addValue("frame", r.frame());
			if (ndim == 2)
				rt.addValue("slice", r.slice());
			rt.addValue("channel", r.channel());
			if (calibrated) {
				rt.addValue("x_cal", cal.getX(f.x() + 0.5));
				rt.addValue("y_cal", cal.getY(f.y() + 0.5));
				if (ndim == 3)
					rt.addValue("z_cal", cal.getZ(f.z()));
			}
		}
		for (final String c : new String[] { "frame", "slice", "channel" })
			if (rt.columnExists(c))
				rt.setDecimalPlaces(rt.getColumnIndex(c), 0);
	}
}
