package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.log.LogService;
import org.scijava.menu.MenuService;
import org.scijava.menu.ShadowMenu;
import org.scijava.thread.ThreadService;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.parallel.ImgFrameSource;
import io.github.parallellocate.parallel.PlaneReader;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * The SciJava command in a headless SciJava context, parameters by name as
 * scripts and Fiji's headless mode pass them, checked against trackpy's
 * references.
 */
class LocateFeaturesCommandTest {

	private static Context context;
	private static CommandService commands;
	private static final List<StatusEvent> statuses = new ArrayList<>();
	private static final Object STATUS_LISTENER = new Object() {
		@EventHandler
		public void onStatus(final StatusEvent e) {
			synchronized (statuses) {
				statuses.add(e);
			}
		}
	};

	@TempDir
	Path tmp;

	@BeforeAll
	static void start() {
		assertTrue(GraphicsEnvironment.isHeadless());
		context = new Context(CommandService.class, ThreadService.class, StatusService.class, LogService.class,
			EventService.class, MenuService.class);
		commands = context.service(CommandService.class);
		context.service(EventService.class).subscribe(STATUS_LISTENER); // held weakly: keep it in a field
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static ImagePlus bulkWater() {
		return IJ.openImage(SharedData.bulkWaterTiff().toString());
	}

	private static CommandModule run(final Object... inputs) throws Exception {
		return commands.run(LocateFeaturesCommand.class, true, inputs).get();
	}

	@Test
	void parametersByNameMatchTrackpy() throws Exception {
		final ImagePlus imp = bulkWater();
		final File csv = tmp.resolve("d11.csv").toFile();
		final CommandModule m = run("imp", imp, "diameter", 11, "minmass", 20, "invert", true, "csv", csv, "threads", 2);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final LocateFeaturesCommand cmd = (LocateFeaturesCommand) m.getCommand();
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		Parity.compare(ref, FeatureTable.readCsv(csv.toPath())).assertParity();
		assertEquals(FeatureCsv.HEADER, Files.readAllLines(csv.toPath()).get(0));

		final ResultsTable features = (ResultsTable) m.getOutput("features");
		assertEquals(29325, features.size());
		assertEquals(29325, m.getOutput("count"));
		assertSame(features, cmd.getFeatures());
		Parity.compare(ref, fromTable(features)).assertParity();
		assertEquals(29325, imp.getOverlay().size());
		assertEquals(2, cmd.getResult().summary().threads());
		for (int i = 0; i < 50 && !reached50(); i++)
			Thread.sleep(100); // status events may be delivered asynchronously
		synchronized (statuses) {
			assertTrue(statuses.stream().anyMatch(e -> e.getProgressValue() == 50 && e.getProgressMaximum() == 50),
				"progress reached 50/50 through the StatusService");
		}
	}

	/** trackpy's columns and the frame of a features table. */
	static FeatureTable fromTable(final ResultsTable features) {
		final FeatureTable t = new FeatureTable();
		for (int r = 0; r < features.size(); r++) {
			final double[] row = new double[FeatureTable.COLUMNS.length];
			for (int c = 0; c < row.length; c++)
				row[c] = features.getValue(FeatureTable.COLUMNS[c], r);
			t.add((int) features.getValue("frame", r), row);
		}
		return t;
	}

	private static boolean reached50() {
		synchronized (statuses) {
			return statuses.stream().anyMatch(e -> e.getProgressValue() == 50);
		}
	}

	@Test
	void diameter13WithResultsTable() throws Exception {
		final ImagePlus imp = bulkWater();
		final CommandModule m = run("imp", imp, "diameter", 13, "invert", true, "results", true, "overlay", false);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv"));
		final ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(22177, rt.size());
		assertEquals(ref.size(), rt.size());
		assertNull(imp.getOverlay());
	}

	@Test
	void badInputCancelsWithTheMessageAndWritesNothing() throws Exception {
		final Path csv = tmp.resolve("bad.csv");
		final CommandModule even = run("imp", bulkWater(), "diameter", 10, "csv", csv.toFile());
		assertTrue(even.isCanceled());
		assertEquals("diameter must be a positive odd integer (round up), got 10", even.getCancelReason());

		final CommandModule rgb = run("imp", new ImagePlus("rgb", new ColorProcessor(40, 40)), "diameter", 11, "csv",
			csv.toFile());
		assertEquals("RGB image: choose a channel (channel=red, green or blue)", rgb.getCancelReason());
		final CommandModule rgb4 = run("imp", new ImagePlus("rgb", new ColorProcessor(40, 40)), "diameter", 11,
			"channel", "4");
		assertEquals("channel must be red, green or blue (1 to 3) for an RGB image, got 4", rgb4.getCancelReason());
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(0, files.count());
		}
	}

