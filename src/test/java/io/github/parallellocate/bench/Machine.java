package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;


/** What the figures were measured on: cores, CPU model, Java, and how loaded the machine is. */
final class Machine {

	private Machine() {}

	/** {@code 2 cores, Intel(R) Xeon(R) ..., Java 17.0.15 (OpenJDK 64-Bit Server VM), Linux amd64, load 0.52 0.40 0.35}. */
	static String describe() {
		return String.format(Locale.ROOT, "%d cores, %s, Java %s (%s), %s %s, load average %s",
			Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
			System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
	}

	/** The CPU model from /proc/cpuinfo, or "CPU model unknown". */
	static String cpuModel() {
		try {
			final List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			for (final String l : lines)
				if (l.startsWith("model name"))
					return l.substring(l.indexOf(':') + 1).trim();
		}
		catch (final IOException | RuntimeException e) {
			// not Linux
		}
		return "CPU model unknown";
	}

	/** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
	static String loadAverage() {
		try {
			final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (final IOException | RuntimeException e) {
			return "unknown";
		}
	}
}
