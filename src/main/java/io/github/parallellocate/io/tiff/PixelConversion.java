package io.github.parallellocate.io.tiff;

import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;

import ij.io.FileInfo;
import io.github.parallellocate.core.Plane;

/**
 * Turns decoded pixels (ImageJ's arrays for a TIFF page, or a Java
 * {@link Raster}) into a {@link Plane}: 8-bit, unsigned 16-bit and 32-bit
 * float as they are; colour images as the chosen channel; indexed (LUT)
 * images as their pixel values. Anything else is refused with a one-line
 * "unsupported pixel type" message.
 */
public final class PixelConversion {

	private PixelConversion() {}

	/** Whether ImageJ reads this file type as packed RGB ({@code int[]}). */
	static boolean isColour(final int fileType) {
		switch (fileType) {
			case FileInfo.RGB:
			case FileInfo.BGR:
			case FileInfo.ARGB:
			case FileInfo.ABGR:
			case FileInfo.BARG:
			case FileInfo.CMYK:
			case FileInfo.RGB_PLANAR:
				return true;
			default:
				return false;
		}
	}

	/** Whether ImageJ reads this file type as one {@code short[]} per channel. */
	static boolean isMultiChannel16(final int fileType) {
		return fileType == FileInfo.RGB48 || fileType == FileInfo.RGB48_PLANAR;
	}

	/** Channels per pixel as ImageJ reads the file type. */
	static int samples(final FileInfo fi) {
		if (isColour(fi.fileType))
			return 3;
		if (isMultiChannel16(fi.fileType))
			return Math.max(1, fi.samplesPerPixel);
		return 1;
	}

	/** Bytes of one uncompressed page. */
	static long bytesPerPage(final FileInfo fi) {
		if (fi.fileType == FileInfo.BITMAP)
			return (long) ((fi.width + 7) / 8) * fi.height;
		if (fi.fileType == FileInfo.GRAY12_UNSIGNED)
			return ((long) fi.width * fi.height * 3 + 1) / 2;
		if (isMultiChannel16(fi.fileType))
			return (long) fi.width * fi.height * 2 * samples(fi);
		return (long) fi.width * fi.height * fi.getBytesPerPixel();
	}

	/**
	 * Checks that ImageJ's file type is one we locate on.
	 *
	 * @throws IOException "unsupported pixel type" naming the file
	 */
	public static void checkSupported(final String what, final int fileType) throws IOException {
		final String unsupported;
		switch (fileType) {
			case FileInfo.GRAY16_SIGNED:
				unsupported = "signed 16-bit";
				break;
			case FileInfo.GRAY32_INT:
				unsupported = "signed 32-bit integer";
				break;
			case FileInfo.GRAY32_UNSIGNED:
				unsupported = "unsigned 32-bit integer";
				break;
			case FileInfo.GRAY64_FLOAT:
				unsupported = "64-bit float";
				break;
			case FileInfo.GRAY24_UNSIGNED:
				unsupported = "24-bit";
				break;
			case FileInfo.BITMAP:
				unsupported = "1-bit";
				break;
			default:
				unsupported = null;
		}
		if (unsupported != null)
			throw new IOException(unsupportedMessage(what, unsupported));
	}

	static String unsupportedMessage(final String what, final String type) {
		return what + ": unsupported pixel type (" + type + "): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB";
	}

	/**
	 * A plane from ImageJ's pixel array for a TIFF page.
	 *
	 * @param channel 0-based channel, already validated (ignored for grey images)
	 */
	public static Plane fromImageJ(final Object pixels, final int fileType, final int channel, final int width, final int height) {
		if (pixels instanceof int[])
			return Plane.ofBytes(channelOf((int[]) pixels, channel), width, height);
		if (pixels instanceof Object[])
			return Plane.of(((Object[]) pixels)[channel], width, height);
		return Plane.of(pixels, width, height);
	}

	/** One 8-bit channel (0 = red) of packed RGB pixels. */
	static byte[] channelOf(final int[] rgb, final int channel) {
		final int shift = 16 - 8 * channel;
		final byte[] out = new byte[rgb.length];
		for (int i = 0; i < rgb.length; i++)
			out[i] = (byte) (rgb[i] >> shift);
		return out;
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
