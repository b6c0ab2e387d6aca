package io.github.parallellocate.cli;


import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import io.github.parallellocate.core.Simd;

/**
 * The command line runs the band pass's Vector API path only in a JVM started
 * with {@code --add-modules jdk.incubator.vector}, which {@code java -jar}
 * cannot ask for (a jar's manifest has no {@code Add-Modules}). So a JVM
 * started without the module starts a second one, the worker, with the same
 * {@code java}, the same JVM options, the module added, the same class path,
 * main class and arguments, and an environment marker
 * ({@value #MARKER}, the parent's pid) so that the worker never relaunches.
 * <p>
 * The worker shares the parent's stdin and stdout (the CSV goes to stdout
 * byte for byte, not through the parent); its stderr goes through the
 * parent, which drops the JVM's line {@value #WARNING} and copies every other
 * byte at once. The parent exits with the worker's status; a parent that is
 * interrupted or terminated stops the worker (its own clean-up, status 130
 * or 143) and waits for it; a worker whose parent dies (even by
 * {@code kill -9}) stops itself within seconds.
 * </p>
 * <p>
 * No relaunch when the module is already there, when
 * {@code -Dparallellocate.vector=false} (the vector path is off anyway), when
 * {@code -Dparallellocate.relaunch=false}, in the worker itself, when the
 * runtime has no such module (a trimmed image), under a debugger (its port is
 * the parent's), with {@code --limit-modules}, or when the worker cannot be started: the command then runs
 * in this JVM on the scalar path, which gives the same results.
 * </p>
 */
final class Relaunch {

	static final String MODULE = "jdk.incubator.vector";
	/** The environment variable set for the worker: the parent's pid. */
	static final String MARKER = "PARALLEL_LOCATE_RELAUNCHED";
	/** The line the JVM prints on stderr when an incubator module is resolved. */
	static final String WARNING = "WARNING: Using incubator modules: " + MODULE;
	static final String VECTOR_PROPERTY = "parallellocate.vector";
	static final String RELAUNCH_PROPERTY = "parallellocate.relaunch";
	/** Environment variables whose options the JVM already lists among its input arguments (passed on explicitly). */
	static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

	/** How long an interrupted parent waits for the worker's own clean-up before killing it. */
	private static final long WORKER_GRACE_SECONDS = 20;

	private Relaunch() {}

	/** Whether the vector path runs in this JVM ({@link Simd#enabled()}). */
	static boolean vectorEnabled() {
		return Simd.enabled();
	}

	/** The version output's line about the vector path. */
	static String vectorLine() {
		return vectorEnabled() ? "vector: on (" + MODULE + ")" : "vector: off";
	}

