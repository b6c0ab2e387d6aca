package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.spark.SparkRuns.Run;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * The Spark front door end to end in real Spark local mode ({@code local[2]}):
 * its CSV is the very file the command line writes and matches trackpy.
 */
class SparkLocateIT {

	@TempDir
	Path tmp;

	@BeforeAll
	static void localSpark() {
		SparkRuns.useLocalSpark();
	}

	@Test
	void multiPageTiff() throws Exception {
		final String tif = SharedData.bulkWaterTiff().toString();
		final Path out = tmp.resolve("spark.csv");
		// 7 frames per task: 8 tasks, the last one short
		final String[] args = { tif, "--diameter", "11", "--invert", "--minmass", "20" };
		final Run r = SparkRuns.inProcess(with(args, "--frames-per-task", "7", "--output", out.toString()));
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("29325 features in 50 of 50 frames (8 tasks"), r.err());
		assertEquals(SparkRuns.cliCsv(tmp, args), Files.readString(out), "the command line's file, byte for byte");
		final Parity p = Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")), FeatureTable.readCsv(out));
		System.out.println(p.summary());
		p.assertParity();
		assertEquals(List.of("spark.csv"), SparkRuns.list(tmp), "only the output is left");
	}

	@Test
	void folderOfPngs() throws Exception {
		final String dir = SharedData.file("data/bulk_water").toString();
		final Path out = tmp.resolve("png.csv");
		final String[] args = { dir, "--channel", "red", "--diameter", "13", "--invert" };
		final Run r = SparkRuns.inProcess(with(args, "--output", out.toString()));
		assertEquals(0, r.code(), r.err());
		assertEquals(SparkRuns.cliCsv(tmp, args), Files.readString(out), "the command line's file, byte for byte");
		final Parity p = Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d13.csv")), FeatureTable.readCsv(out));
		System.out.println(p.summary());
		p.assertParity();
	}

	private static String[] with(final String[] args, final String... more) {
		final List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/** A folder of 8 frames whose 6th file is not an image. */
	private Path folderWithBadFile() throws Exception {
		final Path dir = Files.createDirectory(tmp.resolve("movie"));
		final Path shared = SharedData.file("data/bulk_water");
		for (int i = 0; i < 8; i++) {
			final String name = String.format("bulk_water_%03d.png", i);
			if (i == 5)
				Files.writeString(dir.resolve(name), "this is not a PNG\n");
			else
				Files.createSymbolicLink(dir.resolve(name), shared.resolve(name));
		}
		return dir;
	}

	@Test
	void unreadableFileStopsTheRunAndWritesNothing() throws Exception {
		final Path dir = folderWithBadFile();
		final Path out = tmp.resolve("bad.csv");
		final String[] args = { dir.toString(), "--channel", "red", "--diameter", "11", "--invert", "--output", out.toString() };
		final Run r = SparkRuns.inProcess(with(args, "--frames-per-task", "3"));
		assertEquals(1, r.code(), r.err());
		final List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
		assertEquals(1, lines.size(), "one line:\n" + r.err());
		assertTrue(lines.get(0).startsWith("parallel-locate-spark: error: frame 5 (bulk_water_005.png): bulk_water_005.png "), lines.get(0));
		assertFalse(Files.exists(out), "no output");
		assertEquals(List.of("movie"), SparkRuns.list(tmp), "no part directory or temporary file left");
		// the command line's message
		final Run cli = SparkRuns.cli(args);
		assertEquals(1, cli.code(), cli.err());
		assertEquals(cli.err().strip().replace("parallel-locate:", "parallel-locate-spark:"), lines.get(0));
	}

	@Test
	void skipBadFramesReportsAndSkipsTheUnreadableFile() throws Exception {
		final Path dir = folderWithBadFile();
		final Path out = tmp.resolve("skipped.csv");
		final String[] args = { dir.toString(), "--channel", "red", "--diameter", "11", "--invert", "--minmass", "20", "--skip-bad-frames" };
		final Run r = SparkRuns.inProcess(with(args, "--frames-per-task", "3", "--output", out.toString()));
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("parallel-locate-spark: skipped frame 5 (bulk_water_005.png): "), r.err());
		assertTrue(r.err().contains(" in 7 of 8 frames "), r.err());
		assertEquals(SparkRuns.cliCsv(tmp, args), Files.readString(out), "the command line's file, byte for byte");
		final FeatureTable got = FeatureTable.readCsv(out);
		assertEquals(List.of(0, 1, 2, 3, 4, 6, 7), List.copyOf(got.frameNumbers()));
		// the other frames are trackpy's
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final FeatureTable expected = new FeatureTable();
		for (final int f : got.frameNumbers())
			for (final double[] row : ref.frame(f))
				expected.add(f, row);
		Parity.compare(expected, got).assertParity();
	}

	@Test
	void existingOutputIsKept() throws Exception {
		final Path out = Files.writeString(tmp.resolve("exists.csv"), "precious\n");
		final Run r = SparkRuns.inProcess(SharedData.bulkWaterTiff().toString(), "--diameter", "11", "--output", out.toString());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.err().startsWith("parallel-locate-spark: error: ") && r.err().contains("exists.csv already exists"), r.err());
		assertEquals("precious\n", Files.readString(out));
	}

	@Test
	void invalidValuesAreUsageErrors() throws Exception {
		final String tif = SharedData.bulkWaterTiff().toString();
		final Path out = tmp.resolve("never.csv");
		Run r = SparkRuns.inProcess(tif, "--diameter", "11", "--frames-per-task", "0", "--output", out.toString());
		assertEquals(2, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: frames-per-task must be at least 1, got 0", r.err().strip());
		r = SparkRuns.inProcess(tif, "--diameter", "10", "--output", out.toString());
		assertEquals(2, r.code(), r.err());
		assertEquals(SparkRuns.cli(tif, "--diameter", "10").err().strip().replace("parallel-locate:", "parallel-locate-spark:"), r.err().strip());
		assertFalse(Files.exists(out));
	}
}
