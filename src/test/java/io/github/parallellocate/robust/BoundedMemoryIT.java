package io.github.parallellocate.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.io.csv.FeatureCsv;
import io.github.parallellocate.testutil.StreamingTiffWriter;
import io.github.parallellocate.testutil.SyntheticImages;


/**
 * A movie far larger than the heap is processed with bounded memory: a
 * generated 10,000-page 8-bit TIFF (128x128, 164 MB, one IFD per page) run in
 * a child JVM with a 32 MB heap, through the real command-line jar and
 * through the ImageJ plugin's locator on a TIFF virtual stack. Both must
 * succeed and write exactly the CSV the core gives frame by frame.
 */
class BoundedMemoryIT {

	private static final Path JAR = Paths.get("target/parallel-locate-cli.jar");
	private static final String HEAP = "-Xmx32m";
	private static final int FRAMES = 10_000, SIZE = 128, PATTERNS = 8;
	private static final LocateParameters PARAMS = LocateParameters.builder(9).minmass(150.).build();

	@TempDir
	static Path tmp;
	private static Path tiff;
	/** Each pattern's features; frame i shows pattern i % PATTERNS. */
	private static final List<List<Feature>> expected = new ArrayList<>();

	@BeforeAll
	static void writeMovie() throws IOException {
		tiff = tmp.resolve("big.tif");
		final List<byte[]> patterns = new ArrayList<>();
		final FeatureLocator locator = new FeatureLocator(PARAMS);
		for (int p = 0; p < PATTERNS; p++) {
			final Plane plane = SyntheticImages.spots(new Random(p), PixelType.UINT8, SIZE, SIZE, 6, 0.03);
			patterns.add((byte[]) plane.pixels());
			expected.add(List.copyOf(locator.locate(plane)));
		}
		try (StreamingTiffWriter w = new StreamingTiffWriter(tiff, SIZE, SIZE)) {
			for (int i = 0; i < FRAMES; i++)
				w.writePage(patterns.get(i % PATTERNS), i == FRAMES - 1);
		}
		final long heap = Runtime.getRuntime().maxMemory();
		assertTrue(Files.size(tiff) > 160_000_000L, "the movie is " + Files.size(tiff) + " bytes");
		assertTrue(expected.stream().allMatch(l -> !l.isEmpty()), "every pattern has features");
		System.out.println("BoundedMemoryIT: " + tiff + " " + Files.size(tiff) / 1_000_000 + " MB, " + totalFeatures() + " features; test JVM heap "
			+ heap / 1_000_000 + " MB, child heap " + HEAP);
	}

	private static long totalFeatures() {
		long n = 0;
		for (int i = 0; i < FRAMES; i++)
			n += expected.get(i % PATTERNS).size();
		return n;
	}

	@Test
	void theCommandLineStreamsAMovieFarLargerThanItsHeap() throws Exception {
		assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn package first");
		final Path csv = tmp.resolve("cli.csv");
		final Child r = runJava(List.of("-jar", JAR.toAbsolutePath().toString(), tiff.toString(), "--diameter", "9", "--minmass", "150",
			"--threads", "2", "--output", csv.toString()));
		assertEquals(0, r.status, r.toString());
		assertEquals("", r.output, "no message on success");
		assertCsv(csv);
	}

	@Test
	void theImageJPluginStreamsAVirtualStackFarLargerThanItsHeap() throws Exception {
		final Path csv = tmp.resolve("ij.csv");
		final Child r = runJava(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
			VirtualStackLocate.class.getName(), tiff.toString(), "diameter=9 minmass=150 threads=2 csv=[" + csv + "]"));
		assertEquals(0, r.status, r.toString());
		assertEquals(FRAMES + " " + totalFeatures(), r.output.trim());
		assertCsv(csv);
	}

	/** The CSV is the header and, frame by frame, exactly the rows of the frame's pattern. */
	private static void assertCsv(final Path csv) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			assertEquals(FeatureCsv.header(true), in.readLine());
			for (int i = 0; i < FRAMES; i++) {
				final StringWriter rows = new StringWriter();
				FeatureCsv.writeFrame(rows, i, expected.get(i % PATTERNS), true);
				for (final String row : rows.toString().split("\n"))
					assertEquals(row, in.readLine(), "frame " + i);
			}
			assertEquals(null, in.readLine(), "nothing after the last frame");
		}
	}

	/** A finished child JVM: exit status and its merged output. */
	private record Child(int status, String output, long millis) {}

	private static Child runJava(final List<String> args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
			"-XX:+UseSerialGC"));
		cmd.addAll(args);
		final long t0 = System.nanoTime();
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finished");
		final Child c = new Child(p.exitValue(), out, (System.nanoTime() - t0) / 1_000_000);
		System.out.println("BoundedMemoryIT: " + String.join(" ", cmd.subList(1, Math.min(cmd.size(), 6))) + "... took " + c.millis + " ms");
		return c;
	}
}