	/**
	 * Runs the command in a worker JVM with the module when this one should
	 * (see the class comment), and returns its exit status; or returns -1:
	 * run the command in this JVM.
	 */
	static int runInWorkerIfNeeded(final String[] args) {
		final String marker = System.getenv(MARKER);
		if (marker != null) {
			watchParent(marker);
			return -1;
		}
		if (!wanted(moduleInBootLayer(), System::getProperty) || !moduleInRuntime())
			return -1;
		final List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
		if (keepsOneJvm(jvmOptions))
			return -1;
		final List<String> command = command(javaExecutable(), jvmOptions, System.getProperty("java.class.path"), Main.class.getName(), args);
		final ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
			.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.PIPE);
		environment(pb.environment(), ProcessHandle.current().pid());
		final Process worker;
		try {
			worker = pb.start();
		}
		catch (final IOException | RuntimeException e) {
			return -1; // run here, on the scalar path
		}
		return relay(worker);
	}

	/**
	 * Whether to relaunch, from the facts and the system properties: the
	 * module absent, neither the vector path nor the relaunch switched off.
	 */
	static boolean wanted(final boolean moduleInBootLayer, final UnaryOperator<String> properties) {
		return !moduleInBootLayer && !"false".equals(properties.apply(VECTOR_PROPERTY))
			&& !"false".equals(properties.apply(RELAUNCH_PROPERTY));
	}

	/**
	 * The worker's command line: {@code java}, this JVM's options, the module
	 * and {@link Simd#JVM_OPTIONS}, the class path, the main class and the
	 * arguments.
	 */
	static List<String> command(final String java, final List<String> jvmOptions, final String classPath, final String mainClass,
			final String[] args) {
		final List<String> cmd = new ArrayList<>(jvmOptions.size() + args.length + 6);
		cmd.add(java);
		cmd.addAll(jvmOptions);
		cmd.add("--add-modules");
		cmd.add(MODULE);
		cmd.addAll(Simd.JVM_OPTIONS);
		cmd.add("-cp");
		cmd.add(classPath);
		cmd.add(mainClass);
		cmd.addAll(Arrays.asList(args));
		return cmd;
	}

	/**
	 * The worker's environment (a copy of this one): the marker set, and the
	 * variables that hold JVM options removed, since the input arguments
	 * passed on already contain their options (else they would count twice
	 * and the JVM would announce them twice on stderr).
	 */
	static void environment(final Map<String, String> env, final long parentPid) {
		env.keySet().removeAll(OPTION_VARIABLES);
		env.put(MARKER, Long.toString(parentPid));
	}

	/**
	 * JVM options that rule a worker out: a JDWP agent (it listens on a port
	 * the worker could not bind, and the user debugs this JVM) or
	 * {@code --limit-modules} (which may leave the module out).
	 */
	static boolean keepsOneJvm(final List<String> jvmOptions) {
		for (final String o : jvmOptions)
			if (o.startsWith("-agentlib:jdwp") || o.startsWith("-Xrunjdwp") || o.equals("-Xdebug") || o.startsWith("--limit-modules"))
				return true;
		return false;
	}

	/** The {@code java} launcher of this runtime. */
	static String javaExecutable() {
		final Path java = Paths.get(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
		if (Files.isExecutable(java))
			return java.toString();
		return ProcessHandle.current().info().command().orElse(java.toString());
	}

	private static boolean isWindows() {
		return System.getProperty("os.name", "").startsWith("Windows");
	}

	/** The module is resolved in this JVM (a loop over the boot layer: findModule's stream of parent layers costs ~8 ms cold). */
	static boolean moduleInBootLayer() {
		for (final Module m : ModuleLayer.boot().modules())
			if (MODULE.equals(m.getName()))
				return true;
		return false;
	}

	/** The runtime image has the module (a jlink image may not). */
	private static boolean moduleInRuntime() {
		return ModuleFinder.ofSystem().find(MODULE).isPresent();
	}

	/**
	 * Copies the worker's stderr to ours, without the incubator warning, until
	 * it ends; returns the worker's exit status (128 + signal if a signal
	 * ended it). A shutdown hook (Ctrl-C, kill) stops the worker, lets it clean
	 * up, and waits for the last of its stderr.
	 */
	private static int relay(final Process worker) {
		final CountDownLatch drained = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(worker, drained), "parallel-locate-worker-stop"));
		try (InputStream err = worker.getErrorStream()) {
			new WarningFilter(new FileOutputStream(FileDescriptor.err)).copy(err);
		}
		catch (final IOException e) {
			// our stderr is gone: the worker goes on, its status still counts
		}
		finally {
			drained.countDown();
		}
		while (true) {
			try {
				return worker.waitFor();
			}
			catch (final InterruptedException e) {
				// keep waiting: the worker decides the status
			}
		}
	}

	private static void stop(final Process worker, final CountDownLatch drained) {
		if (worker.isAlive()) {
			worker.destroy(); // SIGTERM: the worker's own hook discards its unfinished outputs
			try {
				if (!worker.waitFor(WORKER_GRACE_SECONDS, TimeUnit.SECONDS))
					worker.destroyForcibly();
			}
			catch (final InterruptedException e) {
				worker.destroyForcibly();
			}
		}
		try {
			drained.await(2, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** In the worker: exit (running the shutdown hooks, which discard unfinished outputs) if the parent dies. */
	private static void watchParent(final String marker) {
		final long pid;
		try {
			pid = Long.parseLong(marker.trim());
		}
		catch (final NumberFormatException e) {
			return;
		}
		final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
		if (parent == null || parent.pid() != pid)
			return; // not started by a parallel-locate parent (or it is already gone and we were adopted)
		parent.onExit().thenRun(() -> System.exit(io.github.parallellocate.io.ExitCodes.INTERRUPTED));
	}

	/**
	 * Copies bytes from the worker's stderr as they come, except a line that
	 * is exactly {@link Relaunch#WARNING}: bytes at the start of a line that
	 * could still be that line are held until they cannot (or the line is
	 * complete and dropped, or the stream ends).
	 */
	static final class WarningFilter {

		private static final byte[] LINE = (WARNING + "\n").getBytes(StandardCharsets.US_ASCII);

		private final OutputStream out;
		/** Bytes of LINE matched at the start of the current line (held back). */
		private int held;
		/** Within a line that is not the warning: pass everything up to its end. */
		private boolean passing;

		WarningFilter(final OutputStream out) {
			this.out = out;
		}

		/**
		 * Copies until the end of {@code in}, writing (and flushing) after
		 * each read. If {@code out} fails (our stderr closed), the rest is
		 * read and dropped, so that the worker never blocks on a full pipe.
		 */
		void copy(final InputStream in) throws IOException {
			final byte[] buf = new byte[8192];
			final byte[] pass = new byte[buf.length + LINE.length];
			boolean writing = true;
			int n;
			while ((n = in.read(buf)) >= 0) {
				final int m = filter(buf, n, pass);
				if (m > 0 && writing)
					writing = write(pass, m);
			}
			if (held > 0 && writing) // the stream ended within what looked like the warning
				write(LINE, held);
			held = 0;
		}

		private boolean write(final byte[] b, final int n) {
			try {
				out.write(b, 0, n);
				out.flush();
				return true;
			}
			catch (final IOException e) {
				return false;
			}
		}

		/** Filters {@code n} bytes of {@code in} into {@code pass}; returns how many to write. */
		int filter(final byte[] in, final int n, final byte[] pass) {
			int m = 0;
			for (int i = 0; i < n; i++) {
				final byte b = in[i];
				if (!passing) {
					if (b == LINE[held]) {
						if (++held == LINE.length)
							held = 0; // the whole warning line: dropped
						continue;
					}
					if (LINE[held] == '\n' && b == '\r' && i + 1 < n && in[i + 1] == '\n') {
						held = 0; // the warning ending in \r\n (Windows)
						i++;
						continue;
					}
					System.arraycopy(LINE, 0, pass, m, held);
					m += held;
					held = 0;
					passing = true;
				}
				pass[m++] = b;
				if (b == '\n')
					passing = false;
			}
			return m;
		}
	}
}
