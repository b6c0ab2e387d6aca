package io.github.parallellocate.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Access to {@code ../shared} (beside the project root): data and trackpy
 * references. Tests that need it are skipped, with a message saying why, when
 * it is absent; CI always has it.
 */
public final class SharedData {

	private SharedData() {}

	/** The shared directory, or null if it does not exist. */
	public static Path dirOrNull() {
		final String prop = System.getProperty("shared.dir");
		final Path p = prop != null ? Paths.get(prop) : Paths.get(System.getProperty("user.dir")).resolve("../shared");
		return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
	}

	/** The shared directory; skips the calling test if absent. */
	public static Path dir() {
		final Path p = dirOrNull();
		assumeTrue(p != null, "../shared is absent (set -Dshared.dir=...): skipping a test that needs the shared data and trackpy references");
		return p;
	}

	/** A file below the shared directory; skips the calling test if absent. */
	public static Path file(final String relative) {
		final Path p = dir().resolve(relative);
		assumeTrue(Files.exists(p), "../shared/" + relative + " is absent: skipping");
		return p;
	}

	/** The 50-frame bulk water TIFF. */
	public static Path bulkWaterTiff() {
		return file("data/bulk_water_red_50.tif");
	}
}
