package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.scijava.thread.ThreadService;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.parallel.ImgFrameSource;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.SharedData;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Fraction;

/**
 * Volumes through the SciJava command: the shared TZYX hyperstacks as
 * ImgLib2 images (x, y, z, t), located per time point with trackpy's 3D
 * parameters, the features table and the CSV at parity with trackpy's
 * references (../shared/reference3d).
 */
class LocateFeaturesCommand3dTest {

	private static Context context;
	private static CommandService commands;

	@TempDir
	Path tmp;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, ThreadService.class, StatusService.class, LogService.class);
		commands = context.service(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static CommandModule run(final Object... inputs) throws Exception {
		return commands.run(LocateFeaturesCommand.class, true, inputs).get();
	}

	private static ImagePlus open(final String name) {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/" + name).toString());
		assertEquals(1, imp.getNChannels());
		return imp;
	}

	/** A single-channel hyperstack as a PlanarImg x, y, z, t sharing ImageJ's slice arrays. */
	static PlanarImg<UnsignedByteType, ByteArray> planarBytes(final ImagePlus imp) {
		final List<ByteArray> slices = new ArrayList<>();
		for (int i = 1; i <= imp.getStackSize(); i++)
			slices.add(new ByteArray((byte[]) imp.getStack().getPixels(i)));
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(slices, new long[] { imp.getWidth(),
			imp.getHeight(), imp.getNSlices(), imp.getNFrames() }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** A 16-bit single-channel hyperstack copied into one ArrayImg x, y, z, t. */
	static RandomAccessibleInterval<UnsignedShortType> arrayShorts(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final short[] all = new short[n * imp.getStackSize()];
		for (int i = 0; i < imp.getStackSize(); i++) // ImageJ's order: z fastest, then t (one channel)
			System.arraycopy(imp.getStack().getPixels(i + 1), 0, all, i * n, n);
		return ArrayImgs.unsignedShorts(all, imp.getWidth(), imp.getHeight(), imp.getNSlices(), imp.getNFrames());
	}

	/** The command's features table with the reference's columns. */
	static NdTable table(final ResultsTable rt, final List<String> columns) {
		final NdTable t = new NdTable(columns);
		for (int r = 0; r < rt.size(); r++) {
			final double[] row = new double[columns.size()];
			for (int c = 0; c < row.length; c++)
				row[c] = rt.getValue(columns.get(c), r);
			t.add((int) rt.getValue("frame", r), row);
		}
		return t;
	}

	@Test
	void isotropicVolumesAtParityWithTrackpy() throws Exception {
		final ImagePlus imp = open("iso8.tif");
		final PlanarImg<UnsignedByteType, ByteArray> img = planarBytes(imp);
		final ImgFrameSource volumes = new ImgFrameSource(img, 3, "img");
		assertEquals(4, volumes.size());
		try (PlaneReader reader = volumes.newReader()) {
			final Volume v = (Volume) reader.read(2);
			assertEquals(40, v.depth());
		}
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/iso8_d7.csv"));
		final File csv = tmp.resolve("iso8.csv").toFile();
		final CommandModule m = run("img", img, "diameter", "7,7,7", "minmass", 1000, "csv", csv, "threads", 2);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(184, m.getOutput("count"));
		final ResultsTable features = (ResultsTable) m.getOutput("features");
		assertEquals(List.of("z", "y", "x", "mass", "size", "ecc", "signal", "raw_mass", "ep", "frame"),
			List.of(features.getHeadings()));
		NdParity.compare(ref, table(features, ref.columns())).assertParity();
		NdParity.compare(ref, NdTable.readCsv(csv.toPath())).assertParity();
		assertEquals("z,y,x,mass,size,ecc,signal,raw_mass,ep,frame", Files.readAllLines(csv.toPath()).get(0));

		// the isotropic form: one number and 3d
		final CommandModule iso = run("img", img, "diameter", 7, "minmass", 1000, "volumes", true);
		assertFalse(iso.isCanceled(), iso.getCancelReason());
		NdParity.compare(ref, table((ResultsTable) iso.getOutput("features"), ref.columns())).assertParity();
	}

	@Test
	void anisotropicVolumesAtParityWithTrackpy() throws Exception {
		final ImagePlus imp = open("aniso16.tif");
		final RandomAccessibleInterval<UnsignedShortType> img = arrayShorts(imp);
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv"));
		final CommandModule m = run("img", img, "diameter", "5,9,9", "minmass", 5000);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable features = (ResultsTable) m.getOutput("features");
		assertTrue(features.columnExists("size_z") && features.columnExists("ep_x"), List.of(features.getHeadings())
			.toString());
		NdParity.compare(ref, table(features, ref.columns())).assertParity();
		assertEquals(ref.size(), m.getOutput("count"));
	}

	@Test
	void anImageJHyperstackInVolumes() throws Exception {
		final ImagePlus imp = open("aniso16.tif");
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv"));
		final File csv = tmp.resolve("aniso16.csv").toFile();
		final CommandModule m = run("imp", imp, "diameter", "5,9,9", "minmass", 5000, "csv", csv);
		assertFalse(m.isCanceled(), m.getCancelReason());
		NdParity.compare(ref, table((ResultsTable) m.getOutput("features"), ref.columns())).assertParity();
		NdParity.compare(ref, NdTable.readCsv(csv.toPath())).assertParity();
		assertEquals(ref.size(), m.getOutput("count"));

		final ImagePlus iso = open("iso8.tif");
		final CommandModule v = run("imp", iso, "diameter", 7, "minmass", 1000, "volumes", true);
		assertFalse(v.isCanceled(), v.getCancelReason());
		final NdTable isoRef = NdTable.readCsv(SharedData.file("reference3d/iso8_d7.csv"));
		NdParity.compare(isoRef, table((ResultsTable) v.getOutput("features"), isoRef.columns())).assertParity();
	}

	@Test
	void planesOfAVolumeImgWithoutThe3dOption() throws Exception {
		// without 3d, x, y, z, t is a stack of 160 planes: each z slice located as its own frame
		final ImagePlus imp = open("iso8.tif");
		final PlanarImg<UnsignedByteType, ByteArray> img = planarBytes(imp);
		final ImgFrameSource planes = new ImgFrameSource(img, 2, "img");
		assertEquals(160, planes.size());
		try (PlaneReader reader = planes.newReader()) {
			assertSame(imp.getStack().getPixels(41), ((io.github.parallellocate.core.Plane) reader.read(40)).pixels());
		}
		final CommandModule m = run("img", img, "diameter", 7, "minmass", 100);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ResultsTable features = (ResultsTable) m.getOutput("features");
		assertFalse(features.columnExists("z"));
		final double last = features.getValue("frame", features.size() - 1);
		assertTrue(last >= 120 && last < 160, "frames count the 160 planes, got " + last);
	}
}
