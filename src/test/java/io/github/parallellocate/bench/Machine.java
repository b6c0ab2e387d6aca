package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

	/**
	 * The speed-up the machine gives to {@code threads} threads on work that
	 * neither shares nor touches memory: a fixed amount of floating-point
	 * arithmetic (about 20 ms on one core), split evenly, timed against one
	 * thread, the thread counts interleaved over {@code rounds} rounds. On a
	 * shared or throttled host (a cloud VM's cores) this is below the thread
	 * count, and no program can beat it.
	 *
	 * @return the best-of and median-of speed-ups
	 */
	static double[] computeSpeedUp(final int threads, final int rounds) {
		final long work = 8_000_000;
		arithmetic(work); // compiled before timing
		arithmetic(work);
		final long[] one = new long[rounds], many = new long[rounds];
		for (int r = 0; r < rounds; r++) {
			one[r] = timeSplit(work, 1);
			many[r] = timeSplit(work, threads);
		}
		Arrays.sort(one);
		Arrays.sort(many);
		return new double[] { (double) one[0] / many[0], (double) one[rounds / 2] / many[rounds / 2] };
	}

	private static volatile double sink;

	private static long timeSplit(final long work, final int threads) {
		final Thread[] t = new Thread[threads];
		final long t0 = System.nanoTime();
		for (int i = 0; i < threads; i++) {
			t[i] = new Thread(() -> sink += arithmetic(work / threads));
			t[i].start();
		}
		for (final Thread x : t) {
			try {
				x.join();
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return Long.MAX_VALUE;
			}
		}
		return System.nanoTime() - t0;
	}

	/** Eight independent chains of multiply-adds: the core's arithmetic, nothing else. */
	private static double arithmetic(final long n) {
		double a = 1.1, b = 1.2, c = 1.3, d = 1.4, e = 1.5, f = 1.6, g = 1.7, h = 1.8;
		for (long i = 0; i < n; i++) {
			a = a * 0.999999 + 0.5;
			b = b * 0.999998 + 0.5;
			c = c * 0.999997 + 0.5;
			d = d * 0.999996 + 0.5;
			e = e * 0.999995 + 0.5;
			f = f * 0.999994 + 0.5;
			g = g * 0.999993 + 0.5;
			h = h * 0.999992 + 0.5;
		}
		return a + b + c + d + e + f + g + h;
	}
}
