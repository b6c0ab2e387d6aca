package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ij.IJ;

/**
 * Plain ImageJ 1.x in batch mode, as users run it on a server:
 * {@code xvfb-run -a java -jar ij.jar -ijpath DIR -batch MACRO} with only the
 * Parallel_Locate jar (built by {@code mvn package}) in {@code DIR/plugins}.
 */
public final class IjBatch {

	private IjBatch() {}

	/** Runs a macro's text; returns ImageJ's output (the Log in batch mode). */
	public static String run(final Path tmp, final String macroText) throws Exception {
		final Path macro = Files.createTempFile(tmp, "macro", ".ijm");
		Files.writeString(macro, macroText);
		return runFile(tmp, macro);
	}

	/** Runs a macro file; returns ImageJ's output. */
	public static String runFile(final Path tmp, final Path macro) throws Exception {
		assertTrue(new File("/usr/bin/xvfb-run").canExecute(), "xvfb-run missing: install the Debian packages in .ci/apt-packages.txt");
		final Path ijJar = Paths.get(IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		final Path log = Files.createTempFile(tmp, "imagej", ".log");
		final ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "java", "-Xmx2g", "-jar", ijJar.toString(),
			"-ijpath", imagejDir(tmp).toString(), "-batch", macro.toAbsolutePath().toString());
		pb.redirectErrorStream(true).redirectOutput(log.toFile());
		final Process p = pb.start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			throw new AssertionError("ImageJ did not finish in 5 minutes:\n" + Files.readString(log));
		}
		return Files.readString(log, StandardCharsets.UTF_8);
	}

	/** An ImageJ directory with only our jar in plugins/. */
	private static Path imagejDir(final Path tmp) throws IOException {
		final Path dir = tmp.resolve("imagej");
		if (Files.isDirectory(dir))
			return dir;
		final Path pluginJar;
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			pluginJar = s.filter(p -> p.getFileName().toString().matches("Parallel_Locate-[^-]+(-SNAPSHOT)?\\.jar"))
				.findFirst().orElseThrow(() -> new AssertionError("target/Parallel_Locate-*.jar missing: run mvn verify"));
		}
		Files.createDirectories(dir.resolve("plugins"));
		Files.copy(pluginJar, dir.resolve("plugins").resolve(pluginJar.getFileName()));
		return dir;
	}
}
