package io.github.parallellocate.imagej;

import java.util.Locale;

import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.io.csv.AsciiBuffer;

/**
 * The optional calibrated columns of the CSV ({@code calibrated}), after
 * trackpy's pixel columns: the position in the image's unit, named with it
 * ({@code z_um, y_um, x_um} for microns), and the time of the frame in the
 * time unit ({@code t_s}) when the image has a frame interval.
 * <p>
 * Convention: trackpy's and TrackMate's, the centre of pixel 0 at 0, so a
 * calibrated position is simply the pixel position times the pixel size
 * ({@code x_um = x * pixelWidth}; no origin, no half pixel); {@code t =
 * frame * frameInterval}.
 * </p>
 */
public final class CalibratedColumns {

	private final int ndim;
	private final double[] scale; // per axis, trackpy's order
	private final String unit;
	private final double frameInterval;
	private final String timeUnit;

	private CalibratedColumns(final int ndim, final double[] scale, final String unit, final double frameInterval,
			final String timeUnit) {
		this.ndim = ndim;
		this.scale = scale;
		this.unit = unit;
		this.frameInterval = frameInterval;
		this.timeUnit = timeUnit;
	}

	/**
	 * The columns for an image.
	 *
	 * @throws IllegalArgumentException if the image has no spatial calibration
	 */
	public static CalibratedColumns of(final ImagePlus imp, final int ndim) {
		final Calibration cal = imp.getCalibration();
		if (cal == null || !cal.scaled())
			throw new IllegalArgumentException("calibrated: '" + imp.getTitle()
				+ "' has no spatial calibration (set it in Image > Properties...)");
		final double[] s = ndim == 3 ? new double[] { cal.pixelDepth, cal.pixelHeight, cal.pixelWidth }
			: new double[] { cal.pixelHeight, cal.pixelWidth };
		final double fi = cal.frameInterval > 0 && Double.isFinite(cal.frameInterval) ? cal.frameInterval : 0;
		return new CalibratedColumns(ndim, s, unitName(cal.getUnit()), fi, unitName(cal.getTimeUnit()));
	}

	/** A unit as a column-name suffix: {@code µm} and {@code micron} are {@code um}, {@code sec} is {@code s}. */
	static String unitName(final String unit) {
		if (unit == null)
			return "unit";
		final String u = unit.trim().toLowerCase(Locale.ROOT);
		switch (u) {
			case "micron": case "microns": case "µm": case "\u03bcm": case "um": return "um";
			case "sec": case "second": case "seconds": case "s": return "s";
			case "nanometer": case "nm": return "nm";
			case "millimeter": case "mm": return "mm";
			case "min": case "minute": case "minutes": return "min";
			case "ms": case "msec": return "ms";
			default:
				final String clean = u.replaceAll("[^a-z0-9]+", "");
				return clean.isEmpty() ? "unit" : clean;
		}
	}

	/** The header, e.g. {@code y_um,x_um,t_s}. */
	public String header() {
		final StringBuilder sb = new StringBuilder();
		final String[] axes = ndim == 3 ? new String[] { "z", "y", "x" } : new String[] { "y", "x" };
		for (final String a : axes)
			sb.append(sb.length() == 0 ? "" : ",").append(a).append('_').append(unit);
		if (frameInterval > 0)
			sb.append(",t_").append(timeUnit);
		return sb.toString();
	}

	/** Appends {@code ,y_cal,x_cal[,t]} for a feature of {@code frame}. */
	public void append(final AsciiBuffer out, final Feature f, final int frame) {
		for (int i = 0; i < ndim; i++)
			out.append(',').appendRepr(f.position(i) * scale[i]);
		if (frameInterval > 0)
			out.append(',').appendRepr(frame * frameInterval);
	}
}
