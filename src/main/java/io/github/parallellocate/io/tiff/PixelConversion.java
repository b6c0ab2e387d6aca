package io.github.parallellocate.io.tiff;

import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;

import io.github.parallellocate.core.Plane;

/**
 * Turns decoded pixels of a Java {@link Raster} (PNG, GIF, JPEG, BMP) into
 * a {@link Plane}: 8-bit, unsigned 16-bit and 32-bit
 * float as they are; colour images as the chosen channel; indexed (LUT)
 * images as their pixel values. Anything else is refused with a one-line
 * "unsupported pixel type" message.
 */
public final class PixelConversion {

	private PixelConversion() {}

	static String unsupportedMessage(final String what, final String type) {
		return PixelFormat.unsupportedMessage(what, type);
	}

	/** Channels of a Java image: 1 for grey and indexed images (alpha ignored), 3 for RGB. */
	public static int channels(final ColorModel cm) {
		return cm instanceof IndexColorModel ? 1 : cm.getNumColorComponents();
	}

	/**
	 * A plane from one band of a decoded Java image.
	 *
	 * @param band the band (channel) to take, already validated
	 * @param what the file, for messages
	 * @throws IOException for unsupported sample types
	 */
	public static Plane fromRaster(final Raster r, final int band, final String what) throws IOException {
		final int w = r.getWidth(), h = r.getHeight(), n = w * h;
		final int dataType = r.getSampleModel().getDataType();
		final int bits = r.getSampleModel().getSampleSize(band);
		if (dataType == DataBuffer.TYPE_FLOAT)
			return Plane.ofFloats(r.getSamples(0, 0, w, h, band, new float[n]), w, h);
		if (dataType == DataBuffer.TYPE_SHORT || dataType == DataBuffer.TYPE_DOUBLE || bits > 16)
			throw new IOException(unsupportedMessage(what, describe(dataType, bits)));
		final int[] samples = r.getSamples(0, 0, w, h, band, new int[n]);
		if (bits <= 8) {
			final byte[] out = new byte[n];
			for (int i = 0; i < n; i++)
				out[i] = (byte) samples[i];
			return Plane.ofBytes(out, w, h);
		}
		final short[] out = new short[n];
		for (int i = 0; i < n; i++)
			out[i] = (short) samples[i];
		return Plane.ofShorts(out, w, h);
	}

	private static String describe(final int dataType, final int bits) {
		switch (dataType) {
			case DataBuffer.TYPE_SHORT:
				return "signed 16-bit";
			case DataBuffer.TYPE_DOUBLE:
				return "64-bit float";
			default:
				return bits + "-bit";
		}
	}
}
