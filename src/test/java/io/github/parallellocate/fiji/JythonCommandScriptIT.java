package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.log.LogListener;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.script.ScriptInfo;
import org.scijava.script.ScriptLanguage;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;
import org.scijava.thread.ThreadService;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;
import net.imglib2.img.Img;

/**
 * The example scripts {@code scripts/Locate_Features_Img.py} and
 * {@code scripts/Locate_Features_Image.py} run by SciJava's script service in
 * a real Jython: the {@code #@} inputs ({@code Img}, {@code ImagePlus}, the
 * {@code CommandService}) parsed and injected by the script service, the
 * command's OUTPUT items returned as the script's {@code #@output}s, checked
 * against trackpy's reference.
 */
class JythonCommandScriptIT {

	private static Context context;
	private static ScriptService scripts;

	@TempDir
	Path tmp;

	@BeforeAll
	static void start() {
		context = new Context(ScriptService.class, CommandService.class, ThreadService.class, StatusService.class,
			LogService.class);
		scripts = context.service(ScriptService.class);
		// the short type names Fiji's services register (imagej-common: Img; imagej-legacy: ImagePlus)
		scripts.addAlias(Img.class);
		scripts.addAlias(ImagePlus.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	private static ScriptModule run(final String script, final Object... inputs) throws Exception {
		final Path path = Paths.get("scripts", script);
		final ScriptLanguage python = scripts.getLanguageByExtension("py");
		assertNotNull(python, "a Python script language");
		return scripts.run(path.toFile(), true, inputs).get();
	}

	@Test
	void imgScriptReturnsTheFeaturesOfTrackpy() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final Img<?> img = LocateFeaturesCommandTest.planarImg(imp, imp.getStackSize());
		final ScriptModule m = run("Locate_Features_Img.py", "img", img, "diameter", "11", "minmass", 20.0, "invert",
			true);
		final ScriptInfo info = m.getInfo();
		assertEquals(Img.class, info.getInput("img").getType());
		final ModuleItem<?> out = info.getOutput("features");
		assertEquals(ResultsTable.class, out.getType());
		final ResultsTable features = (ResultsTable) m.getOutput("features");
		assertEquals(29325, features.size());
		assertEquals(29325, m.getOutput("count"));
		Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")),
			LocateFeaturesCommandTest.fromTable(features)).assertParity();
	}

	@Test
	void imgScriptLocatesVolumesWithThreeValuesPerAxis() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.file("data/volumes/iso8.tif").toString());
		final ScriptModule m = run("Locate_Features_Img.py", "img", LocateFeaturesCommand3dTest.planarBytes(imp),
			"diameter", "7,7,7", "minmass", 1000.0, "invert", false);
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/iso8_d7.csv"));
		NdParity.compare(ref, LocateFeaturesCommand3dTest.table((ResultsTable) m.getOutput("features"), ref.columns()))
			.assertParity();
		assertEquals(184, m.getOutput("count"));
	}

	@Test
	void imagePlusScriptReturnsTheFeaturesAndWritesTheCsv() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final File csv = tmp.resolve("d13.csv").toFile();
		final ScriptModule m = run("Locate_Features_Image.py", "imp", imp, "diameter", "13", "minmass", 0.0, "invert",
			true, "csv", csv);
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv"));
		Parity.compare(ref, LocateFeaturesCommandTest.fromTable((ResultsTable) m.getOutput("features")))
			.assertParity();
		Parity.compare(ref, FeatureTable.readCsv(csv.toPath())).assertParity();
		assertEquals(22177, m.getOutput("count"));
		assertEquals(22177, imp.getOverlay().size());
	}

	@Test
	void aBadParameterEndsTheScriptWithTheOneLineMessage() throws Exception {
		final ImagePlus imp = IJ.openImage(SharedData.bulkWaterTiff().toString());
		final File csv = tmp.resolve("bad.csv").toFile();
		final List<String> logged = new CopyOnWriteArrayList<>();
		final LogListener listener = message -> logged.add(message.text() + " " + message.throwable());
		context.service(LogService.class).addLogListener(listener);
		final ScriptModule m = run("Locate_Features_Image.py", "imp", imp, "diameter", "12", "minmass", 0.0, "invert",
			true, "csv", csv);
		context.service(LogService.class).removeLogListener(listener);
		assertNull(m.getOutput("features"));
		assertNull(m.getOutput("count"));
		// the script service reports the script's error (as Fiji's script editor shows it): the ValueError raised
		// with the command's cancel reason
		final String message = "diameter must be a positive odd integer (round up), got 12";
		assertTrue(logged.stream().anyMatch(l -> l.contains("ValueError") && l.contains(message)), logged.toString());
		assertFalse(Files.exists(csv.toPath()));
		assertNull(imp.getOverlay());
	}
}
