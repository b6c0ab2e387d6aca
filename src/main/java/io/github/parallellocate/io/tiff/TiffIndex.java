package io.github.parallellocate.io.tiff;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.io.FileInfo;
import ij.io.ImageReader;
import ij.io.RandomAccessStream;
import ij.io.TiffDecoder;

/**
 * The pages of one TIFF file that {@link PlainTiff} leaves to ImageJ, from
 * its IFDs parsed once with ImageJ's
 * {@link TiffDecoder}: either one {@link FileInfo} per IFD, or, for stacks
 * written by ImageJ (one IFD announcing {@code images=N}), one FileInfo whose
 * pages follow each other {@code gapBetweenImages} bytes apart. Reading a
 * page clones its FileInfo and reads only that page's bytes with ImageJ's
 * {@link ImageReader}. Immutable and shared by all readers of a source.
 */
public final class TiffIndex implements TiffPages {

	private final Path file;
	private final String name;
	private final FileInfo[] ifds;
	private final int pages;
	private final int channels;
	private final long fileLength;

	private TiffIndex(final Path file, final FileInfo[] ifds, final long fileLength) {
		this.file = file;
		this.name = String.valueOf(file.getFileName());
		this.ifds = ifds;
		this.fileLength = fileLength;
		final FileInfo first = ifds[0];
		pages = ifds.length == 1 && first.nImages > 1 ? first.nImages : ifds.length;
		channels = PixelConversion.isColour(first.fileType) ? 1 : imageJChannels(first.description);
	}

	/**
	 * Parses the IFDs of a TIFF file.
	 *
	 * @throws IOException with a one-line message naming the file if it is
	 *           not a readable TIFF
	 */
	static TiffIndex read(final Path file) throws IOException {
		final String name = String.valueOf(file.getFileName());
		final Path parent = file.toAbsolutePath().getParent();
		final TiffDecoder decoder = new TiffDecoder(parent == null ? "" : parent + File.separator, name);
		final FileInfo[] info;
		try {
			info = decoder.getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(unreadable(file, name, e), e);
		}
		if (info == null || info.length == 0)
			throw new IOException(name + " is not a readable TIFF (no image found)");
		final long length = Files.size(file);
		checkIfdChain(file, name, length, info.length == 1 && info[0].nImages > 1 ? 1 : info.length, info.length > 1 || info[0].nImages <= 1);
		for (int i = 1; i < info.length; i++) {
			if (info[i].width != info[0].width || info[i].height != info[0].height)
				throw new IOException(name + ": page " + (i + 1) + " is " + info[i].width + "x" + info[i].height + " but page 1 is "
					+ info[0].width + "x" + info[0].height + ": all pages must have the same size");
			if (info[i].fileType != info[0].fileType)
				throw new IOException(name + ": page " + (i + 1) + " has a different pixel type than page 1");
		}
		return new TiffIndex(file, info, length);
	}

	/** Why ImageJ's decoder failed, in the user's terms: empty file, unsupported sample size, or its own message. */
	private static String unreadable(final Path file, final String name, final Throwable e) {
		final String m = oneLine(e);
		if (m.startsWith("Unsupported BitsPerSample: "))
			return PixelConversion.unsupportedMessage(name, m.substring("Unsupported BitsPerSample: ".length()) + "-bit");
		if (file.toFile().length() == 0)
			return name + " is not a readable TIFF (the file is empty)";
		return name + " is not a readable TIFF (" + m + ")";
	}

	@Override
	public Path file() {
		return file;
	}

