package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.parallellocate.io.csv.FeatureCsv;
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

		final ResultsTable features = cmd.getFeatures();
		assertEquals(29325, features.size());
		final FeatureTable fromTable = new FeatureTable();
		for (int r = 0; r < features.size(); r++) {
			final double[] row = new double[FeatureTable.COLUMNS.length];
			for (int c = 0; c < row.length; c++)
				row[c] = features.getValue(FeatureTable.COLUMNS[c], r);
			fromTable.add((int) features.getValue("frame", r), row);
		}
		Parity.compare(ref, fromTable).assertParity();
		assertEquals(29325, imp.getOverlay().size());
		assertEquals(2, cmd.getResult().summary().threads());
		for (int i = 0; i < 50 && !reached50(); i++)
			Thread.sleep(100); // status events may be delivered asynchronously
		synchronized (statuses) {
			assertTrue(statuses.stream().anyMatch(e -> e.getProgressValue() == 50 && e.getProgressMaximum() == 50),
				"progress reached 50/50 through the StatusService");
		}
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