	@Test
	void cancellingStopsTheRunAndWritesNothing() throws Exception {
		final Path csv = tmp.resolve("cancelled.csv");
		final LocateFeaturesCommand cmd = new LocateFeaturesCommand();
		context.inject(cmd);
		final CommandInfo info = commands.getCommand(LocateFeaturesCommand.class);
		final CommandModule m = new CommandModule(info, cmd);
		m.setInput("imp", bulkWater());
		m.setInput("diameter", 11);
		m.setInput("csv", csv.toFile());
		m.setInput("threads", 1);
		cmd.cancel("stopped by the user"); // as the UI does while it runs: seen at the first progress report
		m.run();
		assertTrue(cmd.isCanceled());
		assertEquals("stopped by the user", cmd.getCancelReason());
		assertNull(cmd.getResult());
		assertFalse(Files.exists(csv));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(0, files.count(), "no temporary file left");
		}
	}

	/** The bulk-water stack as a PlanarImg sharing the ImagePlus's plane arrays (no copy). */
	static PlanarImg<UnsignedByteType, ByteArray> planarImg(final ImagePlus imp, final int planes) {
		final List<ByteArray> arrays = new ArrayList<>();
		for (int i = 1; i <= planes; i++)
			arrays.add(new ByteArray((byte[]) imp.getStack().getPixels(i)));
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(arrays,
			new long[] { imp.getWidth(), imp.getHeight(), planes }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** The bulk-water stack copied into one ArrayImg (x, y, t). */
	static ArrayImg<UnsignedByteType, ByteArray> arrayImg(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final byte[] all = new byte[n * imp.getStackSize()];
		for (int i = 0; i < imp.getStackSize(); i++)
			System.arraycopy(imp.getStack().getPixels(i + 1), 0, all, i * n, n);
		return ArrayImgs.unsignedBytes(all, imp.getWidth(), imp.getHeight(), imp.getStackSize());
	}

	@Test
	void planarImgMatchesTrackpyWithoutCopying() throws Exception {
		final ImagePlus imp = bulkWater();
		final PlanarImg<UnsignedByteType, ByteArray> img = planarImg(imp, imp.getStackSize());
		final ImgFrameSource source = new ImgFrameSource(img, 2, "img");
		assertEquals(50, source.size());
		try (PlaneReader reader = source.newReader()) {
			assertSame(imp.getStack().getPixels(8), ((Plane) reader.read(7)).pixels(), "plane 7 is the image's own array");
		}
		final File csv = tmp.resolve("planar.csv").toFile();
		final CommandModule m = run("img", img, "diameter", 11, "minmass", 20, "invert", true, "csv", csv);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final ResultsTable features = (ResultsTable) m.getOutput("features");
		Parity.compare(ref, fromTable(features)).assertParity();
		assertEquals(29325, m.getOutput("count"));
		Parity.compare(ref, FeatureTable.readCsv(csv.toPath())).assertParity();
		assertEquals(FeatureCsv.HEADER, Files.readAllLines(csv.toPath()).get(0));
		assertNull(imp.getOverlay(), "an Img has no overlay");
	}

	@Test
	void arrayImgAndAnyViewMatchTrackpy() throws Exception {
		final ImagePlus imp = bulkWater();
		final ArrayImg<UnsignedByteType, ByteArray> img = arrayImg(imp);
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv"));
		final CommandModule m = run("img", img, "diameter", "13", "invert", true, "threads", 2);
		assertFalse(m.isCanceled(), m.getCancelReason());
		Parity.compare(ref, fromTable((ResultsTable) m.getOutput("features"))).assertParity();
		assertEquals(22177, m.getOutput("count"));

		// frames 10..14 through a view (hyperslices copied), numbered from 0 as trackpy numbers its input
		final RandomAccessibleInterval<UnsignedByteType> five = Views.interval(img, new long[] { 0, 0, 10 },
			new long[] { imp.getWidth() - 1, imp.getHeight() - 1, 14 });
		final CommandModule v = run("img", five, "diameter", 13, "invert", true);
		assertFalse(v.isCanceled(), v.getCancelReason());
		final FeatureTable expected = new FeatureTable();
		for (int f = 10; f < 15; f++)
			for (final double[] row : ref.frame(f))
				expected.add(f - 10, row);
		Parity.compare(expected, fromTable((ResultsTable) v.getOutput("features"))).assertParity();
	}

	@Test
	void aSinglePlaneImg() throws Exception {
		final ImagePlus imp = bulkWater();
		final ArrayImg<UnsignedByteType, ByteArray> plane = ArrayImgs.unsignedBytes((byte[]) imp.getStack().getPixels(4),
			imp.getWidth(), imp.getHeight());
		final CommandModule m = run("img", plane, "diameter", 11, "minmass", 20, "invert", true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final FeatureTable expected = new FeatureTable();
		for (final double[] row : ref.frame(3))
			expected.add(0, row);
		Parity.compare(expected, fromTable((ResultsTable) m.getOutput("features"))).assertParity();
	}

	@Test
	void badImagesCancelWithOneLine() throws Exception {
		final Path csv = tmp.resolve("bad.csv");
		assertEquals("no image: give imp (an ImagePlus) or img (an ImgLib2 image)",
			run("diameter", 11, "csv", csv.toFile()).getCancelReason());
		final ImagePlus imp = bulkWater();
		assertEquals("give imp (an ImagePlus) or img (an ImgLib2 image), not both",
			run("imp", imp, "img", planarImg(imp, 2), "diameter", 11, "csv", csv.toFile()).getCancelReason());
		assertEquals("img: unsupported pixel type IntType: supported are UnsignedByteType, UnsignedShortType and "
			+ "FloatType (8-bit, 16-bit unsigned, 32-bit float)",
			run("img", ArrayImgs.ints(40, 40), "diameter", 11, "csv", csv.toFile()).getCancelReason());
		assertEquals("img: a 1D image has no 2D frames",
			run("img", ArrayImgs.unsignedBytes(40), "diameter", 11).getCancelReason());
		assertEquals("img: a 2D image has no 3D frames",
			run("img", ArrayImgs.unsignedBytes(40, 40), "diameter", "5,9,9").getCancelReason());
		final CommandModule noDiameter = run("img", ArrayImgs.unsignedBytes(40, 40));
		assertTrue(noDiameter.isCanceled());
		assertEquals("'diameter' is required but unset.", noDiameter.getCancelReason());
		assertEquals("diameter must be a number or one number per axis (z,y,x or y,x), got 'eleven'",
			run("img", ArrayImgs.unsignedBytes(40, 40), "diameter", "eleven").getCancelReason());
		final CommandModule none = run("img", ArrayImgs.unsignedBytes(40, 40), "diameter", 11, "csv", csv.toFile(),
			"maxsize", 2.0, "characterize", false);
		assertEquals("maxsize needs characterize (size is only measured when characterizing)", none.getCancelReason());
		assertNull(none.getOutput("features"));
		assertNull(none.getOutput("count"));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(0, files.count());
		}
	}

	@Test
	void anExistingCsvIsReplacedOnlyWithOverwrite() throws Exception {
		final ImagePlus imp = bulkWater();
		final Path csv = Files.writeString(tmp.resolve("kept.csv"), "not ours\n");
		final CommandModule refused = run("img", planarImg(imp, 2), "diameter", 11, "csv", csv.toFile());
		assertEquals("csv=" + csv + " already exists: set overwrite to replace it", refused.getCancelReason());
		assertEquals("not ours\n", Files.readString(csv));
		final CommandModule imageRefused = run("imp", imp, "diameter", 11, "csv", csv.toFile());
		assertTrue(imageRefused.getCancelReason().startsWith("csv=" + csv + " already exists"),
			imageRefused.getCancelReason());
		assertEquals("not ours\n", Files.readString(csv));

		final CommandModule replaced = run("img", planarImg(imp, 2), "diameter", 11, "minmass", 20, "invert", true, "csv",
			csv.toFile(), "overwrite", true);
		assertFalse(replaced.isCanceled(), replaced.getCancelReason());
		Parity.compare(LocateFeaturesCommandTest.referenceFrames("bulk_water_d11_mm20.csv", 2), FeatureTable.readCsv(
			csv)).assertParity();
	}

	@Test
	void aRectangleOnTheImageIsLocatedAsTrackpysCrop() throws Exception {
		final ImagePlus all = bulkWater();
		final ImageStack five = new ImageStack(all.getWidth(), all.getHeight());
		for (int i = 1; i <= 5; i++)
			five.addSlice(all.getStack().getProcessor(i));
		final ImagePlus imp = new ImagePlus("five", five); // the crop reference's 5 frames
		imp.setRoi(new Roi(100, 60, 300, 200));
		final CommandModule m = run("imp", imp, "diameter", 11, "minmass", 20, "invert", true);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final FeatureTable crop = FeatureTable.readCsv(Path.of(LocateFeaturesCommandTest.class.getResource(
			"/reference/crop/bulk_water_crop_100_60_300_200_d11_mm20.csv").toURI()));
		Parity.compare(crop, fromTable((ResultsTable) m.getOutput("features"))).assertParity();
		assertEquals(crop.size(), m.getOutput("count"));
	}

	/** The first frames of a shared trackpy reference. */
	static FeatureTable referenceFrames(final String name, final int frames) throws Exception {
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/" + name));
		final FeatureTable t = new FeatureTable();
		for (int f = 0; f < frames; f++)
			for (final double[] row : ref.frame(f))
				t.add(f, row);
		return t;
	}

	@Test
	void cancellingWhileRunningStopsAtOnceAndWritesNothing() throws Exception {
		// 2000 frames that are the 50 planes over and over (no memory): far longer than the cancel takes
		final ImagePlus imp = bulkWater();
		final List<ByteArray> arrays = new ArrayList<>();
		for (int i = 0; i < 2000; i++)
			arrays.add(new ByteArray((byte[]) imp.getStack().getPixels(i % 50 + 1)));
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(arrays,
			new long[] { imp.getWidth(), imp.getHeight(), 2000 }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));

		final Path csv = tmp.resolve("cancelled.csv");
		final LocateFeaturesCommand cmd = new LocateFeaturesCommand();
		context.inject(cmd);
		final CommandModule m = new CommandModule(commands.getCommand(LocateFeaturesCommand.class), cmd);
		m.setInput("img", img);
		m.setInput("diameter", "11");
		m.setInput("csv", csv.toFile());
		m.setInput("threads", 1);
		final CountDownLatch started = new CountDownLatch(1);
		final Object listener = new Object() {
			@EventHandler
			public void onStatus(final StatusEvent e) {
				if (e.getProgressMaximum() == 2000 && e.getProgressValue() >= 1)
					started.countDown();
			}
		};
		context.service(EventService.class).subscribe(listener);
		final Thread runner = new Thread(m, "command under test");
		runner.start();
		assertTrue(started.await(60, TimeUnit.SECONDS), "the run reported progress");
		cmd.cancel("stopped by the user");
		runner.join(60_000);
		assertFalse(runner.isAlive(), "the run ended after the cancel");
		assertTrue(cmd.isCanceled());
		assertEquals("stopped by the user", cmd.getCancelReason());
		assertNull(cmd.getResult());
		assertNull(m.getOutput("features"));
		assertNull(m.getOutput("count"));
		try (Stream<Path> files = Files.list(tmp)) {
			assertEquals(0, files.count(), "no CSV, no temporary file left");
		}
		synchronized (statuses) {
			assertFalse(statuses.stream().anyMatch(e -> e.getProgressMaximum() == 2000 && e.getProgressValue() == 2000),
				"never reached the end");
		}
		Reference.reachabilityFence(listener); // the event service holds its subscribers weakly
	}

	@Test
	void notInAnyMenu() {
		final ShadowMenu root = context.service(MenuService.class).getMenu();
		final ShadowMenu plugins = root.getChildren().stream().filter(c -> "Plugins".equals(c.getName())).findFirst()
			.orElse(null);
		final boolean listed = plugins != null && plugins.getChildren().stream()
			.anyMatch(c -> "Tracking".equals(c.getName()) && !c.getChildren().isEmpty());
		assertFalse(listed, "the SciJava command must not add a second menu entry");
		final CommandInfo info = commands.getCommand(LocateFeaturesCommand.class);
		assertNotNull(info);
		assertEquals("Locate Features...", info.getMenuPath().getLeaf().getName());
		assertFalse(info.isVisible());
	}
}
