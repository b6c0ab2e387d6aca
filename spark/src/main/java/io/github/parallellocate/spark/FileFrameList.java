package io.github.parallellocate.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;

/**
 * INTERIM (until io.FileFrameSource lands): the pages of TIFF files, read
 * with ImageJ.
 */
public final class FileFrameList implements FrameList {

	private static final long serialVersionUID = 1L;
	private final List<String> files;
	private final int[] pages;

	private FileFrameList(final List<String> files, final int[] pages) {
		this.files = files;
		this.pages = pages;
	}

	public static FileFrameList open(final List<String> inputs, final String channel) throws IOException {
		final List<String> files = new ArrayList<>();
		final List<Integer> pages = new ArrayList<>();
		for (final String in : inputs) {
			final Path p = Paths.get(in);
			if (!Files.exists(p))
				throw new IOException(in + " does not exist");
			final ImagePlus imp = IJ.openVirtual(p.toString());
			if (imp == null)
				throw new IOException("cannot read " + in);
			for (int i = 0; i < imp.getStackSize(); i++) {
				files.add(p.toAbsolutePath().toString());
				pages.add(i);
			}
		}
		return new FileFrameList(files, pages.stream().mapToInt(Integer::intValue).toArray());
	}

	@Override
	public int size() {
		return files.size();
	}

	@Override
	public FrameList slice(final int from, final int to) {
		return new FileFrameList(new ArrayList<>(files.subList(from, to)), java.util.Arrays.copyOfRange(pages, from, to));
	}

	@Override
	public PlaneSource open() {
		return new PlaneSource() {
			@Override
			public int size() {
				return files.size();
			}

			@Override
			public String describe(final int index) {
				return files.get(index) + ", page " + (pages[index] + 1);
			}

			@Override
			public PlaneReader newReader() {
				return i -> {
					final ImagePlus imp = new Opener().openImage(files.get(i), pages[i] + 1);
					if (imp == null)
						throw new IOException("cannot read " + files.get(i));
					return Plane.of(imp.getProcessor().getPixels(), imp.getWidth(), imp.getHeight());
				};
			}
		};
	}
}
