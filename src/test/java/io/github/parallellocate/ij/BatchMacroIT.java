package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

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

	@TempDir
	Path tmp;

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
		final String out = IjBatch.runFile(tmp, macro);
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

	/**
	 * Issue 13's data safety through plain ImageJ in {@code -batch}: an
	 * existing {@code csv=} file is kept unless {@code overwrite}, the image's
	 * own file never, and a virtual stack whose file was cut short fails at
	 * the missing plane with one line, without a dialog and without a CSV.
	 */
	@Test
	void batchRunsNeverOverwriteInputsAndFailAtTruncatedPlanes() throws Exception {
		final Path tif = tmp.resolve("movie.tif");
		IJ.saveAsTiff(IjTesting.bulkWater(3), tif.toString());
		final byte[] movie = Files.readAllBytes(tif);
		final Path csv = tmp.resolve("features.csv");
		Files.writeString(csv, "precious\n");

		final String kept = IjBatch.run(tmp, "open(\"" + tif + "\");\n"
			+ "run(\"Locate Features...\", \"diameter=11 minmass=20 invert csv=[" + csv + "]\");\nprint(\"not reached\");\n");
		assertTrue(kept.contains("already exists: add the key overwrite to replace it"), kept);
		assertFalse(kept.contains("not reached") || kept.contains("Exception"), kept);
		assertEquals("precious\n", Files.readString(csv));

		final String own = IjBatch.run(tmp, "open(\"" + tif + "\");\n"
			+ "run(\"Locate Features...\", \"diameter=11 overwrite csv=[" + tif + "]\");\n");
		assertTrue(own.contains("is the image's own file: choose another name"), own);
		assertArrayEquals(movie, Files.readAllBytes(tif), "the image's file is unchanged");

		final String replaced = IjBatch.run(tmp, "open(\"" + tif + "\");\n"
			+ "run(\"Locate Features...\", \"diameter=11 minmass=20 invert overwrite csv=[" + csv + "]\");\n");
		assertFalse(replaced.contains("Exception"), replaced);
		Parity.compare(IjTesting.reference("bulk_water_d11_mm20.csv", 3), FeatureTable.readCsv(csv)).assertParity();

		// the file is cut short after ImageJ opened it as a virtual stack: the last plane is gone
		final Path cut = Files.write(tmp.resolve("cut.tif"), movie);
		final Path cutCsv = tmp.resolve("cut.csv");
		final String truncated = IjBatch.run(tmp, "run(\"TIFF Virtual Stack...\", \"open=[" + cut + "]\");\n"
			+ "exec(\"truncate\", \"-s\", \"" + (movie.length - 640 * 424 - 100) + "\", \"" + cut + "\");\n"
			+ "run(\"Locate Features...\", \"diameter=11 minmass=20 invert threads=1 csv=[" + cutCsv + "]\");\nprint(\"not reached\");\n");
		System.out.println("truncated virtual stack in -batch:\n" + truncated);
		assertTrue(truncated.contains("frame 2 (cut.tif, stack slice 3 of 3)"), truncated);
		assertFalse(truncated.contains("not reached") || truncated.contains("Exception"), truncated);
		assertTrue(Files.notExists(cutCsv), "no CSV");
	}
}
