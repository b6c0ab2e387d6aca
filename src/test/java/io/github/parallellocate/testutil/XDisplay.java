package io.github.parallellocate.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An X display for GUI tests, which run real ImageJ windows in a child JVM
 * (the test JVM itself may be headless): a private {@code Xvfb} started here
 * (Debian package {@code xvfb}, listed in {@code .ci/apt-packages.txt}), so
 * {@code mvn verify} needs no wrapper, the screen size is known and no window
 * pops up on a developer's desktop; without Xvfb, the {@code DISPLAY} the
 * build runs under. With neither, {@link #open()} skips the test with a
 * message.
 */
public final class XDisplay implements AutoCloseable {

	private final String display;
	private final Process xvfb;

	private XDisplay(final String display, final Process xvfb) {
		this.display = display;
		this.xvfb = xvfb;
	}

	/** A display, or the calling test is skipped (JUnit assumption) when none can be had. */
	public static XDisplay open() throws IOException, InterruptedException {
		final Path exe = onPath("Xvfb");
		final String env = System.getenv("DISPLAY");
		if (exe == null && env != null && !env.isBlank())
			return new XDisplay(env, null);
		assumeTrue(exe != null, "GUI test skipped: no Xvfb on the PATH and no DISPLAY (apt-get install xvfb)");
		// -displayfd: Xvfb picks a free display number and prints it when ready
		final Process p = new ProcessBuilder(exe.toString(), "-displayfd", "1", "-screen", "0", "2048x1152x24",
			"-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
		final BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
		final String number = out.readLine();
		if (number == null || !number.trim().matches("\\d+")) {
			p.destroy();
			throw new IOException("Xvfb did not start (it printed " + number + ")");
		}
		return new XDisplay(":" + number.trim(), p);
	}

	/** The value for the {@code DISPLAY} variable. */
	public String display() {
		return display;
	}

	/** Whether the display is a private Xvfb started by this class. */
	public boolean isPrivate() {
		return xvfb != null;
	}

	/**
	 * Runs {@code mainClass} of the test class path in a child JVM on this
	 * display, with its output in {@code log}; returns the exit code.
	 */
	public int runJava(final String mainClass, final List<String> args, final Path log, final long timeoutSeconds)
			throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Djava.awt.headless=false");
		cmd.add("-Xmx1g");
		cmd.add("-cp");
		cmd.add(System.getProperty("java.class.path"));
		cmd.add(mainClass);
		cmd.addAll(args);
		Files.createDirectories(log.toAbsolutePath().getParent());
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
		pb.environment().put("DISPLAY", display);
		final Process child = pb.start();
		if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			child.destroyForcibly();
			throw new IOException(mainClass + " did not finish in " + timeoutSeconds + " s; see " + log);
		}
		return child.exitValue();
	}

	private static Path onPath(final String name) {
		final String path = System.getenv("PATH");
		if (path == null)
			return null;
		for (final String dir : path.split(File.pathSeparator)) {
			final Path p = Path.of(dir, name);
			if (Files.isExecutable(p))
				return p;
		}
		return null;
	}

	/** Stops the private Xvfb, if any. */
	@Override
	public void close() {
		if (xvfb != null)
			xvfb.destroy();
	}
}
