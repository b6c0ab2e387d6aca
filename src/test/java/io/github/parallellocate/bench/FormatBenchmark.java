package io.github.parallellocate.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import io.github.parallellocate.io.csv.AsciiBuffer;
import io.github.parallellocate.io.csv.PythonFloat;


/**
 * Speed of {@link PythonFloat}, the CSV's number formatting (as Strings and
 * into an {@link AsciiBuffer}, as the CSV is written): ns per value for
 * values like those of the feature columns (coordinates and masses with 16-17
 * digits, integer raw masses, small ep values), warm JVM, one thread.
 * <pre>
 * java -cp target/test-classes:target/classes io.github.parallellocate.bench.FormatBenchmark [--rounds R]
 * </pre>
 */
public final class FormatBenchmark {

	private static final int VALUES = 1 << 20;

	private FormatBenchmark() {}

	public static void main(final String[] args) {
		int rounds = 15;
		for (int i = 0; i < args.length; i++)
			if (args[i].equals("--rounds"))
				rounds = Integer.parseInt(args[++i]);
		final double[] values = columnLikeValues(new SplittableRandom(1));
		long chars = 0;
		double best = Double.MAX_VALUE;
		for (int r = 0; r < rounds; r++) {
			final long t0 = System.nanoTime();
			for (final double v : values)
				chars += PythonFloat.repr(v).length();
			best = Math.min(best, (System.nanoTime() - t0) / (double) VALUES);
		}
		System.out.printf(Locale.ROOT, "PythonFloat.repr (a String each): %.1f ns/value (best of %d rounds of %d values; %d chars)%n", best,
			rounds, VALUES, chars / rounds);
		final AsciiBuffer buffer = new AsciiBuffer(VALUES * PythonFloat.MAX_LENGTH);
		best = Double.MAX_VALUE;
		for (int r = 0; r < rounds; r++) {
			buffer.setLength(0);
			final long t0 = System.nanoTime();
			for (final double v : values)
				buffer.appendRepr(v).append(',');
			best = Math.min(best, (System.nanoTime() - t0) / (double) VALUES);
		}
		System.out.printf(Locale.ROOT, "AsciiBuffer.appendRepr (into bytes): %.1f ns/value (%d chars)%n", best, buffer.length());
	}

	/** The mix of one CSV row: y, x, mass, size, ecc, signal, raw_mass, ep. */
	static double[] columnLikeValues(final SplittableRandom r) {
		final double[] v = new double[VALUES];
		for (int i = 0; i < VALUES; i++) {
			switch (i % 8) {
				case 0: v[i] = r.nextDouble() * 424; break;
				case 1: v[i] = r.nextDouble() * 640; break;
				case 2: v[i] = 20 + r.nextDouble() * 2000; break;
				case 3: v[i] = 2 + r.nextDouble(); break;
				case 4: v[i] = r.nextDouble() * 0.5; break;
				case 5: v[i] = r.nextDouble() * 40; break;
				case 6: v[i] = 8000 + r.nextInt(2000); break;
				default: v[i] = 0.05 + r.nextDouble() * 0.2;
			}
		}
		return v;
	}
}
