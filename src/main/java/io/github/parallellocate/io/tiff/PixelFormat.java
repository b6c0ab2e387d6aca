package io.github.parallellocate.io.tiff;

import java.io.IOException;

import io.github.parallellocate.core.PixelType;

/**
 * What the samples of a TIFF page are, from its directory: bit depth and
 * sample format (8-bit, unsigned 16-bit and 32-bit float are located; the
 * rest is refused by name, never read as something else), and what the
 * samples of a pixel mean (grey, RGB, CMYK, palette indices, or numbered
 * samples), which decides how a channel is chosen.
 *
 * @param colours the kind of colour model
 * @param samples channels a user chooses from (alpha and other extra samples excluded)
 * @param stored samples stored per pixel (SamplesPerPixel)
 * @param bits bits per sample
 * @param sampleFormat TIFF SampleFormat (1 unsigned, 2 signed, 3 float)
 * @param photometric TIFF PhotometricInterpretation (-1 if absent)
 * @param unsupported why the type is refused ("signed 16-bit"), or null
 */
public record PixelFormat(Colours colours, int samples, int stored, int bits, int sampleFormat, int photometric, String unsupported) {

	/** What the samples of a pixel mean. */
	public enum Colours {
		/** One grey value (or several numbered samples, see {@link PixelFormat#samples()}). */
		GREY,
		/** Red, green, blue (also YCbCr, which the decoder converts). */
		RGB,
		/** Cyan, magenta, yellow, black: numbered channels 1 to 4, never colour names. */
		CMYK,
		/** Palette indices, located as they are stored. */
		PALETTE
	}

	static PixelFormat of(final String name, final TiffDirectory d) {
		final int spp = d.samplesPerPixel;
		final int extra = Math.max(0, Math.min(d.extraSamples, spp - 1));
		final int ph = d.photometric >= 0 ? d.photometric : spp >= 3 ? 2 : 1;
		final Colours colours;
		int samples = spp - extra;
		String unsupported = null;
		switch (ph) {
			case 0:
			case 1:
				colours = Colours.GREY;
				break;
			case 2:
			case 6:
				colours = Colours.RGB;
				samples = 3;
				if (spp < 3)
					unsupported = "RGB with " + spp + " samples per pixel";
				break;
			case 3:
				colours = Colours.PALETTE;
				samples = 1;
				break;
			case 5:
				colours = samples == 4 ? Colours.CMYK : Colours.GREY;
				break;
			default:
				colours = Colours.GREY;
				unsupported = "photometric interpretation " + ph;
		}
		if (unsupported == null && spp > 64)
			unsupported = spp + " samples per pixel";
		if (unsupported == null)
			unsupported = sampleType(d.bitsPerSample, d.sampleFormat, d.mixedBits);
		if (unsupported == null && d.predictor != 1 && d.predictor != 2 && d.predictor != 3)
			unsupported = "predictor " + d.predictor;
		if (ph == 6 && unsupported == null && d.compression != 7 && d.compression != 6)
			unsupported = "YCbCr without JPEG compression";
		return new PixelFormat(colours, Math.max(1, samples), spp, d.bitsPerSample, d.sampleFormat, d.photometric, unsupported);
	}

	/** Why a sample type is refused, or null for 8-bit, unsigned 16-bit and 32-bit float. */
	static String sampleType(final int bits, final int format, final boolean mixed) {
		if (mixed)
			return "samples of different types within a pixel";
		final boolean unsigned = format == 1 || format == 4; // 4: undefined, read as unsigned
		switch (bits) {
			case 8:
				return unsigned ? null : format == 2 ? "signed 8-bit" : "8-bit sample format " + format;
			case 16:
				return unsigned ? null : format == 2 ? "signed 16-bit" : format == 3 ? "16-bit float" : "16-bit sample format " + format;
			case 32:
				return format == 3 ? null : format == 2 ? "signed 32-bit integer" : unsigned ? "unsigned 32-bit integer" : "32-bit sample format " + format;
			case 64:
				return format == 3 ? "64-bit" : "64-bit integer";
			default:
				return bits + "-bit";
		}
	}

	/** Whether pages of the two formats are read alike (same type, samples and colours). */
	boolean sameAs(final PixelFormat o) {
		return colours == o.colours && samples == o.samples && stored == o.stored && bits == o.bits && type() == o.type()
			&& java.util.Objects.equals(unsupported, o.unsupported);
	}

	/** The type of the planes read. */
	public PixelType type() {
		return bits == 8 ? PixelType.UINT8 : bits == 16 ? PixelType.UINT16 : PixelType.FLOAT32;
	}

	/** Bytes of one sample (of the planes read). */
	public int bytesPerSample() {
		return Math.max(1, bits / 8);
	}

	/**
	 * Bytes per pixel held while a page is decoded: every stored sample of the
	 * decoder's image and of its copy as a raster, or, when raw pages are
	 * read, one row's worth only.
	 */
	int decodedBytesPerPixel(final boolean decoder) {
		return decoder ? 2 * Math.max(stored, samples) * bytesPerSample() : 0;
	}

	/** Bytes of one uncompressed page. */
	long pageBytes(final TiffDirectory d) {
		return (long) d.width * d.height * stored * bytesPerSample();
	}

	/** Whether the channels are red, green, blue. */
	public boolean isRgb() {
		return colours == Colours.RGB;
	}

	/**
	 * Refuses pixel types that are not located.
	 *
	 * @throws IOException "unsupported pixel type" naming what the samples are
	 */
	public void checkSupported(final String name) throws IOException {
		if (unsupported != null)
			throw new IOException(unsupportedMessage(name, unsupported));
	}

	static String unsupportedMessage(final String what, final String type) {
		return what + ": unsupported pixel type (" + type + "): supported are 8-bit, unsigned 16-bit, 32-bit float and RGB";
	}

	@Override
	public String toString() {
		final String kind = colours == Colours.RGB ? " RGB" : colours == Colours.CMYK ? " CMYK" : colours == Colours.PALETTE ? " palette"
			: samples > 1 ? " " + samples + "-sample" : "";
		final String type = unsupported != null ? unsupported : bits == 32 && sampleFormat == 3 ? "32-bit float" : bits + "-bit";
		return type + kind;
	}
}
