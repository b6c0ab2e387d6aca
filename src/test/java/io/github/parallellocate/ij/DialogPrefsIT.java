package io.github.parallellocate.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.parallellocate.imagej.LocateOptions;
import io.github.parallellocate.testutil.XDisplay;

/**
 * The dialog's values survive a restart of ImageJ: one session OKs the
 * dialog and saves ImageJ's preferences, a new session (a new JVM) loads
 * them and opens the dialog with those values; but never the csv path, the
 * overwrite box or the thread count.
 */
class DialogPrefsIT {

	@TempDir
	Path home;

	@Test
	void valuesComeBackAfterARestart() throws Exception {
		final Path out = home.resolve("dialog.properties");
		try (XDisplay display = XDisplay.open()) {
			assertEquals(0, display.runJava(DialogPrefsDriver.class.getName(), List.of("save", home.toString()),
				home.resolve("save.log"), 120), () -> read(home.resolve("save.log")));
			assertTrue(Files.exists(home.resolve(".imagej/IJ_Prefs.txt")), "ImageJ saved its preferences");
			assertEquals(0, display.runJava(DialogPrefsDriver.class.getName(), List.of("load", home.toString(), out.toString()),
				home.resolve("load.log"), 120), () -> read(home.resolve("load.log")));
		}
		final Properties p = new Properties();
		try (InputStream in = Files.newInputStream(out)) {
			p.load(in);
		}
		assertEquals("13", p.getProperty("diameter"));
		assertEquals("55.5", p.getProperty("minmass"));
		assertEquals("true", p.getProperty("invert"));
		assertEquals("", p.getProperty("maxsize"), "None stays None");
		assertEquals("70", p.getProperty("percentile"));
		assertEquals("false", p.getProperty("characterize"));
		assertEquals("true", p.getProperty("preprocess"), "never set: the specification's default");
		assertEquals("10", p.getProperty("max_iterations"));
		assertEquals("false", p.getProperty("overlay"));
		assertEquals("true", p.getProperty("results"));
		assertEquals("", p.getProperty("csv"), "the csv path is not remembered");
		assertEquals("false", p.getProperty("overwrite"), "overwrite is not remembered");
		assertEquals(Integer.toString(LocateOptions.defaultThreads()), p.getProperty("threads"),
			"threads follows ImageJ's setting, not the last run");
	}

	/**
	 * Without remembered values the dialog shows every parameter of the
	 * specification with its default (diameter: the first suggestion),
	 * labelled with its macro key.
	 */
	@Test
	void freshDialogShowsTheSpecificationsDefaults() throws Exception {
		final Path out = home.resolve("fresh.properties");
		try (XDisplay display = XDisplay.open()) {
			assertEquals(0, display.runJava(DialogPrefsDriver.class.getName(), List.of("fresh", home.toString(), out.toString()),
				home.resolve("fresh.log"), 120), () -> read(home.resolve("fresh.log")));
		}
		final Properties p = new Properties();
		try (InputStream in = Files.newInputStream(out)) {
			p.load(in);
		}
		for (final io.github.parallellocate.core.LocateParameter param : io.github.parallellocate.core.LocateParameter.values()) {
			assertTrue(p.containsKey(param.key()), "the dialog has " + param.key());
			if (!param.isRequired())
				assertEquals(io.github.parallellocate.core.LocateParameter.format(param.defaultValue()), p.getProperty(param.key()),
					param.key());
		}
		assertEquals(LocateDialog.FIRST_DIAMETER, p.getProperty("diameter"));
	}

	/**
	 * Issue 12: on a z-stack hyperstack the dialog offers {@code 3d} and
	 * suggests a z diameter from the voxel size (aniso16: voxels 0.5 um deep,
	 * 0.25 um wide: 11 px across is 5.5 slices, the nearest odd number 5).
	 */
	@Test
	void zStackDialogOffers3dWithAZDiameterFromTheVoxels() throws Exception {
		final Path out = home.resolve("zstack.properties");
		try (XDisplay display = XDisplay.open()) {
			assertEquals(0, display.runJava(DialogPrefsDriver.class.getName(), List.of("fresh", home.toString(), out.toString(),
				io.github.parallellocate.testutil.SharedData.file("data/volumes/aniso16.tif").toString()),
				home.resolve("zstack.log"), 120), () -> read(home.resolve("zstack.log")));
		}
		final Properties p = new Properties();
		try (InputStream in = Files.newInputStream(out)) {
			p.load(in);
		}
		assertEquals("5,11,11", p.getProperty("diameter"));
		assertEquals("false", p.getProperty("3d"), "offered (the three values imply it)");
		assertTrue(io.github.parallellocate.imagej.LocateOptions.from(stringMap(p)).volumes());
	}

	private static java.util.Map<String, String> stringMap(final Properties p) {
		final java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
		for (final String k : p.stringPropertyNames())
			m.put(k, p.getProperty(k));
		return m;
	}

	private static String read(final Path log) {
		try {
			return Files.readString(log);
		}
		catch (final Exception e) {
			return e.toString();
		}
	}
}
