package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.spark.SparkRuns.Run;
import io.github.parallellocate.testutil.FeatureTable;
import io.github.parallellocate.testutil.NdParity;
import io.github.parallellocate.testutil.NdTable;
import io.github.parallellocate.testutil.Parity;
import io.github.parallellocate.testutil.SharedData;

/**
 * The Spark front door end to end in real Spark local mode ({@code local[2]})
 * against a real HDFS in this JVM: movies on HDFS in, Parquet or CSV on HDFS
 * out, at parity with trackpy and with the command line's rows; bad inputs
 * leave no output and one line.
 */
class SparkLocateIT {

	@TempDir
	static Path tmp;

	static Hdfs hdfs;
	static SparkSession spark;
	static String movie;

	private static final String[] D11 = { "--diameter", "11", "--invert", "--minmass", "20" };

	@BeforeAll
	static void start() throws Exception {
		SharedData.bulkWaterTiff();
		SparkRuns.useLocalSpark();
		hdfs = new Hdfs(tmp.resolve("dfs"));
		spark = SparkSession.builder().config(LocateSpark.conf()).getOrCreate();
		spark.sparkContext().setLogLevel("WARN");
		movie = hdfs.put(SharedData.bulkWaterTiff(), "/movies/bulk_water.tif");
	}

	@AfterAll
	static void stop() {
		if (spark != null)
			spark.stop();
		if (hdfs != null)
			hdfs.close();
	}

	private static String[] args(final String[] a, final String... more) {
		final List<String> all = new ArrayList<>(List.of(a));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static FileSystem fs() throws IOException {
		return hdfs.fs();
	}

	@SuppressWarnings("deprecation")
	private static long hdfsBytesRead() {
		return FileSystem.getStatistics("hdfs", org.apache.hadoop.hdfs.DistributedFileSystem.class).getBytesRead();
	}

	private static boolean exists(final String uri) throws IOException {
		return fs().exists(new org.apache.hadoop.fs.Path(uri));
	}

	/** The reference rows per frame, each frame's rows sorted, for exact comparison. */
	private static Map<Integer, List<double[]>> byFrame(final FeatureTable t) {
		final Map<Integer, List<double[]>> m = new TreeMap<>();
		for (final int f : t.frameNumbers()) {
			final List<double[]> rows = new ArrayList<>(t.frame(f));
			rows.sort(Comparator.<double[]> comparingDouble(r -> r[0]).thenComparingDouble(r -> r[1]));
			m.put(f, rows);
		}
		return m;
	}

	private static void assertSameRows(final FeatureTable expected, final FeatureTable got) {
		final Map<Integer, List<double[]>> e = byFrame(expected), g = byFrame(got);
		assertEquals(e.keySet(), g.keySet(), "frames");
		for (final int f : e.keySet()) {
			assertEquals(e.get(f).size(), g.get(f).size(), "rows of frame " + f);
			for (int i = 0; i < e.get(f).size(); i++)
				assertArrayEquals(e.get(f).get(i), g.get(f).get(i), 0, "frame " + f + " row " + i);
		}
	}

	@Test
	void movieOnHdfsToParquetOnHdfs() throws Exception {
		final String out = hdfs.uri("/features/parquet");
		final long read0 = hdfsBytesRead();
		// 7 frames per task: 8 tasks, the last one short
		final Run r = SparkRuns.inProcess(args(D11, movie, "--frames-per-task", "7", "--output", out));
		assertEquals(0, r.code(), r.err());
		// ranged reads: each task read its own pages, not the whole file (8 tasks would read it 8 times)
		final long length = fs().getFileStatus(new org.apache.hadoop.fs.Path(movie)).getLen();
		final long read = hdfsBytesRead() - read0;
		System.out.println("read from HDFS: " + read + " bytes for a file of " + length);
		assertTrue(read >= length * 0.9 && read < length * 1.5, read + " bytes read for a file of " + length);
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().contains("29325 features in 50 of 50 frames (8 tasks on local[2])"), r.err());
		assertTrue(exists(out + "/_SUCCESS"), "committed by Spark");
		final Dataset<Row> back = spark.read().parquet(out);
		assertEquals(List.of("y", "x", "mass", "size", "ecc", "signal", "raw_mass", "ep", "frame"), List.of(back.columns()));
		final FeatureTable got = SparkRuns.table(back.collectAsList());
		final Parity p = Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")), got);
		System.out.println(p.summary());
		p.assertParity();
		// the very numbers of the command line (its CSV's numbers read back are exact: shortest repr)
		final Path cli = Files.writeString(tmp.resolve("cli.csv"), SparkRuns.cliCsv(tmp, args(D11, SharedData.bulkWaterTiff().toString())));
		assertSameRows(FeatureTable.readCsv(cli), got);
	}