	/**
	 * Walks the chain of IFDs that the decoder read and checks that each lies
	 * inside the file (ImageJ's decoder reads past the end without complaint,
	 * which would silently drop or garble the last pages of a cut file).
	 *
	 * @param ifds the number of IFDs the decoder returned
	 * @param checkNext whether the pointer after the last one must be 0 or inside the file
	 */
	private static void checkIfdChain(final Path file, final String name, final long length, final int ifds, final boolean checkNext)
			throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			final boolean little = raf.readUnsignedShort() == 0x4949;
			raf.readUnsignedShort();
			long offset = u32(raf, little);
			for (int i = 0; i < ifds || checkNext && i == ifds && offset != 0; i++) {
				if (offset < 8 || offset + 2 > length)
					throw truncated(name, i, offset, length);
				raf.seek(offset);
				final int entries = u16(raf, little);
				if (offset + 2 + 12L * entries + 4 > length)
					throw truncated(name, i, offset, length);
				raf.seek(offset + 2 + 12L * entries);
				offset = u32(raf, little);
			}
		}
		catch (final java.io.EOFException e) {
			throw new IOException(name + " is truncated (the TIFF header is incomplete)", e);
		}
	}

	private static IOException truncated(final String name, final int ifd, final long offset, final long length) {
		return new IOException(name + " is truncated or corrupt: the directory of page " + (ifd + 1) + " (at byte " + offset
			+ ") extends past the end of the file (" + length + " bytes)");
	}

	private static int u16(final RandomAccessFile raf, final boolean little) throws IOException {
		final int v = raf.readUnsignedShort();
		return little ? Integer.reverseBytes(v) >>> 16 : v;
	}

	private static long u32(final RandomAccessFile raf, final boolean little) throws IOException {
		final int v = raf.readInt();
		return (little ? Integer.reverseBytes(v) : v) & 0xffffffffL;
	}

	/** Number of pages (images) in the file. */
	@Override
	public int pages() {
		return pages;
	}

	/** Channels of a multi-channel ImageJ hyperstack (pages interleaved by channel); 1 otherwise. */
	@Override
	public int channels() {
		return channels;
	}

	@Override
	public int width() {
		return ifds[0].width;
	}

	@Override
	public int height() {
		return ifds[0].height;
	}

	/** ImageJ's file type of the pages ({@link FileInfo#GRAY8} etc.). */
	@Override
	public int fileType() {
		return ifds[0].fileType;
	}

	/** Colour channels per pixel (3 for RGB) as ImageJ reads them. */
	@Override
	public int samplesPerPixel() {
		return PixelConversion.samples(ifds[0]);
	}

	/**
	 * Reads the pixels of one page (ImageJ's pixel array for the file type)
	 * from an open file.
	 *
	 * @throws IOException naming the file and page if the page is missing,
	 *           truncated or cannot be decoded
	 */
	@Override
	public Object readPixels(final RandomAccessFile raf, final int page) throws IOException {
		if (page >= pages)
			throw TiffPages.missingPage(name, pages, page);
		final FileInfo fi = pageInfo(page);
		final long end = dataEnd(fi);
		if (end > fileLength)
			throw new IOException(name + " is truncated: page " + (page + 1) + " needs " + end + " bytes but the file has " + fileLength);
		final long offset = fi.getOffset();
		fi.longOffset = 0;
		fi.offset = 0;
		final RandomAccessStream in = new RandomAccessStream(raf);
		in.seek(offset);
		final Object pixels;
		try {
			pixels = new ImageReader(fi).readPixels(in, 0L);
		}
		catch (final RuntimeException e) {
			throw new IOException(name + ", page " + (page + 1) + " cannot be decoded (" + oneLine(e) + ")", e);
		}
		if (pixels == null)
			throw new IOException(name + ", page " + (page + 1) + " cannot be read (corrupt or truncated)");
		return pixels;
	}

	/** A FileInfo describing exactly one page (a clone: the index is shared). */
	private FileInfo pageInfo(final int page) {
		final FileInfo fi;
		if (ifds.length == 1 && pages > 1) {
			fi = (FileInfo) ifds[0].clone();
			final long imageSize = (long) fi.width * fi.height * fi.getBytesPerPixel();
			fi.longOffset = fi.getOffset() + page * (imageSize + fi.getGap());
			// one contiguous uncompressed block per page; strip offsets would point at page 1
			fi.stripOffsets = null;
			fi.stripLengths = null;
		}
		else {
			fi = (FileInfo) ifds[page].clone();
			fi.longOffset = fi.getOffset();
		}
		fi.nImages = 1;
		return fi;
	}

	/** The byte just after the last byte of the page's image data. */
	private static long dataEnd(final FileInfo fi) {
		if (fi.compression > FileInfo.COMPRESSION_NONE || fi.stripOffsets != null && fi.stripOffsets.length > 1) {
			long end = 0;
			for (int i = 0; i < fi.stripOffsets.length; i++)
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			return end;
		}
		return fi.getOffset() + PixelConversion.bytesPerPage(fi);
	}

	/** The {@code channels=} value of an ImageJ image description, or 1. */
	private static int imageJChannels(final String description) {
		if (description == null || !description.startsWith("ImageJ"))
			return 1;
		for (final String line : description.split("\n")) {
			if (line.startsWith("channels=")) {
				try {
					return Math.max(1, Integer.parseInt(line.substring(9).trim()));
				}
				catch (final NumberFormatException e) {
					return 1;
				}
			}
		}
		return 1;
	}

	public static String oneLine(final Throwable e) {
		final String m = e.getMessage();
		return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ').trim();
	}

	@Override
	public String toString() {
		return file + " (" + pages + " pages)";
	}
}
