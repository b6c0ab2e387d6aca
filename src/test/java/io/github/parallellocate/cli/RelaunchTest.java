package io.github.parallellocate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The worker JVM's command and environment, the decision to relaunch, and the stderr filter, without starting a process. */
class RelaunchTest {

	@Test
	void commandCarriesJvmOptionsAddsTheModuleThenClassPathMainClassAndArguments() {
		final List<String> cmd = Relaunch.command("/jdk/bin/java", List.of("-Xmx8g", "-Dparallellocate.threads=3", "--add-opens=java.base/java.lang=ALL-UNNAMED"),
			"/x/parallel-locate-cli.jar", "io.github.parallellocate.cli.Main", new String[] { "movie.tif", "--diameter", "11", "--output", "-",
				"a b.tif", "" });
		assertEquals(List.of("/jdk/bin/java", "-Xmx8g", "-Dparallellocate.threads=3", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-modules",
			"jdk.incubator.vector", "-XX:CompileCommand=quiet",
			"-XX:CompileCommand=dontinline,io.github.parallellocate.core.VectorRows::subtractAndThreshold", "-cp", "/x/parallel-locate-cli.jar", "io.github.parallellocate.cli.Main", "movie.tif", "--diameter", "11",
			"--output", "-", "a b.tif", ""), cmd);
	}

	@Test
	void commandWithoutOptionsOrArguments() {
		assertEquals(List.of("java", "--add-modules", "jdk.incubator.vector", "-XX:CompileCommand=quiet",
			"-XX:CompileCommand=dontinline,io.github.parallellocate.core.VectorRows::subtractAndThreshold", "-cp", "a.jar:b.jar", "M"),
			Relaunch.command("java", List.of(), "a.jar:b.jar", "M", new String[0]));
	}