	@Test
	void volumesOfAHyperstackOnHdfs() throws Exception {
		final String stack = hdfs.put(SharedData.file("data/volumes/iso8.tif"), "/movies/volumes/iso8.tif");
		final String out = hdfs.uri("/features/iso8");
		final Run r = SparkRuns.inProcess(stack, "--diameter", "7,7,7", "--minmass", "1000", "--output", out);
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains(" in 4 of 4 frames ("), r.err());
		final Dataset<Row> back = spark.read().parquet(out);
		final List<String> columns = List.of("z", "y", "x", "mass", "size", "ecc", "signal", "raw_mass", "ep");
		final List<String> all = new ArrayList<>(columns);
		all.add("frame");
		assertEquals(all, List.of(back.columns()));
		final NdTable got = new NdTable(columns);
		for (final Row row : back.collectAsList()) {
			final double[] v = new double[columns.size()];
			for (int c = 0; c < v.length; c++)
				v[c] = row.getDouble(c);
			got.add((int) row.getLong(columns.size()), v);
		}
		final NdParity p = NdParity.compare(NdTable.readCsv(SharedData.file("reference3d/iso8_d7.csv")), got);
		System.out.println(p.summary());
		p.assertParity();
		// anisotropic 16-bit volumes through the library: per-axis size and ep columns
		final String aniso = hdfs.put(SharedData.file("data/volumes/aniso16.tif"), "/movies/volumes/aniso16.tif");
		final Dataset<Row> features = ParallelLocateSpark.locate(spark, List.of(aniso), Map.of("diameter", List.of(5, 9, 9), "minmass", 5000));
		final NdTable ref = NdTable.readCsv(SharedData.file("reference3d/aniso16_d5_9_9.csv"));
		final List<String> anisoColumns = new ArrayList<>(ref.columns());
		anisoColumns.add("frame");
		assertEquals(anisoColumns, List.of(features.columns()));
		final NdTable anisoGot = new NdTable(ref.columns());
		for (final Row row : features.collectAsList()) {
			final double[] v = new double[ref.columns().size()];
			for (int c = 0; c < v.length; c++)
				v[c] = row.getDouble(c);
			anisoGot.add((int) row.getLong(v.length), v);
		}
		final NdParity pa = NdParity.compare(ref, anisoGot);
		System.out.println(pa.summary());
		pa.assertParity();
		// planes asked of volumes' parameters: one line, before any task
		final Run planes = SparkRuns.inProcess(movie, "--diameter", "7,7,7", "--output", hdfs.uri("/features/never"));
		assertEquals(2, planes.code(), planes.err());
		assertEquals("parallel-locate-spark: error: diameter 7,7,7 has 3 values (z,y,x) but bulk_water.tif has planes, not volumes: "
			+ "give slices N (Z slices per volume) or an ImageJ hyperstack with Z slices", planes.err().strip());
	}

	@Test
	void csvOnHdfsHasTheCommandLinesRows() throws Exception {
		final String out = hdfs.uri("/features/csv");
		final Run r = SparkRuns.inProcess(args(D11, movie, "--format", "csv", "--output", out));
		assertEquals(0, r.code(), r.err());
		// the part files in order, each with trackpy's header: the command line's file once the repeated headers are dropped
		final List<String> lines = new ArrayList<>();
		final FileStatus[] parts = fs().listStatus(new org.apache.hadoop.fs.Path(out), p -> p.getName().startsWith("part-"));
		Arrays.sort(parts, Comparator.comparing(s -> s.getPath().getName()));
		assertTrue(parts.length > 1, "several part files");
		for (final FileStatus part : parts) {
			try (InputStream in = fs().open(part.getPath())) {
				final List<String> l = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
				assertEquals("y,x,mass,size,ecc,signal,raw_mass,ep,frame", l.get(0));
				lines.addAll(lines.isEmpty() ? l : l.subList(1, l.size()));
			}
		}
		final String cli = SparkRuns.cliCsv(tmp, args(D11, SharedData.bulkWaterTiff().toString()));
		assertEquals(cli, String.join("\n", lines) + "\n", "the command line's rows, byte for byte");
	}

	@Test
	void severalMoviesCarryTheirSourceAndCanBePartitioned() throws Exception {
		// a TIFF movie and a directory of 5 PNGs: two movies
		final Path seq = SharedData.file("data/image_sequence");
		for (final String name : SparkRuns.list(seq))
			hdfs.put(seq.resolve(name), "/movies/sequence/" + name);
		final String dir = hdfs.uri("/movies/sequence");
		final ParallelLocateSpark locate = new ParallelLocateSpark(spark).framesPerTask(16);
		final Dataset<Row> features = locate.locate(List.of(movie, dir), ParallelLocateSpark.parameters(Map.of("diameter", 11, "invert", true,
			"minmass", 20)));
		assertEquals(List.of("y", "x", "mass", "size", "ecc", "signal", "raw_mass", "ep", "frame", "source"), List.of(features.columns()));
		final String out = hdfs.uri("/features/partitioned");
		SparkLocateJob.write(features, new org.apache.hadoop.fs.Path(out), SparkLocateJob.Format.PARQUET, true, false,
			spark.sparkContext().hadoopConfiguration());
		final ParallelLocateSpark.Summary s = locate.summary();
		assertEquals(55, s.frames());
		assertEquals(55, s.located());
		assertEquals(4 + 1, s.tasks(), "4 tasks for 50 frames, 1 for 5: tasks never span movies");
		final List<String> dirs = Arrays.stream(fs().listStatus(new org.apache.hadoop.fs.Path(out))).filter(FileStatus::isDirectory)
			.map(f -> f.getPath().getName()).sorted().toList();
		assertEquals(2, dirs.size(), dirs.toString());
		assertTrue(dirs.stream().allMatch(d -> d.startsWith("source=")), dirs.toString());
		final Dataset<Row> back = spark.read().parquet(out);
		final List<Row> tiffRows = back.where(back.col("source").equalTo(movie)).collectAsList();
		Parity.compare(FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv")), SparkRuns.table(tiffRows)).assertParity();
		final List<Row> seqRows = back.where(back.col("source").equalTo(dir)).collectAsList();
		assertEquals(s.features(), tiffRows.size() + seqRows.size());
		assertEquals(List.of(0L, 1L, 2L, 3L, 4L), seqRows.stream().map(row -> row.getLong(row.fieldIndex("frame"))).distinct().sorted().toList());
	}

	@Test
	void missingPathIsOneLineAndNoOutput() throws Exception {
		final String out = hdfs.uri("/features/never");
		final String missing = hdfs.uri("/movies/nope.tif");
		final Run r = SparkRuns.inProcess(args(D11, missing, "--output", out));
		assertEquals(1, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: no such file or directory: " + missing, r.err().strip());
		assertFalse(exists(out));
		final Run glob = SparkRuns.inProcess(args(D11, hdfs.uri("/movies/*.png"), "--output", out));
		assertEquals(1, glob.code(), glob.err());
		assertEquals("parallel-locate-spark: error: no files match " + hdfs.uri("/movies/*.png"), glob.err().strip());
		assertFalse(exists(out));
	}

	@Test
	void corruptTiffIsOneLineAndNoOutput() throws Exception {
		final Path cut = tmp.resolve("cut.tif");
		try (InputStream in = Files.newInputStream(SharedData.bulkWaterTiff()); OutputStream o = Files.newOutputStream(cut)) {
			o.write(in.readNBytes(100_000));
		}
		final String bad = hdfs.put(cut, "/movies/cut/cut.tif");
		final String out = hdfs.uri("/features/cut");
		final Run r = SparkRuns.inProcess(args(D11, bad, "--output", out));
		assertEquals(1, r.code(), r.err());
		assertEquals(1, r.err().lines().count(), r.err());
		assertTrue(r.err().startsWith("parallel-locate-spark: error: cut.tif "), r.err());
		assertFalse(exists(out));
		// not an image at all: known on the driver, by its signature
		final String text = hdfs.put(Files.writeString(tmp.resolve("notes.png"), "this is not a PNG\n"), "/movies/text/notes.png");
		final Run t = SparkRuns.inProcess(args(D11, text, "--output", out));
		assertEquals(1, t.code(), t.err());
		assertEquals("parallel-locate-spark: error: notes.png is not an image in a supported format (bmp, gif, jpeg, jpg, png, tif, tiff)",
			t.err().strip());
		assertFalse(exists(out));
	}

	/** A folder of 8 frames on HDFS whose 6th file is a PNG cut short (its signature and header are fine, its pixels are missing). */
	private static String folderWithBadFile() throws Exception {
		final String dir = "/movies/bad";
		if (exists(hdfs.uri(dir)))
			return hdfs.uri(dir);
		final Path shared = SharedData.file("data/bulk_water");
		for (int i = 0; i < 8; i++) {
			final String name = String.format("bulk_water_%03d.png", i);
			if (i == 5)
				hdfs.put(Files.write(tmp.resolve(name), Arrays.copyOf(Files.readAllBytes(shared.resolve(name)), 5_000)), dir + "/" + name);
			else
				hdfs.put(shared.resolve(name), dir + "/" + name);
		}
		return hdfs.uri(dir);
	}

	@Test
	void unreadableFrameStopsTheJobAndCommitsNothing() throws Exception {
		final String dir = folderWithBadFile();
		final String out = hdfs.uri("/features/bad");
		final Run r = SparkRuns.inProcess(dir, "--channel", "red", "--diameter", "11", "--invert", "--frames-per-task", "3", "--output", out);
		assertEquals(1, r.code(), r.err());
		final List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
		assertEquals(1, lines.size(), "one line:\n" + r.err());
		assertTrue(lines.get(0).startsWith("parallel-locate-spark: error: frame 5 (bulk_water_005.png): bulk_water_005.png "), lines.get(0));
		assertFalse(exists(out), "no output directory");
	}

	@Test
	void skipBadFramesReportsTheFrameAndWritesTheOthers() throws Exception {
		final String dir = folderWithBadFile();
		final String out = hdfs.uri("/features/skipped");
		final Run r = SparkRuns.inProcess(dir, "--channel", "red", "--diameter", "11", "--invert", "--minmass", "20", "--skip-bad-frames",
			"--frames-per-task", "3", "--output", out);
		assertEquals(0, r.code(), r.err());
		assertTrue(r.err().contains("parallel-locate-spark: skipped frame 5 (bulk_water_005.png): "), r.err());
		assertTrue(r.err().contains(" in 7 of 8 frames "), r.err());
		final FeatureTable got = SparkRuns.table(spark.read().parquet(out).collectAsList());
		assertEquals(List.of(0, 1, 2, 3, 4, 6, 7), List.copyOf(got.frameNumbers()));
		final FeatureTable ref = FeatureTable.readCsv(SharedData.file("reference/bulk_water_d11_mm20.csv"));
		final FeatureTable expected = new FeatureTable();
		for (final int f : got.frameNumbers())
			for (final double[] row : ref.frame(f))
				expected.add(f, row);
		Parity.compare(expected, got).assertParity();
	}

	@Test
	void existingOutputIsKept() throws Exception {
		final String out = hdfs.uri("/features/precious");
		try (OutputStream o = fs().create(new org.apache.hadoop.fs.Path(out + "/data.txt"))) {
			o.write("precious\n".getBytes(StandardCharsets.UTF_8));
		}
		final Run r = SparkRuns.inProcess(args(D11, movie, "--output", out));
		assertEquals(1, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: " + out + " already exists (use --overwrite to replace it)", r.err().strip());
		assertEquals(1, fs().listStatus(new org.apache.hadoop.fs.Path(out)).length);
		// nor is an input ever replaced
		final Run over = SparkRuns.inProcess(args(D11, movie, "--overwrite", "--output", hdfs.uri("/movies")));
		assertEquals(1, over.code(), over.err());
		assertEquals("parallel-locate-spark: error: the output " + hdfs.uri("/movies") + " would replace the input " + movie, over.err().strip());
		assertTrue(exists(movie));
	}

	@Test
	void invalidValuesAreUsageErrors() throws Exception {
		final String out = hdfs.uri("/features/never");
		Run r = SparkRuns.inProcess(movie, "--diameter", "11", "--frames-per-task", "0", "--output", out);
		assertEquals(2, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: frames-per-task must be at least 1, got 0", r.err().strip());
		r = SparkRuns.inProcess(movie, "--diameter", "10", "--output", out);
		assertEquals(2, r.code(), r.err());
		String core = "";
		try {
			LocateParameters.builder(10).build();
		}
		catch (final IllegalArgumentException e) {
			core = e.getMessage();
		}
		assertEquals("parallel-locate-spark: error: " + core, r.err().strip());
		r = SparkRuns.inProcess(movie, "--diameter", "11", "--format", "json", "--output", out);
		assertEquals(2, r.code(), r.err());
		assertEquals("parallel-locate-spark: error: format must be parquet or csv, got 'json'", r.err().strip());
		assertFalse(exists(out));
	}
}
