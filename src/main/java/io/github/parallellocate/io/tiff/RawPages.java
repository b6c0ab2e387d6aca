package io.github.parallellocate.io.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.github.parallellocate.core.Plane;

/**
 * Uncompressed pages stored in one contiguous run (ImageJ's one-directory
 * stacks): one sample of every pixel, read row by row at a known offset.
 * The values are the stored ones (as ImageJ and tifffile read them).
 */
final class RawPages {

	private RawPages() {}

	/**
	 * Reads sample {@code sample} of the page whose data starts at {@code at}.
	 *
	 * @param planar whether the samples are stored plane after plane (else pixel-interleaved)
	 */
	static Plane decode(final ByteSource in, final long at, final int width, final int height, final PixelFormat format,
			final int sample, final boolean planar, final ByteOrder order) throws IOException {
		final int bps = format.bytesPerSample();
		final int spp = format.stored();
		final int n = width * height;
		final long planeStart = planar ? at + (long) sample * n * bps : at;
		final int pixelStride = planar ? bps : spp * bps;
		final int rowBytes = width * pixelStride;
		final byte[] row = new byte[rowBytes];
		final ByteBuffer b = ByteBuffer.wrap(row).order(order);
		final int first = planar ? 0 : sample * bps;
		switch (format.type()) {
			case UINT8: {
				final byte[] out = new byte[n];
				if (pixelStride == 1) {
					in.readFully(planeStart, out, 0, n);
					return Plane.ofBytes(out, width, height);
				}
				for (int y = 0; y < height; y++) {
					in.readFully(planeStart + (long) y * rowBytes, row, 0, rowBytes);
					for (int x = 0, o = y * width; x < width; x++)
						out[o + x] = row[first + x * pixelStride];
				}
				return Plane.ofBytes(out, width, height);
			}
			case UINT16: {
				final short[] out = new short[n];
				for (int y = 0; y < height; y++) {
					in.readFully(planeStart + (long) y * rowBytes, row, 0, rowBytes);
					for (int x = 0, o = y * width; x < width; x++)
						out[o + x] = b.getShort(first + x * pixelStride);
				}
				return Plane.ofShorts(out, width, height);
			}
			default: {
				final float[] out = new float[n];
				for (int y = 0; y < height; y++) {
					in.readFully(planeStart + (long) y * rowBytes, row, 0, rowBytes);
					for (int x = 0, o = y * width; x < width; x++)
						out[o + x] = b.getFloat(first + x * pixelStride);
				}
				return Plane.ofFloats(out, width, height);
			}
		}
	}
}
