package io.github.parallellocate.imagej;

import java.awt.Rectangle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * The 2D planes of an ImageJ image, read one at a time by each worker, so
 * virtual stacks are never loaded whole. 8-bit, 16-bit and 32-bit planes are
 * located as they are; an RGB image gives the chosen channel as 8-bit. A
 * hyperstack gives every plane (or only those of one channel) in stack
 * order; {@link #position(int)} says which frame, slice and channel each is.
 * A plain stack's planes are frames.
 * <p>
 * Reads of a virtual stack are serialised on the stack (virtual stacks are
 * not guaranteed to be thread-safe); locating still runs in parallel.
 * </p>
 */
public final class ImagePlusPlaneSource implements PlaneSource {

	private final ImageStack stack;
	private final String title;
	private final int width;
	private final int height;
	private final int rgbChannel;
	private final List<PlanePosition> positions;
	private final boolean framesArePlanes;
	private final Rectangle crop;

	/**
	 * @param imp the image
	 * @param channel 0 for all channels; for RGB 1-3 (red, green, blue, and
	 *          then required); otherwise a 1-based channel
	 * @throws IllegalArgumentException with a one-line message if the image
	 *           or the channel is not usable
	 */
	public ImagePlusPlaneSource(final ImagePlus imp, final int channel) {
		this(imp, channel, null);
	}

	/**
	 * The planes cropped to a rectangle, as numpy's {@code image[y:y+h, x:x+w]}.
	 *
	 * @param crop the rectangle (inside the image), or null for whole planes
	 * @throws IllegalArgumentException as {@link #ImagePlusPlaneSource(ImagePlus, int)},
	 *           or if the rectangle is empty or not inside the image
	 */
	public ImagePlusPlaneSource(final ImagePlus imp, final int channel, final Rectangle crop) {
		if (imp == null)
			throw new IllegalArgumentException("no image is open");
		checkType(imp);
		if (imp.getStackSize() < 1)
			throw new IllegalArgumentException("the image has no planes (empty stack)");
		stack = imp.getStack();
		if (stack == null || stack.getSize() < 1)
			throw new IllegalArgumentException("the image has no planes (empty stack)");
		title = imp.getTitle();
		width = imp.getWidth();
		height = imp.getHeight();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		if (rgb) {
			if (channel == 0)
				throw new IllegalArgumentException("RGB image: choose a channel (channel=red, green or blue)");
			if (channel > 3)
				throw new IllegalArgumentException("channel must be red, green or blue (1 to 3) for an RGB image, got " + channel);
		}
		else if (channel > imp.getNChannels())
			throw new IllegalArgumentException("channel " + channel + " is out of range: the image has " + imp.getNChannels()
				+ (imp.getNChannels() == 1 ? " channel" : " channels"));
		rgbChannel = rgb ? channel : 0;
		if (crop != null && (crop.isEmpty() || !new Rectangle(0, 0, width, height).contains(crop)))
			throw new IllegalArgumentException("the selection " + crop.width + "x" + crop.height + " at " + crop.x + "," + crop.y
				+ " is not inside the image (" + width + "x" + height + ")");
		this.crop = crop == null || crop.equals(new Rectangle(0, 0, width, height)) ? null : new Rectangle(crop);
		framesArePlanes = isPlain(imp);
		positions = positions(imp, rgb ? 0 : channel, rgbChannel, framesArePlanes);
	}

	private static void checkType(final ImagePlus imp) {
		switch (imp.getType()) {
			case ImagePlus.GRAY8:
			case ImagePlus.GRAY16:
			case ImagePlus.GRAY32:
			case ImagePlus.COLOR_RGB:
				break;
			case ImagePlus.COLOR_256:
				throw new IllegalArgumentException("8-bit color (indexed) images are not supported: convert to RGB or 8-bit first");
			default:
				throw new IllegalArgumentException("unsupported image type " + imp.getType()
					+ ": supported are 8-bit, 16-bit, 32-bit and RGB");
		}
		if (imp.getCalibration().isSigned16Bit())
			throw new IllegalArgumentException("signed 16-bit images are not supported: convert to 32-bit first");
	}

	/**
	 * Frame/slice/channel of each plane to locate, in stack order: only those
	 * of {@code channel} unless it is 0; an RGB image's planes are labelled
	 * with the chosen colour channel.
	 */
	private static List<PlanePosition> positions(final ImagePlus imp, final int channel, final int rgbChannel,
			final boolean plain) {
		final int n = imp.getStackSize();
		final List<PlanePosition> list = new ArrayList<>(n);
		for (int i = 1; i <= n; i++) {
			if (plain) {
				list.add(new PlanePosition(i, i - 1, 1, Math.max(1, Math.max(channel, rgbChannel))));
				continue;
			}
			final int[] czt = imp.convertIndexToPosition(i);
			if (channel == 0 || czt[0] == channel)
				list.add(new PlanePosition(i, czt[2] - 1, czt[1], rgbChannel > 0 ? rgbChannel : czt[0]));
		}
		return List.copyOf(list);
	}

	/** A plain stack (one channel, and slices or frames but not both): its planes are frames. */
	private static boolean isPlain(final ImagePlus imp) {
		return imp.getNChannels() == 1 && (imp.getNSlices() == 1 || imp.getNFrames() == 1)
			|| imp.getNChannels() * imp.getNSlices() * imp.getNFrames() != imp.getStackSize();
	}

	/**
	 * Whether each plane is a frame of its own (a plain stack), so trackpy's
	 * {@code frame} column identifies the plane; false for hyperstacks with
	 * several channels, or several slices and frames.
	 */
	public boolean framesArePlanes() {
		return framesArePlanes;
	}

	/** Whether a reader returns the same array for every plane (RGB extraction without a crop). */
	boolean reusesBuffers() {
		return rgbChannel > 0 && crop == null;
	}

	/** The rectangle the planes are cropped to, or null for whole planes. */
	public Rectangle crop() {
		return crop == null ? null : new Rectangle(crop);
	}

	/** Where plane {@code index} (0-based, in located order) sits in the image. */
	public PlanePosition position(final int index) {
		return positions.get(index);
	}

	/** All positions in located order. */
	public List<PlanePosition> positions() {
		return positions;
	}

	@Override
	public long framePixels() {
		return crop != null ? (long) crop.width * crop.height : (long) width * height;
	}

	@Override
	public int size() {
		return positions.size();
	}

	@Override
	public String describe(final int index) {
		final PlanePosition p = positions.get(index);
		return title + ", stack slice " + p.stackIndex() + " of " + stack.getSize();
	}

	@Override
	public PlaneReader newReader() {
		return new Reader();
	}

	/**
	 * One worker's reader: reuses its RGB extraction buffer. A virtual
	 * stack's reader errors (which ImageJ reports in a dialog, a log line or
	 * an exception window) become this plane's {@link IOException}.
	 */
	private final class Reader implements PlaneReader {
		private byte[] rgbBuffer;

		@Override
		public Plane read(final int index) throws IOException {
			final int s = positions.get(index).stackIndex();
			Object pixels = pixels(s);
			if (pixels == null)
				throw new IOException("the stack returned no pixels");
			if (pixels instanceof int[])
				pixels = extract((int[]) pixels);
			if (crop == null)
				return Plane.of(pixels, width, height);
			return Plane.of(cropped(pixels), crop.width, crop.height);
		}

		private Object pixels(final int s) throws IOException {
			if (!stack.isVirtual())
				return stack.getPixels(s);
			final ImageProcessor ip;
			synchronized (stack) {
				ip = VirtualReads.read(stack, s);
			}
			return ip == null ? null : ip.getPixels();
		}

		private byte[] extract(final int[] rgb) {
			if (rgbBuffer == null || rgbBuffer.length != rgb.length)
				rgbBuffer = new byte[rgb.length];
			final int shift = 8 * (3 - rgbChannel);
			for (int i = 0; i < rgb.length; i++)
				rgbBuffer[i] = (byte) (rgb[i] >> shift);
			return rgbBuffer;
		}

		/** The crop's rows, copied into a new array of the same type. */
		private Object cropped(final Object pixels) {
			final int w = crop.width, h = crop.height;
			final Object out = java.lang.reflect.Array.newInstance(pixels.getClass().getComponentType(), w * h);
			for (int y = 0; y < h; y++)
				System.arraycopy(pixels, (crop.y + y) * width + crop.x, out, y * w, w);
			return out;
		}
	}
}
