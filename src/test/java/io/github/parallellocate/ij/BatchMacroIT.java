package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * End to end, exactly as users run plain ImageJ 1.x on a server:
 * {@code xvfb-run -a java -jar ij.jar -ijpath DIR -batch Locate_Features_Folder.ijm}
 * with only the Parallel_Locate jar in {@code DIR/plugins}. ImageJ 1.x builds
 * its menus (and so needs a display) even in batch mode, hence Xvfb.
 */
class BatchMacroIT {

	private static Path ijJar;
	private static Path pluginJar;

	@TempDir
	Path tmp;

	@BeforeAll
	static void jars() throws Exception {
		ijJar = Paths.get(IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertTrue(ijJar.toString().endsWith(".jar"), "ij.jar not found on the test class path: " + ijJar);
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			pluginJar = s.filter(p -> p.getFileName().toString().matches("Parallel_Locate-[^-]+(-SNAPSHOT)?\\.jar"))
				.findFirst().orElseThrow(() -> new AssertionError("target/Parallel_Locate-*.jar missing: run mvn verify"));
		}
		assertTrue(new File("/usr/bin/xvfb-run").canExecute(), "xvfb-run missing: install the Debian packages in .ci/apt-packages.txt");
	}

	/** An ImageJ directory with only our jar in plugins/. */
	private Path imagejDir() throws IOException {
		final Path dir = tmp.resolve("imagej");
		Files.createDirectories(dir.resolve("plugins"));
		Files.copy(pluginJar, dir.resolve("plugins").resolve(pluginJar.getFileName()));
		return dir;
	}

	/**
	 * The repository's macro with its {@code #@} parameters injected as
	 * variables (what SciJava does in Fiji; plain ImageJ 1.x has no script
	 * parameters), as the README tells plain ImageJ users to do.
	 */
	private Path withParameters(final Path in, final Path out, final String options) throws IOException {
		final StringBuilder sb = new StringBuilder();
		sb.append("input = \"").append(in).append("\";\n");
		sb.append("output = \"").append(out).append("\";\n");
		sb.append("options = \"").append(options).append("\";\n");
		for (final String line : Files.readAllLines(Paths.get("scripts/Locate_Features_Folder.ijm")))
			if (!line.startsWith("#@"))
				sb.append(line).append('\n');
		final Path macro = tmp.resolve("Locate_Features_Folder.ijm");
		Files.writeString(macro, sb.toString());
		return macro;
	}

	private String runBatch(final Path macro) throws Exception {
		final Path log = tmp.resolve("imagej.log");
		final ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "java", "-Xmx2g", "-jar", ijJar.toString(),
			"-ijpath", imagejDir().toString(), "-batch", macro.toAbsolutePath().toString());
		pb.redirectErrorStream(true).redirectOutput(log.toFile());
		final Process p = pb.start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			throw new AssertionError("ImageJ did not finish in 5 minutes:\n" + Files.readString(log));
		}
		final String out = Files.readString(log, StandardCharsets.UTF_8);
		System.out.println("ImageJ -batch output:\n" + out);
		return out;
	}

	@Test
	void folderMacroWritesOneCsvPerImageMatchingTrackpy() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		Files.copy(SharedData.bulkWaterTiff(), in.resolve("bulk_water_red_50.tif"));
		IJ.saveAsTiff(IjTesting.bulkWater(5), in.resolve("first five.tif").toString());
		Files.writeString(in.resolve("notes.txt"), "not an image");

		final String log = runBatch(withParameters(in, out, "diameter=11 minmass=20 invert"));
		assertTrue(log.contains("Locate_Features_Folder: done"), log);

		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final Parity all = Parity.compare(ref, FeatureTable.readCsv(out.resolve("bulk_water_red_50.csv")));
		System.out.println("batch d11 mm20: " + all.summary());
		all.assertParity();
		Parity.compare(IjTesting.reference("bulk_water_d11_mm20.csv", 5), FeatureTable.readCsv(out.resolve("first five.csv")))
			.assertParity();
		final int five = IjTesting.reference("bulk_water_d11_mm20.csv", 5).size();
		assertEquals(List.of("image,planes,features", "bulk_water_red_50.tif,50,29325", "first five.tif,5," + five),
			Files.readAllLines(out.resolve("summary.csv")));
	}

	@Test
	void badOptionsStopTheMacroWithTheMessageAndNoCsv() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final Path out = Files.createDirectories(tmp.resolve("out"));
		IJ.saveAsTiff(IjTesting.bulkWater(2), in.resolve("two.tif").toString());
		final String log = runBatch(withParameters(in, out, "diameter=10 invert"));
		assertTrue(log.contains("diameter must be a positive odd integer (round up), got 10"), log);
		assertFalse(log.contains("Exception"), log);
		assertFalse(log.contains("Locate_Features_Folder: done"), "the macro must stop at the error");
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(0, s.count(), "no CSV, no summary");
		}
	}

	/**
	 * Issue 13: {@code run("Locate Features...")} without options in
	 * {@code -batch} fails at once with the command line's message instead of
	 * opening a dialog nobody can answer; and a selection made by the macro
	 * ({@code makeRectangle}) is located as trackpy locates the crop.
	 */
	@Test
	void noOptionsFailsAtOnceAndSelectionsAreCrops() throws Exception {
		final Path tif = tmp.resolve("five.tif");
		IJ.saveAsTiff(IjTesting.bulkWater(5), tif.toString());
		final String log = IjBatch.run(tmp, "open(\"" + tif + "\");\nrun(\"Locate Features...\");\nprint(\"not reached\");\n");
		System.out.println("no options in -batch:\n" + log);
		assertTrue(log.contains("Locate Features: diameter is required"), log);
		assertFalse(log.contains("not reached"), log);
		assertFalse(log.contains("Exception"), log);

		final Path csv = tmp.resolve("crop.csv");
		final String crop = IjBatch.run(tmp, "open(\"" + tif + "\");\nmakeRectangle(100, 60, 300, 200);\n"
			+ "run(\"Locate Features...\", \"diameter=11 minmass=20 invert csv=[" + csv + "]\");\n");
		assertFalse(crop.contains("Exception"), crop);
		final FeatureTable ref = FeatureTable.readCsv(Paths.get(getClass().getResource(
			"/reference/crop/bulk_water_crop_100_60_300_200_d11_mm20.csv").toURI()));
		Parity.compare(ref, FeatureTable.readCsv(csv)).assertParity();
	}
}
