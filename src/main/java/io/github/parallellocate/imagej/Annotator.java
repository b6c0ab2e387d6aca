package io.github.parallellocate.imagej;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import ij.IJ;
import ij.VirtualStack;
import ij.gui.OvalRoi;
import ij.io.FileInfo;
import ij.io.TiffEncoder;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ImageStatistics;
import ij.process.ShortProcessor;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.Plane;

/**
 * Draws located features onto a frame: an RGB copy of the frame with a circle
 * of the feature diameter burnt in around each feature (centre at trackpy's
 * {@code x + 0.5, y + 0.5} in ImageJ's pixel coordinates), in one colour or
 * coloured by mass (blue = faintest of the frame, red = brightest). Uses
 * ImageJ 1.x processors only: headless-safe, no windows.
 * {@link #writeTiff} streams an annotated stack to a multi-page TIFF that
 * ImageJ opens as a stack, rendering one frame at a time.
 */
public final class Annotator {

	/** Renders frame {@code index} (0-based); may throw {@link UncheckedIOException}. */
	@FunctionalInterface
	public interface FrameRenderer {
		ColorProcessor render(int index) throws IOException;
	}

	private final double diameter;
	private Color color = Color.RED;
	private boolean colorByMass;
	private float lineWidth = 1;

	/** @param diameter circle diameter in pixels (trackpy's {@code diameter}) */
	public Annotator(final double diameter) {
		if (!(diameter > 0))
			throw new IllegalArgumentException("diameter must be positive, got " + diameter);
		this.diameter = diameter;
	}

	/** The colour of the circles when not coloured by mass (default red). */
	public Annotator color(final Color c) {
		color = c;
		return this;
	}

	/** Colour each circle by the feature's mass within the frame (blue to red). */
	public Annotator colorByMass(final boolean on) {
		colorByMass = on;
		return this;
	}

	public Annotator lineWidth(final float width) {
		lineWidth = width;
		return this;
	}

	/** An ImageJ processor sharing the plane's pixel array (no copy). */
	public static ImageProcessor processor(final Plane plane) {
		final int w = plane.width(), h = plane.height();
		switch (plane.type()) {
			case UINT8:
				return new ByteProcessor(w, h, (byte[]) plane.pixels());
			case UINT16:
				return new ShortProcessor(w, h, (short[]) plane.pixels(), null);
			default:
				return new FloatProcessor(w, h, (float[]) plane.pixels());
		}
	}

	/** Renders a plane (see {@link #render(ImageProcessor, List)}). */
	public ColorProcessor render(final Plane plane, final List<Feature> features) {
		return render(processor(plane), features);
	}

	/**
	 * An RGB copy of the frame with the features' circles drawn in; grey
	 * frames are shown with their own min..max as black..white (like ImageJ's
	 * auto-contrast). The input is not changed.
	 */
	public ColorProcessor render(final ImageProcessor frame, final List<Feature> features) {
		final ImageProcessor display = frame.duplicate();
		if (!(display instanceof ColorProcessor)) {
			final ImageStatistics stats = ImageStatistics.getStatistics(display, ImageStatistics.MIN_MAX, null);
			display.setMinAndMax(stats.min, stats.max);
		}
		final ColorProcessor out = display instanceof ColorProcessor ? (ColorProcessor) display : display.convertToColorProcessor();
		out.setLineWidth(Math.max(1, Math.round(lineWidth)));
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final Feature f : features) {
			min = Math.min(min, f.mass());
			max = Math.max(max, f.mass());
		}
		final double r = diameter / 2;
		for (final Feature f : features) {
			out.setColor(colorByMass ? massColor(f.mass(), min, max) : color);
			final OvalRoi circle = new OvalRoi(f.x() + 0.5 - r, f.y() + 0.5 - r, diameter, diameter);
			out.draw(circle);
		}
		return out;
	}

	/** Blue (low) to red (high) through green, by the position of mass in [min, max]. */
	static Color massColor(final double mass, final double min, final double max) {
		final double t = max > min ? (mass - min) / (max - min) : 1;
		final float hue = (float) (2.0 / 3.0 * (1 - t));
		return Color.getHSBColor(hue, 1f, 1f);
	}

	/**
	 * Writes {@code frames} RGB frames of the given size as one TIFF (ImageJ
	 * stack layout, readable by any TIFF reader page by page), rendering each
	 * frame only when it is written. The stream is not closed.
	 *
	 * @throws IOException if writing or rendering fails
	 */
	public static void writeTiff(final OutputStream out, final int width, final int height, final int frames,
			final FrameRenderer renderer) throws IOException {
		final FileInfo fi = new FileInfo();
		fi.fileFormat = FileInfo.TIFF;
		fi.fileType = FileInfo.RGB;
		fi.width = width;
		fi.height = height;
		fi.nImages = frames;
		fi.description = "ImageJ=" + IJ.getVersion() + "\nimages=" + frames + "\nslices="
			+ frames + "\nloop=false\n";
		if (frames == 1) {
			fi.pixels = renderer.render(0).getPixels();
		}
		else {
			fi.virtualStack = new VirtualStack(width, height, frames, "RGB") {
				@Override
				public ImageProcessor getProcessor(final int n) {
					try {
						return renderer.render(n - 1);
					}
					catch (final IOException e) {
						throw new UncheckedIOException(e);
					}
				}

				@Override
				public int getSize() {
					return frames;
				}
			};
		}
		try {
			new TiffEncoder(fi).write(out);
		}
		catch (final UncheckedIOException e) {
			throw e.getCause();
		}
	}
}
