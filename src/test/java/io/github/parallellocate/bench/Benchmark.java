package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.parallellocate.core.Feature;
import io.github.parallellocate.core.Image;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Simd;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Warmup;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.core.StageTimes;
import io.github.parallellocate.core.Volume;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.FileFrameSource;
import io.github.parallellocate.parallel.ArrayPlaneSource;
import io.github.parallellocate.parallel.FrameFailedException;
import io.github.parallellocate.parallel.LocateEngine;
import io.github.parallellocate.parallel.PlaneReader;
import io.github.parallellocate.parallel.PlaneSource;
import io.github.parallellocate.parallel.RunSummary;


/**
 * The speed benchmark (issue 15): {@code locate} over any input with any
 * options, warm JVM, in process.
 * <pre>
 * scripts/benchmark.sh INPUT... [LOCATE OPTIONS] [--threads 1,2] [--rounds 10] [--warmup 3] [--frames N] [--channel C] [--first-run [--dialog S]]
 * scripts/benchmark.sh --case u16-2048 [same options, which override the case's]
 * scripts/benchmark.sh --generate [CASE...]
 * </pre>
 * The locate options are the command line's (the names of
 * {@link LocateParameter#option()}, values in its grammar: {@code --diameter 9},
 * {@code --diameter 5,9,9}, {@code --invert}, {@code --no-characterize}),
 * parsed by the parameter specification itself.
 * <p>
 * The frames are read once through the project's reader
 * ({@link FileFrameSource}) and kept in memory, so the compute figures are
 * the locate engine's alone; reading is timed separately (from the page
 * cache, best of the rounds). For every thread count the benchmark warms
 * the JIT (at least {@code --warmup} seconds over all thread counts), then
 * times {@code --rounds} runs over all frames, the thread counts' rounds
 * interleaved, and prints the best and the median ms/frame, the speed-ups
 * over one thread (best against best, median against median), the
 * per-stage breakdown of the fastest run ({@link StageTimes}: each frame's
 * stage wall times, summed over the frames located at once) and the CPU time of the worker threads (on a loaded
 * machine, wall time above it is time spent waiting for a core); then the
 * machine's own ceiling for the thread counts ({@link
 * Machine#computeSpeedUp}). With fewer frames than threads (one frame or
 * volume, split inside), the rounds also time as many copies of the frames
 * as threads, each whole on one thread ({@code COPIES} lines): what the
 * threads give the same work on this machine, memory and caches included,
 * without splitting a frame. It checks that every thread count gives the
 * same features.
 * </p>
 * <p>
 * {@code --first-run} first times one run in the fresh JVM, as a user's
 * first click does (opening the input, reading from the file, all the
 * requested threads), before any warm-up, and compares it with the same run
 * warm. With {@code --dialog SECONDS} it models a Fiji user's click
 * instead: the plugin's dialog is open for that long, warming the locator in
 * the background ({@link Warmup}), before the timed run
 * ({@link PluginFirstClick} times the real plugin's click under Xvfb,
 * results table and overlay included). {@code --warmup-alongside} runs the
 * warm-up during the first run instead, as the command line could (an
 * experiment: it costs CPU and gains nothing). The first run's CPU time is
 * also given by JVM thread ({@link ThreadCpu}: the JIT compilers' share).
 * </p>
 * A line per thread count starting with {@code RESULT} (tab-separated: case
 * or input, threads, best, median ms/frame, features, best CPU ms/frame) is
 * for scripts, as is one starting with {@code COPIES} (case or input,
 * threads, best, median ms/frame, speed-ups best and median, best CPU
 * ms/frame).
 * Exit status: 0 done, 2 bad arguments or input, 3 not supported by this
 * build (a 3D volume before the N-d core), 4 thread counts disagree.
 */
public final class Benchmark {

	private static final Map<String, LocateParameter> OPTIONS = new LinkedHashMap<>();
	static {
		for (final LocateParameter p : LocateParameter.values())
			OPTIONS.put(p.option(), p);
	}

