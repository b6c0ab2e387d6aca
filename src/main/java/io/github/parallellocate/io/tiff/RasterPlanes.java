package io.github.parallellocate.io.tiff;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;

import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;

/**
 * One band of a decoded image as a {@link Plane} of the type the file
 * declares, copied straight from the raster's data (a single-band 8-bit
 * image is wrapped without a copy). The decoder's data type must match the
 * declared one exactly; anything else is an error, never a conversion.
 */
final class RasterPlanes {

	private RasterPlanes() {}

	static Plane band(final Raster r, final PixelFormat format, final int sample, final String name, final int page) throws IOException {
		final int w = r.getWidth(), h = r.getHeight();
		if (sample >= r.getNumBands())
			throw new IOException(name + ", page " + (page + 1) + " decoded to " + r.getNumBands() + " bands, channel " + (sample + 1)
				+ " is not among them");
		final int dataType = r.getDataBuffer().getDataType();
		final PixelType type = format.type();
		final boolean matches = type == PixelType.UINT8 ? dataType == DataBuffer.TYPE_BYTE
			: type == PixelType.UINT16 ? dataType == DataBuffer.TYPE_USHORT : dataType == DataBuffer.TYPE_FLOAT;
		if (!matches || r.getSampleModel().getSampleSize(sample) != format.bits())
			throw new IOException(name + ", page " + (page + 1) + " is corrupt: it decoded to " + r.getSampleModel().getSampleSize(sample) + "-bit "
				+ (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE ? "float" : "integer") + " samples where its directory declares "
				+ format);
		final SampleModel sm = r.getSampleModel();
		if (sm instanceof ComponentSampleModel && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0) {
			final ComponentSampleModel c = (ComponentSampleModel) sm;
			final int bank = c.getBankIndices()[sample];
			final int offset = c.getBandOffsets()[sample] + r.getDataBuffer().getOffsets()[bank];
			final int stride = c.getPixelStride(), scan = c.getScanlineStride();
			switch (type) {
				case UINT8: {
					final byte[] data = ((DataBufferByte) r.getDataBuffer()).getData(bank);
					if (stride == 1 && scan == w && offset == 0 && data.length == w * h)
						return Plane.ofBytes(data, w, h);
					final byte[] out = new byte[w * h];
					for (int y = 0; y < h; y++)
						for (int x = 0, i = offset + y * scan; x < w; x++, i += stride)
							out[y * w + x] = data[i];
					return Plane.ofBytes(out, w, h);
				}
				case UINT16: {
					final short[] data = ((DataBufferUShort) r.getDataBuffer()).getData(bank);
					if (stride == 1 && scan == w && offset == 0 && data.length == w * h)
						return Plane.ofShorts(data, w, h);
					final short[] out = new short[w * h];
					for (int y = 0; y < h; y++)
						for (int x = 0, i = offset + y * scan; x < w; x++, i += stride)
							out[y * w + x] = data[i];
					return Plane.ofShorts(out, w, h);
				}
				default: {
					final float[] data = ((DataBufferFloat) r.getDataBuffer()).getData(bank);
					if (stride == 1 && scan == w && offset == 0 && data.length == w * h)
						return Plane.ofFloats(data, w, h);
					final float[] out = new float[w * h];
					for (int y = 0; y < h; y++)
						for (int x = 0, i = offset + y * scan; x < w; x++, i += stride)
							out[y * w + x] = data[i];
					return Plane.ofFloats(out, w, h);
				}
			}
		}
		// other layouts: row by row through the raster's own accessors
		final int[] row = new int[w];
		switch (type) {
			case UINT8: {
				final byte[] out = new byte[w * h];
				for (int y = 0; y < h; y++) {
					r.getSamples(0, y, w, 1, sample, row);
					for (int x = 0; x < w; x++)
						out[y * w + x] = (byte) row[x];
				}
				return Plane.ofBytes(out, w, h);
			}
			case UINT16: {
				final short[] out = new short[w * h];
				for (int y = 0; y < h; y++) {
					r.getSamples(0, y, w, 1, sample, row);
					for (int x = 0; x < w; x++)
						out[y * w + x] = (short) row[x];
				}
				return Plane.ofShorts(out, w, h);
			}
			default: {
				final float[] out = new float[w * h];
				final float[] frow = new float[w];
				for (int y = 0; y < h; y++) {
					r.getSamples(0, y, w, 1, sample, frow);
					System.arraycopy(frow, 0, out, y * w, w);
				}
				return Plane.ofFloats(out, w, h);
			}
		}
	}
}
