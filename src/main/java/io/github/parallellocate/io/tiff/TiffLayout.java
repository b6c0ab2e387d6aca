package io.github.parallellocate.io.tiff;

import java.util.HashMap;
import java.util.Map;

/**
 * How the pages of a TIFF make up an image, as ImageJ stores it in its
 * ImageDescription ({@code images=}, {@code channels=}, {@code slices=},
 * {@code frames=}, {@code spacing=}, {@code unit=}, {@code finterval=}) and
 * in the XResolution/YResolution tags: pages are interleaved channel first,
 * then slice, then frame (ImageJ's CZT order), so page
 * {@code c + channels * (z + slices * t)} (all 0-based) holds channel c of
 * slice z of frame t. A file without ImageJ's description is one channel
 * and one frame of {@code pages} slices, as ImageJ opens it; numbers that do
 * not multiply to the page count are ignored in the same way.
 *
 * @param channels channels (1 if none)
 * @param slices z slices per volume
 * @param frames time points
 * @param pixelWidth x size of a pixel in {@code unit} (1 if not calibrated)
 * @param pixelHeight y size of a pixel
 * @param voxelDepth z spacing ({@code spacing=}, 1 if not given)
 * @param unit the length unit ({@code "pixel"} if not calibrated)
 * @param frameInterval seconds between frames ({@code finterval=}, 0 if not given)
 * @param fromImageJ whether the hyperstack numbers come from ImageJ's description
 */
public record TiffLayout(int channels, int slices, int frames, double pixelWidth, double pixelHeight, double voxelDepth, String unit,
		double frameInterval, boolean fromImageJ) {

	/** Number of pages the layout covers. */
	public long pages() {
		return (long) channels * slices * frames;
	}

	/** The 0-based page of channel c, slice z, frame t (all 0-based). */
	public int page(final int c, final int z, final int t) {
		return c + channels * (z + slices * t);
	}

	/** The {@code key=value} lines of an ImageJ description (empty if it is not ImageJ's). */
	static Map<String, String> imageJProperties(final String description) {
		final Map<String, String> p = new HashMap<>();
		if (description == null || !description.startsWith("ImageJ"))
			return p;
		for (final String line : description.split("\n")) {
			final int eq = line.indexOf('=');
			if (eq > 0)
				p.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
		}
		return p;
	}

	/**
	 * The layout of a file of {@code pages} pages from its first directory's
	 * description and resolution.
	 */
	static TiffLayout of(final int pages, final String description, final double xResolution, final double yResolution,
			final int resolutionUnit) {
		final Map<String, String> p = imageJProperties(description);
		int c = positive(p.get("channels"), 1), z = positive(p.get("slices"), 1), t = positive(p.get("frames"), 1);
		boolean imageJ = !p.isEmpty();
		if ((long) c * z * t != pages) {
			if (imageJ && c > 1 && pages % c == 0) {
				z = pages / c;
				t = 1;
			}
			else {
				c = 1;
				z = pages;
				t = 1;
				imageJ = false;
			}
		}
		String unit = p.get("unit");
		if (unit == null)
			unit = resolutionUnit == 2 ? "inch" : resolutionUnit == 3 ? "cm" : "pixel";
		if (unit.equals("micron"))
			unit = "\u00b5m";
		final boolean calibrated = xResolution > 0 && Double.isFinite(xResolution) && !unit.equals("pixel");
		final double pw = calibrated ? 1 / xResolution : 1;
		final double ph = calibrated ? yResolution > 0 && Double.isFinite(yResolution) ? 1 / yResolution : pw : 1;
		final double spacing = number(p.get("spacing"), 1);
		return new TiffLayout(c, z, t, pw, ph, spacing > 0 ? spacing : 1, calibrated ? unit : "pixel", Math.max(0, number(p.get("finterval"), 0)),
			imageJ);
	}

	private static int positive(final String v, final int otherwise) {
		if (v == null)
			return otherwise;
		try {
			final int n = Integer.parseInt(v);
			return n > 0 ? n : otherwise;
		}
		catch (final NumberFormatException e) {
			return otherwise;
		}
	}

	private static double number(final String v, final double otherwise) {
		if (v == null)
			return otherwise;
		try {
			final double d = Double.parseDouble(v);
			return Double.isFinite(d) ? d : otherwise;
		}
		catch (final NumberFormatException e) {
			return otherwise;
		}
	}
}