	/** The benchmark's settings, from the command line. */
	static final class Settings {
		final List<String> inputs = new ArrayList<>();
		final Map<LocateParameter, String> locate = new EnumMap<>(LocateParameter.class);
		BenchCase benchCase;
		int[] threads;
		int rounds = 10;
		double warmupSeconds = 3;
		int frames = -1;
		Channel channel = Channel.NONE;
		Path dataDir = Path.of(System.getProperty("bench.data", "target/bench-data"));
		boolean firstRun;
		/** Seconds in the plugin's dialog before OK, warming in the background ({@code --dialog}); 0: the plain first run. */
		double dialogSeconds;
		/** A warm-up alongside the first run, as the command line could start one ({@code --warmup-alongside}). */
		boolean alongside;
		boolean generate;
		boolean help;
		int slices;
		List<String> generateCases = new ArrayList<>();

		/** What the output calls the input. */
		String label() {
			return benchCase != null ? benchCase.id() : inputs.stream().map(s -> Path.of(s).getFileName().toString()).collect(Collectors.joining("+"));
		}
	}

	/** A bad argument: one line, exit status 2. */
	static final class UsageException extends Exception {
		private static final long serialVersionUID = 1L;

		UsageException(final String message) {
			super(message);
		}
	}

	private Benchmark() {}

	public static void main(final String[] args) {
		try {
			System.exit(run(parse(args)));
		}
		catch (final UsageException | IllegalArgumentException | IOException e) {
			System.err.println("benchmark: error: " + e.getMessage());
			System.exit(2);
		}
		catch (final FrameFailedException e) {
			System.err.println("benchmark: error: " + e.getMessage());
			System.exit(2);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			System.exit(130);
		}
	}

