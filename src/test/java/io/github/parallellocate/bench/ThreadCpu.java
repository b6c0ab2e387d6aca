package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads by kind (the JIT compilers C1 and C2, the
 * garbage collector, the rest: our own threads), from Linux's
 * {@code /proc/self/task/*}; the JVM's own threads (compilers, GC) are not
 * visible to {@code ThreadMXBean}. Empty where there is no {@code /proc}.
 * Thread times are in clock ticks (10 ms), so the split is coarse.
 */
final class ThreadCpu {

	private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

	private ThreadCpu() {}

	/** CPU nanoseconds by kind of thread, of the threads alive now (a thread that ended is lost). */
	static Map<String, Long> byKind() {
		final Map<String, Long> kinds = new TreeMap<>();
		final Path tasks = Path.of("/proc/self/task");
		if (!Files.isDirectory(tasks))
			return kinds;
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
			for (final Path t : ds) {
				try {
					final String comm = Files.readString(t.resolve("comm")).trim();
					final String stat = Files.readString(t.resolve("stat"));
					final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					final long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
					kinds.merge(kind(comm), (long) (ticks * NANOS_PER_TICK), Long::sum);
				}
				catch (final IOException | RuntimeException e) {
					// the thread ended meanwhile
				}
			}
		}
		catch (final IOException e) {
			return new TreeMap<>();
		}
		return kinds;
	}

	static String kind(final String comm) {
		if (comm.startsWith("C2 Compiler"))
			return "C2 compiler";
		if (comm.startsWith("C1 Compiler"))
			return "C1 compiler";
		if (comm.startsWith("GC") || comm.startsWith("G1") || comm.contains("Conc") || comm.startsWith("VM Periodic"))
			return "GC and VM";
		if (comm.startsWith("VM Thread"))
			return "GC and VM";
		return "our threads";
	}

	/**
	 * after - before for the JVM's own threads (compilers, GC), and the rest
	 * of {@code processNanos} for our threads (whose workers may have ended:
	 * their time is only in the process's), as text ("C2 compiler 420 ms, ...").
	 */
	static String difference(final Map<String, Long> before, final Map<String, Long> after, final long processNanos) {
		final StringBuilder b = new StringBuilder();
		long jvm = 0;
		for (final Map.Entry<String, Long> e : after.entrySet()) {
			if (e.getKey().equals("our threads"))
				continue;
			final long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
			jvm += d;
			b.append(String.format(Locale.ROOT, "%s %.0f ms, ", e.getKey(), d / 1e6));
		}
		return b.append(String.format(Locale.ROOT, "our threads (the rest) %.0f ms", Math.max(0, processNanos - jvm) / 1e6)).toString();
	}
}