	@Test
	void environmentHasTheMarkerAndNoOptionVariables() {
		final Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "JDK_JAVA_OPTIONS", "-Xmx1g", "JAVA_TOOL_OPTIONS", "-Da=1",
			"_JAVA_OPTIONS", "-Db=2", "HOME", "/home/u"));
		Relaunch.environment(env, 4242);
		assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/u", Relaunch.MARKER, "4242"), env,
			"the options of these variables are among the input arguments passed on");
	}

	@Test
	void relaunchOnlyWithoutTheModuleAndWhenNotSwitchedOff() {
		final Map<String, String> none = Map.of();
		assertTrue(Relaunch.wanted(false, none::get));
		assertFalse(Relaunch.wanted(true, none::get), "the module is already there");
		assertFalse(Relaunch.wanted(false, Map.of("parallellocate.vector", "false")::get));
		assertFalse(Relaunch.wanted(false, Map.of("parallellocate.relaunch", "false")::get));
		assertTrue(Relaunch.wanted(false, Map.of("parallellocate.vector", "true", "parallellocate.relaunch", "true")::get));
	}

	@Test
	void noRelaunchUnderADebuggerOrWithLimitedModules() {
		assertTrue(Relaunch.keepsOneJvm(List.of("-Xmx1g", "-agentlib:jdwp=transport=dt_socket,server=y,address=5005")));
		assertTrue(Relaunch.keepsOneJvm(List.of("-Xdebug", "-Xrunjdwp:transport=dt_socket")));
		assertTrue(Relaunch.keepsOneJvm(List.of("--limit-modules=java.base,java.desktop")));
		assertFalse(Relaunch.keepsOneJvm(List.of("-Xmx1g", "-javaagent:agent.jar", "--add-modules=ALL-SYSTEM")));
	}

	/** With our stderr closed the worker's stderr is still read to its end (else the worker would block on a full pipe). */
	@Test
	void filterDrainsWhenItsOutputFails() throws IOException {
		final byte[] lots = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
		final ByteArrayInputStream in = new ByteArrayInputStream(lots);
		new Relaunch.WarningFilter(new java.io.OutputStream() {
			@Override
			public void write(final int b) throws IOException {
				throw new IOException("closed");
			}
		}).copy(in);
		assertEquals(0, in.available());
	}

	@Test
	void vectorLineFollowsTheCore() {
		// the core decides once (core.Simd: the module, and -Dparallellocate.vector=false); the tests run with the module
		assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), Relaunch.moduleInBootLayer());
		assertEquals(io.github.parallellocate.core.Simd.enabled(), Relaunch.vectorEnabled());
		assertEquals(Relaunch.vectorEnabled() ? "vector: on (jdk.incubator.vector)" : "vector: off", Relaunch.vectorLine());
	}

	@Test
	void versionSaysWhetherTheVectorPathRuns() {
		final CliRun v = CliRun.inProcess(List.of("--version"));
		assertEquals(0, v.exitCode());
		assertEquals(Relaunch.vectorLine(), v.stdoutText().split("\\R")[1]);
	}

	private static final String W = Relaunch.WARNING + "\n";

	@Test
	void filterDropsOnlyTheExactWarningLine() throws IOException {
		assertEquals("", filtered(W, 8192));
		assertEquals("a\nb\n", filtered("a\n" + W + "b\n", 8192));
		assertEquals("parallel-locate: error: x\n", filtered(W + "parallel-locate: error: x\n", 8192));
		assertEquals("x" + W, filtered("x" + W, 8192), "not at the start of a line");
		assertEquals("WARNING: Using incubator modules: jdk.incubator.vector, jdk.incubator.foreign\n",
			filtered("WARNING: Using incubator modules: jdk.incubator.vector, jdk.incubator.foreign\n", 8192), "another line");
		assertEquals("WARNING: something else\n", filtered("WARNING: something else\n", 8192));
		assertEquals("WARN", filtered("WARN", 8192), "a prefix at the end of the stream is written");
		assertEquals(Relaunch.WARNING, filtered(Relaunch.WARNING, 8192), "the line without its end is not the line");
		assertEquals("", filtered(Relaunch.WARNING + "\r\n", 8192), "Windows line end");
		assertEquals("\n\nz", filtered("\n" + W + "\n" + W + "z", 8192));
	}

	@Test
	void filterGivesTheSameBytesWhateverTheReads() throws IOException {
		final StringBuilder sb = new StringBuilder(W);
		for (int i = 0; i < 200; i++)
			sb.append("line ").append(i).append(i % 7 == 0 ? "\r" : "\n").append(i % 13 == 0 ? "WARNING: Using" : "").append(i % 17 == 0 ? W : "");
		final StringBuilder expected = new StringBuilder(); // line by line: whole lines equal to the warning dropped
		for (final String line : sb.toString().split("(?<=\n)"))
			if (!line.equals(W))
				expected.append(line);
		assertTrue(expected.length() < sb.length() - 10 * W.length(), "the warning dropped where it is a line");
		for (final int chunk : new int[] { 1, 2, 3, 7, 55, 56, 57, 4096 })
			assertEquals(expected.toString(), filtered(sb.toString(), chunk), "reads of " + chunk + " bytes");
	}

	/** Passed bytes are written after the read that brought them (progress lines need not wait for a line end). */
	@Test
	void filterWritesPromptly() {
		final Relaunch.WarningFilter f = new Relaunch.WarningFilter(new ByteArrayOutputStream());
		final byte[] pass = new byte[256];
		final byte[] progress = "\r12 of 50 frames".getBytes(StandardCharsets.US_ASCII);
		assertEquals(progress.length, f.filter(progress, progress.length, pass));
		final byte[] partial = "WARNING: Using incubator".getBytes(StandardCharsets.US_ASCII);
		final Relaunch.WarningFilter g = new Relaunch.WarningFilter(new ByteArrayOutputStream());
		assertEquals(0, g.filter(partial, partial.length, pass), "held while it may be the warning");
		final byte[] rest = " modulesX".getBytes(StandardCharsets.US_ASCII);
		final int m = g.filter(rest, rest.length, pass);
		assertArrayEquals("WARNING: Using incubator modulesX".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(pass, m));
	}

	/** The filter's output when the input arrives in reads of at most {@code chunk} bytes. */
	private static String filtered(final String text, final int chunk) throws IOException {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public synchronized int read(final byte[] b, final int off, final int len) {
				return super.read(b, off, Math.min(len, chunk));
			}
		};
		new Relaunch.WarningFilter(out).copy(in);
		return out.toString(StandardCharsets.UTF_8);
	}
}