	static Settings parse(final String[] args) throws UsageException {
		final Settings s = new Settings();
		final Map<LocateParameter, String> given = new EnumMap<>(LocateParameter.class);
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			String inline = null;
			if (a.startsWith("--") && a.contains("=")) {
				inline = a.substring(a.indexOf('=') + 1);
				a = a.substring(0, a.indexOf('='));
			}
			final LocateParameter p = OPTIONS.get(a);
			if (p != null) {
				if (p.type() == LocateParameter.Type.FLAG) {
					// --invert turns a flag on, --no-preprocess turns one off; "=false" says the opposite
					final boolean on = !a.startsWith("--no-");
					final boolean value = inline == null || (Boolean) p.parse(inline);
					given.put(p, String.valueOf(on == value));
				}
				else
					given.put(p, inline != null ? inline : value(args, ++i, a));
				continue;
			}
			switch (a) {
				case "--case": s.benchCase = caseFor(inline != null ? inline : value(args, ++i, a)); break;
				case "--threads": s.threads = threads(inline != null ? inline : value(args, ++i, a)); break;
				case "--rounds": s.rounds = positive(a, inline != null ? inline : value(args, ++i, a)); break;
				case "--warmup": s.warmupSeconds = number(a, inline != null ? inline : value(args, ++i, a)); break;
				case "--frames": s.frames = positive(a, inline != null ? inline : value(args, ++i, a)); break;
				case "--channel": s.channel = Channel.parse(inline != null ? inline : value(args, ++i, a)); break;
				case "--slices": s.slices = positive(a, inline != null ? inline : value(args, ++i, a)); break;
				case "--data-dir": s.dataDir = Path.of(inline != null ? inline : value(args, ++i, a)); break;
				case "--first-run": s.firstRun = true; break;
				case "--warmup-alongside": s.alongside = true; s.firstRun = true; break;
				case "--dialog": s.dialogSeconds = number(a, inline != null ? inline : value(args, ++i, a)); s.firstRun = true; break;
				case "--generate": s.generate = true; break;
				case "-h": case "--help": s.help = true; return s;
				default:
					if (a.startsWith("-"))
						throw new UsageException("unknown option " + a + " (locate options: " + String.join(" ", OPTIONS.keySet()) + ")");
					if (s.generate)
						s.generateCases.add(a);
					else
						s.inputs.add(a);
			}
		}
		if (s.generate)
			return s;
		if (s.benchCase != null) {
			if (!s.inputs.isEmpty())
				throw new UsageException("give either --case or input files, not both");
			// the case's options, then those given (which win)
			final List<String> o = s.benchCase.options();
			for (int i = 0; i < o.size(); i++) {
				final LocateParameter p = OPTIONS.get(o.get(i));
				s.locate.put(p, p.type() == LocateParameter.Type.FLAG ? String.valueOf(!o.get(i).startsWith("--no-")) : o.get(++i));
			}
		}
		else if (s.inputs.isEmpty())
			throw new UsageException("no input: give image files or --case NAME (" + BenchCase.ids() + ")\n" + usage());
		s.locate.putAll(given);
		if (!s.locate.containsKey(LocateParameter.DIAMETER))
			throw new UsageException(LocateParameter.DIAMETER.option() + " is required (" + LocateParameter.DIAMETER.help() + ")");
		if (s.threads == null) {
			final int n = Runtime.getRuntime().availableProcessors();
			s.threads = n == 1 ? new int[] { 1 } : new int[] { 1, n };
		}
		return s;
	}

	static String usage() {
		return "usage: scripts/benchmark.sh INPUT... | --case NAME  [locate options] [--threads 1,2] [--rounds 10] [--warmup 3]"
			+ " [--frames N] [--slices N] [--channel C] [--first-run [--dialog SECONDS]]\n       scripts/benchmark.sh --generate [CASE...]\ncases: " + BenchCase.ids();
	}

	/** The parameters from the settings' text, through the specification. */
	static LocateParameters parameters(final Settings s) {
		final PerAxis diameter = (PerAxis) LocateParameter.DIAMETER.parse(s.locate.get(LocateParameter.DIAMETER));
		final LocateParameters.Builder b = LocateParameters.builder(diameter);
		for (final Map.Entry<LocateParameter, String> e : s.locate.entrySet())
			b.set(e.getKey(), e.getValue());
		return b.build();
	}

	static int run(final Settings s) throws IOException, InterruptedException, FrameFailedException, UsageException {
		if (s.help) {
			System.out.println(usage());
			return 0;
		}
		if (s.generate)
			return generate(s);
		final LocateParameters params = parameters(s);
		final List<String> inputs = new ArrayList<>(s.inputs);
		if (s.benchCase != null) {
			final long g0 = System.nanoTime();
			final boolean existed = s.benchCase.spec() == null || Files.isRegularFile(s.dataDir.resolve(s.benchCase.fileName()));
			inputs.add(s.benchCase.input(s.dataDir).toString());
			if (!existed)
				System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", inputs.get(0), (System.nanoTime() - g0) / 1e9);
		}
		final int maxThreads = Arrays.stream(s.threads).max().getAsInt();

		// volumes: every `slices` consecutive planes of the input (a z-stack per time point, as ImageJ stores a hyperstack)
		final int slices = s.slices > 0 ? s.slices : s.benchCase != null && s.benchCase.is3d() ? s.benchCase.spec().depth() : 1;
		if (slices > 1 && s.firstRun)
			throw new UsageException("--first-run times planes read from the file: not with volumes");

		// The first click: before anything else has warmed the JIT.
		double firstMs = Double.NaN;
		RunSummary first = null;
		long[] delivered = null;
		long firstStart = 0, firstOpened = 0, firstCpu = 0;
		if (s.firstRun && s.dialogSeconds > 0)
			dialog(s, params, inputs);
		Map<String, Long> threadsBefore = null, threadsAfter = null;
		if (s.firstRun) {
			final PixelType type = s.alongside ? planeZero(FileFrameSource.open(inputs, s.channel)).type() : null;
			threadsBefore = ThreadCpu.byKind();
			firstCpu = processCpuNanos();
			firstStart = System.nanoTime();
			final Warmup alongside = s.alongside ? Warmup.start(new Warmup.Job(params, type, 2), Warmup.DEFAULT_MAX_MILLIS) : null;
			final FileFrameSource src = FileFrameSource.open(inputs, s.channel);
			firstOpened = System.nanoTime();
			final PlaneSource limited = limit(src, s.frames);
			final long[] times = new long[limited.size()];
			// as the plugin and the command line run: no stage timing
			first = new LocateEngine(params).threads(maxThreads).run(limited, (f, l) -> times[f] = System.nanoTime());
			if (alongside != null)
				alongside.cancel();
			delivered = times;
			firstMs = (System.nanoTime() - firstStart) / 1e6 / first.located();
			firstCpu = processCpuNanos() - firstCpu;
			threadsAfter = ThreadCpu.byKind();
		}

		final FileFrameSource source = FileFrameSource.open(inputs, s.channel);
		if (source.size() % slices != 0)
			throw new UsageException(source.size() + " planes are not volumes of " + slices + " slices");
		final int available = source.size() / slices;
		final int n = s.frames > 0 ? Math.min(s.frames, available) : available;
		header(s, params, source, n, slices);

		// I/O, timed apart: read every frame through one reader, copying the pixels (a reader may reuse its buffers)
		final List<Plane> planes = new ArrayList<>(n * slices);
		final long[] io = new long[Math.max(3, Math.min(s.rounds, 10))];
		for (int r = 0; r < io.length; r++) {
			final long t0 = System.nanoTime();
			try (PlaneReader reader = source.newReader()) {
				for (int i = 0; i < n * slices; i++) {
					final Plane p = copy(reader.read(i).asPlane());
					if (r == 0)
						planes.add(p);
				}
			}
			io[r] = System.nanoTime() - t0;
		}
		final List<Image> frames = new ArrayList<>(n);
		for (int f = 0; f < n; f++)
			frames.add(slices == 1 ? planes.get(f) : Volume.ofPlanes(planes.subList(f * slices, (f + 1) * slices)));
		final ArrayPlaneSource memory = new ArrayPlaneSource(frames);
		// fewer frames than threads (a single frame or volume, split inside): the same work as copies, one a thread, each
		// frame whole on one thread (no split, nothing shared), timed in the same rounds: what two threads can give this
		// work on this machine at that moment (memory, caches and the host included, unlike the pure arithmetic below)
		// (only against one thread's run: without it there is no speed-up to print)
		final int counts = s.threads.length;
		final boolean oneThread = Arrays.stream(s.threads).anyMatch(t -> t == 1);
		final ArrayPlaneSource[] copies = new ArrayPlaneSource[counts];
		for (int k = 0; k < counts; k++)
			if (oneThread && s.threads[k] > n)
				copies[k] = copies(planes, n, slices, s.threads[k]);

		// warm-up: every thread count, at least twice, for at least the warm-up time
		final long warmEnd = System.nanoTime() + (long) (s.warmupSeconds * 1e9);
		int warmRuns = 0;
		final long w0 = System.nanoTime();
		do {
			warm(params, s.threads, memory, copies);
			warmRuns++;
		} while (warmRuns < 2 || System.nanoTime() < warmEnd);
		// the vector kernels are used once compiled (core.Simd): a warm run is one that uses them
		final boolean vectorReady = Simd.awaitReady(30_000);
		if (vectorReady) {
			// the warm-up again with them: the code compiled for the scalar kernels is recompiled (HotSpot 17 needs
			// some runs after the switch)
			final long end = System.nanoTime() + (long) (s.warmupSeconds * 1e9);
			int again = 0;
			do {
				warm(params, s.threads, memory, copies);
				again++;
			} while (again < 2 || System.nanoTime() < end);
		}
		System.out.printf(Locale.ROOT, "warm-up: %d runs per thread count, %.1f s%s%n", warmRuns, (System.nanoTime() - w0) / 1e9,
			vectorReady ? ", vector kernels compiled" : "");
		System.out.printf(Locale.ROOT, "I/O (reading and copying the frames from the page cache, one thread): best %.3f, median %.3f ms/frame%n",
			min(io) / 1e6 / n, median(io) / 1e6 / n);

		// the thread counts' rounds interleaved (round r of every count, then round r + 1), so that a change in the
		// machine's speed during the measurement (a shared host's) weighs on every count alike
		final long[][] nanos = new long[counts][s.rounds], cpu = new long[counts][s.rounds], copyNanos = new long[counts][s.rounds],
			copyCpu = new long[counts][s.rounds];
		final StageTimes[] stages = new StageTimes[counts]; // of the fastest run: the one least disturbed by other work
		final long[] features = new long[counts];
		final CpuTimedThreads[] workers = new CpuTimedThreads[counts];
		final CpuTimedThreads[] copyWorkers = new CpuTimedThreads[counts];
		for (int k = 0; k < counts; k++) {
			workers[k] = new CpuTimedThreads();
			copyWorkers[k] = new CpuTimedThreads();
		}
		for (int r = 0; r < s.rounds; r++)
			for (int k = 0; k < counts; k++) {
				final long c0 = workers[k].nanos();
				final RunSummary sum = engine(params, s.threads[k]).threadFactory(workers[k]).run(memory, (f, l) -> {});
				cpu[k][r] = workers[k].nanos() - c0;
				nanos[k][r] = sum.nanos();
				if (nanos[k][r] == min(Arrays.copyOf(nanos[k], r + 1)))
					stages[k] = sum.stageTimes();
				features[k] = sum.features();
				if (copies[k] != null) {
					final long d0 = copyWorkers[k].nanos();
					copyNanos[k][r] = engine(params, s.threads[k]).threadFactory(copyWorkers[k]).run(copies[k], (f, l) -> {}).nanos();
					copyCpu[k][r] = copyWorkers[k].nanos() - d0;
				}
			}
		double oneBest = Double.NaN, oneMedian = Double.NaN;
		for (int k = 0; k < counts; k++) {
			final int t = s.threads[k];
			final double best = min(nanos[k]) / 1e6 / n, med = median(nanos[k]) / 1e6 / n;
			if (t == 1) {
				oneBest = best;
				oneMedian = med;
			}
			System.out.printf(Locale.ROOT, "threads %d: best %.3f ms/frame, median %.3f ms/frame (%.1f frames/s)%s, %d features%n", t, best, med,
				1000 / med, t == 1 || Double.isNaN(oneBest) ? ""
					: String.format(Locale.ROOT, ", speed-up %.2fx best, %.2fx median", oneBest / best, oneMedian / med),
				features[k]);
			printStages(stages[k], best, t, (int) Math.min(t, n), min(cpu[k]) / 1e6 / n);
			System.out.printf(Locale.ROOT, "  CPU time of the worker threads: best %.3f, median %.3f ms/frame%s%n", min(cpu[k]) / 1e6 / n,
				median(cpu[k]) / 1e6 / n, t == 1 ? " (wall time above it = waiting for a core)" : "");
			System.out.printf(Locale.ROOT, "RESULT\t%s\t%d\t%.3f\t%.3f\t%d\t%.3f%n", s.label(), t, best, med, features[k], min(cpu[k]) / 1e6 / n);
		}
		for (int k = 0; k < counts; k++) {
			if (copies[k] == null)
				continue;
			final int t = s.threads[k], m = copies[k].size();
			final double best = min(copyNanos[k]) / 1e6 / m, med = median(copyNanos[k]) / 1e6 / m;
			final String unit = slices > 1 ? "volume" : "frame";
			System.out.printf(Locale.ROOT, "copies: %d copies of the %s at once, each whole on one of %d threads: best %.3f, median %.3f ms/%s,"
				+ " %.2fx best, %.2fx median faster than 1 thread (what %d threads give this work here, without splitting a %s)%n", t,
				n == 1 ? unit : n + " " + unit + "s", t, best, med, unit, oneBest / best, oneMedian / med, t, unit);
			System.out.printf(Locale.ROOT, "  CPU time of the copies' worker threads: best %.3f, median %.3f ms/%s%n", min(copyCpu[k]) / 1e6 / m,
				median(copyCpu[k]) / 1e6 / m, unit);
			System.out.printf(Locale.ROOT, "COPIES\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n", s.label(), t, best, med, oneBest / best, oneMedian / med,
				min(copyCpu[k]) / 1e6 / m);
		}
		if (counts > 1 && s.threads[0] == 1) {
			// what the machine itself gives: the same arithmetic split over the threads, no memory traffic, no sharing
			for (int k = 1; k < counts; k++) {
				final double[] c = Machine.computeSpeedUp(s.threads[k], Math.max(10, s.rounds));
				System.out.printf(Locale.ROOT, "machine: pure arithmetic on %d threads runs %.2fx best, %.2fx median faster than on 1 (the ceiling here)%n",
					s.threads[k], c[0], c[1]);
				System.out.printf(Locale.ROOT, "CEILING\t%d\t%.3f\t%.3f%n", s.threads[k], c[0], c[1]);
			}
		}
		if (s.firstRun) {
			final long[] warm = new long[s.rounds];
			final long[] warmCpu = new long[s.rounds];
			for (int r = 0; r < s.rounds; r++) {
				final long c0 = processCpuNanos();
				final long t0 = System.nanoTime();
				final FileFrameSource src = FileFrameSource.open(inputs, s.channel);
				new LocateEngine(params).threads(maxThreads).run(limit(src, s.frames), (f, l) -> {});
				warm[r] = System.nanoTime() - t0;
				warmCpu[r] = processCpuNanos() - c0;
			}
			final double warmMs = median(warm) / 1e6 / first.located();
			System.out.printf(Locale.ROOT, "first run in a fresh JVM (open + read from file + locate, %d threads): %.2f ms/frame"
				+ " = %.0f ms for %d frames; warm, the same: median %.2f ms/frame; first/warm = %.2f%n", maxThreads, firstMs,
				firstMs * first.located(), first.located(), warmMs, firstMs / warmMs);
			System.out.printf(Locale.ROOT, "  CPU time of the process (JIT compilers included): first run %.0f ms, warm median %.0f ms%n",
				firstCpu / 1e6, median(warmCpu) / 1e6);
			if (!threadsAfter.isEmpty())
				System.out.println("  first run's CPU by JVM thread: " + ThreadCpu.difference(threadsBefore, threadsAfter, firstCpu));
			// the warm-up curve of the first run: when the frames came out
			final int m = delivered.length;
			System.out.printf(Locale.ROOT, "  first run: opening the input %.0f ms, frame 1 delivered after %.0f ms%s%s%n",
				(firstOpened - firstStart) / 1e6, (delivered[0] - firstOpened) / 1e6,
				m > 1 ? String.format(Locale.ROOT, ", frames 2-%d %.1f ms/frame", Math.min(10, m),
					(delivered[Math.min(9, m - 1)] - delivered[0]) / 1e6 / Math.min(9, m - 1)) : "",
				m > 10 ? String.format(Locale.ROOT, ", frames 11-%d %.1f ms/frame", m, (delivered[m - 1] - delivered[9]) / 1e6 / (m - 10)) : "");
			System.out.printf(Locale.ROOT, "RESULT-FIRST\t%s\t%d\t%.3f\t%.3f\t%.2f%n", s.label(), maxThreads, firstMs, warmMs, firstMs / warmMs);
		}
		final boolean same = sameFeatures(params, memory, s.threads);
		System.out.println("load average at the end: " + Machine.loadAverage());
		return same ? 0 : 4;
	}

	/**
	 * The Fiji click: the plugin's dialog is open for {@code --dialog}
	 * seconds, warming the locator in the background ({@link Warmup}, as
	 * {@code Locate_Features} does) with the run's parameters and the
	 * image's pixel type (known to ImageJ, which has the image open: here
	 * from the file's first page, not timed); then OK cancels the warm-up,
	 * without waiting for it, and the timed run starts.
	 */
	private static void dialog(final Settings s, final LocateParameters params, final List<String> inputs)
			throws IOException, InterruptedException {
		final PixelType type;
		final FileFrameSource peek = FileFrameSource.open(inputs, s.channel);
		type = planeZero(peek).type();
		final long c0 = processCpuNanos();
		final long t0 = System.nanoTime();
		final Warmup w = Warmup.start(new Warmup.Job(params, type, 2), Warmup.DEFAULT_MAX_MILLIS);
		Thread.sleep((long) (s.dialogSeconds * 1000));
		w.cancel();
		System.out.printf(Locale.ROOT, "dialog: %.1f s, warming in the background: %d synthetic images, %s, CPU of the process %.0f ms%n",
			(System.nanoTime() - t0) / 1e9, w.images(), !w.isDone() ? "cancelled by OK" : w.failure() != null ? "failed: " + w.failure()
				: w.reachedSteadyState() ? "stopped by itself (steady)" : "stopped by itself (time up)", (processCpuNanos() - c0) / 1e6);
		if (w.failure() != null)
			w.failure().printStackTrace();
	}

	private static void header(final Settings s, final LocateParameters params, final FileFrameSource source, final int n, final int slices) {
		final Plane p0 = planeZero(source);
		System.out.printf(Locale.ROOT, "Parallel Locate benchmark: %s (%s), %d of %d %s %dx%d%s %s%n", s.label(),
			s.inputs.isEmpty() ? s.benchCase.description() : String.join(" ", s.inputs), n, source.size() / slices, slices > 1 ? "volumes" : "frames",
			p0.width(), p0.height(), slices > 1 ? "x" + slices : "", p0.type());
		System.out.println("locate options: " + options(params));
		System.out.println("machine: " + Machine.describe());
		System.out.println(Simd.describe());
		System.out.printf(Locale.ROOT, "rounds: %d timed runs per thread count after warm-up; frames in memory%n", s.rounds);
	}

	private static Plane planeZero(final FileFrameSource source) {
		try (PlaneReader r = source.newReader()) {
			return r.read(0).asPlane();
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(source.describe(0) + ": " + e.getMessage());
		}
	}

	/** The parameters as command-line options (non-default values only). */
	static String options(final LocateParameters params) {
		final StringBuilder b = new StringBuilder();
		for (final Map.Entry<String, String> e : params.asText().entrySet()) {
			final LocateParameter p = LocateParameter.forKey(e.getKey());
			if (b.length() > 0)
				b.append(' ');
			if (p.type() == LocateParameter.Type.FLAG)
				b.append(Boolean.parseBoolean(e.getValue()) == !p.option().startsWith("--no-") ? p.option() : p.option() + "=" + e.getValue());
			else
				b.append(p.option()).append(' ').append(e.getValue());
		}
		return b.toString();
	}

	/**
	 * The stage line. The stages are wall times of each frame's locate, summed over the engine's workers (frames at
	 * once, {@code min(threads, frames)}); with fewer workers than threads each frame's stages ran on
	 * {@code threads / workers} threads, its worker and helpers, and are that frame's wall time.
	 */
	private static void printStages(final StageTimes st, final double wallMs, final int threads, final int workers, final double cpuMs) {
		final double f = st.frames();
		double sum = 0;
		final StringBuilder b = new StringBuilder("  stages of the fastest run (ms/frame");
		if (workers > 1)
			b.append(", summed over the ").append(workers).append(" frames at once");
		if (threads / workers > 1)
			b.append(", each frame on ").append(threads / workers).append(" threads");
		b.append("):");
		for (final StageTimes.Stage stage : StageTimes.Stage.values()) {
			if (stage == StageTimes.Stage.IO)
				continue; // frames are in memory: timed apart above
			final double ms = st.nanos(stage) / 1e6 / f;
			sum += ms;
			b.append(String.format(Locale.ROOT, " %s %.3f", stage.name().toLowerCase(Locale.ROOT), ms));
		}
		b.append(String.format(Locale.ROOT, "; engine and the rest %.3f", Math.max(0, wallMs * workers - sum)));
		System.out.println(b);
		if (threads == 1 && sum > 1.1 * cpuMs && cpuMs > 0) {
			// the stages are wall times: on a loaded machine they include waiting; scaled to the CPU time they estimate the work
			final StringBuilder c = new StringBuilder("  the same scaled to the CPU time (the run waited for a core):");
			for (final StageTimes.Stage stage : StageTimes.Stage.values())
				if (stage != StageTimes.Stage.IO)
					c.append(String.format(Locale.ROOT, " %s %.3f", stage.name().toLowerCase(Locale.ROOT), st.nanos(stage) / 1e6 / f * cpuMs / sum));
			System.out.println(c);
		}
	}

	/** Runs once on every thread count and compares each with one thread's features. */
	private static boolean sameFeatures(final LocateParameters params, final PlaneSource source, final int[] threads)
			throws FrameFailedException, InterruptedException {
		final List<List<Feature>> one = new LocateEngine(params).threads(1).locateAll(source);
		for (final int t : threads) {
			if (t == 1)
				continue;
			final List<List<Feature>> other = new LocateEngine(params).threads(t).locateAll(source);
			if (!other.equals(one)) {
				System.out.println("DIFFERENT: " + t + " threads do not give the features of 1 thread");
				return false;
			}
		}
		System.out.println("features: the same on every thread count");
		return true;
	}

	private static LocateEngine engine(final LocateParameters params, final int threads) {
		return new LocateEngine(params).threads(threads).timeStages(true);
	}

	/** The first {@code frames} frames of a source (all if frames is not positive). */
	private static PlaneSource limit(final PlaneSource src, final int frames) {
		if (frames <= 0 || frames >= src.size())
			return src;
		return new PlaneSource() {
			@Override
			public int size() {
				return frames;
			}

			@Override
			public String describe(final int index) {
				return src.describe(index);
			}

			@Override
			public PlaneReader newReader() throws IOException {
				return src.newReader();
			}
		};
	}

	/** Warm-up: a run of every thread count, and of its copies (null: none). */
	private static void warm(final LocateParameters params, final int[] threads, final PlaneSource memory, final PlaneSource[] copies)
			throws InterruptedException, FrameFailedException {
		for (int k = 0; k < threads.length; k++) {
			engine(params, threads[k]).run(memory, (f, l) -> {});
			if (copies[k] != null)
				engine(params, threads[k]).run(copies[k], (f, l) -> {});
		}
	}

	/** {@code t} copies of each of the first {@code n} frames (of {@code slices} planes each), every copy its own pixels. */
	static ArrayPlaneSource copies(final List<Plane> planes, final int n, final int slices, final int t) {
		final List<Image> out = new ArrayList<>(t * n);
		for (int f = 0; f < n; f++)
			for (int c = 0; c < t; c++) {
				final List<Plane> own = new ArrayList<>(slices);
				for (final Plane p : planes.subList(f * slices, (f + 1) * slices))
					own.add(copy(p));
				out.add(slices == 1 ? own.get(0) : Volume.ofPlanes(own));
			}
		return new ArrayPlaneSource(out);
	}

	private static Plane copy(final Plane p) {
		final Object px = p.pixels();
		final Object copy = px instanceof byte[] ? ((byte[]) px).clone() : px instanceof short[] ? ((short[]) px).clone() : ((float[]) px).clone();
		return Plane.of(copy, p.width(), p.height());
	}

	private static int generate(final Settings s) throws IOException {
		final List<BenchCase> cases = new ArrayList<>();
		if (s.generateCases.isEmpty())
			cases.addAll(List.of(BenchCase.values()));
		else
			for (final String id : s.generateCases)
				cases.add(BenchCase.forId(id));
		for (final BenchCase c : cases) {
			final long t0 = System.nanoTime();
			final Path p = c.input(s.dataDir);
			System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.1f s%n", c.id(), p, String.join(" ", c.options()), (System.nanoTime() - t0) / 1e9);
		}
		return 0;
	}

	private static BenchCase caseFor(final String id) throws UsageException {
		try {
			return BenchCase.forId(id);
		}
		catch (final IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
	}

	private static String value(final String[] args, final int i, final String option) throws UsageException {
		if (i >= args.length)
			throw new UsageException(option + " needs a value");
		return args[i];
	}

	private static int[] threads(final String text) throws UsageException {
		try {
			final int[] t = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
			if (t.length == 0 || Arrays.stream(t).anyMatch(x -> x < 1))
				throw new NumberFormatException();
			return t;
		}
		catch (final NumberFormatException e) {
			throw new UsageException("--threads must be positive integers separated by commas (1,2), got '" + text + "'");
		}
	}

	private static int positive(final String option, final String text) throws UsageException {
		try {
			final int v = Integer.parseInt(text.trim());
			if (v < 1)
				throw new NumberFormatException();
			return v;
		}
		catch (final NumberFormatException e) {
			throw new UsageException(option + " must be a positive integer, got '" + text + "'");
		}
	}

	private static double number(final String option, final String text) throws UsageException {
		try {
			final double v = Double.parseDouble(text.trim());
			if (!(v >= 0))
				throw new NumberFormatException();
			return v;
		}
		catch (final NumberFormatException e) {
			throw new UsageException(option + " must be a number of seconds, got '" + text + "'");
		}
	}

	/**
	 * Makes the engine's worker threads (daemons, as the engine's own) and adds
	 * up the CPU time each used, measured by the thread itself when its work
	 * ends (0 if the JVM cannot measure thread CPU time).
	 */
	static final class CpuTimedThreads implements java.util.concurrent.ThreadFactory {
		private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();
		private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
		private int count;

		@Override
		public Thread newThread(final Runnable r) {
			final Thread t = new Thread(() -> {
				final long c0 = MX.getCurrentThreadCpuTime();
				try {
					r.run();
				}
				finally {
					total.addAndGet(MX.getCurrentThreadCpuTime() - c0);
				}
			}, "bench-worker-" + count++);
			t.setDaemon(true);
			return t;
		}

		/** CPU time of the finished workers so far. */
		long nanos() {
			return total.get();
		}
	}

	/** CPU time of the whole process (all threads, JIT compilers and GC included; 10 ms ticks), or 0 if the JVM cannot tell. */
	static long processCpuNanos() {
		final java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		return os instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
	}

	static long min(final long[] a) {
		return Arrays.stream(a).min().getAsLong();
	}

	static double median(final long[] a) {
		final long[] s = a.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
	}
}
