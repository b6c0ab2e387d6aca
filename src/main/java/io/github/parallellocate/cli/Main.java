package io.github.parallellocate.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.io.ExitCodes;
import io.github.parallellocate.io.TrackpyArgs;

/**
 * {@code parallel-locate}: trackpy's {@code locate} over every frame (plane
 * or volume) of a movie on all cores, from the command line. Features go to
 * a CSV (trackpy's batch columns) on stdout or in {@code --output}; messages
 * to stderr. Errors are one line, {@code parallel-locate: error: ...}, with
 * the exit statuses of {@link ExitCodes}.
 * <p>
 * trackpy's parameters are not declared here: their options come from the
 * specification ({@link LocateParameter}, through {@link TrackpyArgs}); only
 * the options of the command line itself are fields of this class.
 * </p>
 */
@Command(name = "parallel-locate", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	usageHelpAutoWidth = true,
	description = { "Locates features in every frame of a movie exactly as trackpy.locate does, on all cores, and writes them as CSV "
		+ "(trackpy.batch's columns: y,x,mass,size,ecc,signal,raw_mass,ep,frame in 2D; z,y,x,... in 3D; frame 0-based) to stdout or --output.",
		"A diameter with three values (z,y,x), or --3d, locates volumes: the Z slices of an ImageJ hyperstack, or --slices N consecutive "
			+ "pages of other inputs.", "" })
public final class Main implements Callable<Integer> {

	static final String NAME = "parallel-locate";
	/** The help order of the first option of the command line itself (trackpy's come first). */
	private static final int OWN_OPTIONS = 100;

	@Parameters(paramLabel = "INPUT", arity = "0..*",
		description = "Multi-page TIFF or image files (tif, png, jpg, bmp, gif), directories of images or globs (\"dir/*.png\"); "
			+ "directories and globs in natural order (frame2 < frame10); several inputs are concatenated.")
	List<String> inputs = new ArrayList<>();

	/** trackpy's parameters, as given (set by the options built from the specification). */
	TrackpyArgs trackpy = new TrackpyArgs();

	@Option(names = "--3d", order = OWN_OPTIONS, description = "Locate volumes (3D) with the isotropic parameters given as one number; "
		+ "implied by a diameter of three values (z,y,x).")
	boolean volumes;

	@Option(names = "--slices", paramLabel = "N", order = OWN_OPTIONS + 1, description = "Z slices per volume for inputs that are not "
		+ "ImageJ hyperstacks: every N consecutive pages (or files) form one volume; frame counts volumes. Default: the hyperstack's "
		+ "slices.")
	Integer slices;

	@Option(names = "--channel", paramLabel = "C", order = OWN_OPTIONS + 2, description = "Channel of RGB or multi-channel input: red, "
		+ "green, blue (r, g, b) or a 1-based number N, as in ImageJ. Required for such input.")
	String channel;

	@Option(names = "--threads", paramLabel = "N", order = OWN_OPTIONS + 3,
		description = "Worker threads (default: all cores).")
	Integer threads;

	@Option(names = "--output", paramLabel = "FILE", order = OWN_OPTIONS + 4, description = "Write the CSV to FILE (complete or not at "
		+ "all) instead of stdout ('-': stdout). Never one of the inputs. With --demo: the directory for the demo's files.")
	Path output;

	@Option(names = "--overwrite", order = OWN_OPTIONS + 5,
		description = "Replace --output/--annotate files that already exist (refused otherwise; never an input).")
	boolean overwrite;

	@Option(names = "--skip-bad-frames", order = OWN_OPTIONS + 6,
		description = "Skip frames that cannot be read or located (listed on stderr) instead of stopping.")
	boolean skipBadFrames;

	@Option(names = "--annotate", paramLabel = "OUT.tif", order = OWN_OPTIONS + 7, description = "Also write an RGB copy of the movie "
		+ "with a circle (diameter D) around each feature, coloured by mass (2D only).")
	Path annotate;

	@Option(names = "--debug", order = OWN_OPTIONS + 8, description = "Show stack traces of errors.")
	boolean debug;

	@Option(names = "--demo", order = OWN_OPTIONS + 9, description = "Run on the bundled 5-frame sample (diameter 11, invert, minmass "
		+ "20): writes features.csv and features-frame0.png into the current directory (or --output DIR), replacing them, and prints "
		+ "a summary.")
	boolean demo;

	private final OutputStream stdout;
	private final PrintStream stderr;
	private final boolean interactive;
	private final Interruption interruption;

	Main(final OutputStream stdout, final PrintStream stderr, final boolean interactive, final Interruption interruption) {
		this.stdout = stdout;
		this.stderr = stderr;
		this.interactive = interactive;
		this.interruption = interruption;
	}

	/** The process entry point: CSV on the real stdout, anything libraries print goes to stderr. */
	public static void main(final String[] args) {
		final int worker = Relaunch.runInWorkerIfNeeded(args); // first: a JVM without the Vector API module runs the command in one with it
		if (worker >= 0)
			System.exit(worker);
		final OutputStream realStdout = new FileOutputStream(FileDescriptor.out);
		System.setOut(System.err);
		final Interruption interruption = new Interruption();
		interruption.install();
		final int code = execute(args, realStdout, System.err, System.console() != null, interruption);
		interruption.finished();
		System.exit(code);
	}

	/** Runs the command in-process (tests): no shutdown hook, no progress display. */
	public static int run(final String[] args, final OutputStream stdout, final PrintStream stderr) {
		return execute(args, stdout, stderr, false, new Interruption());
	}

	private static int execute(final String[] args, final OutputStream stdout, final PrintStream stderr, final boolean interactive,
			final Interruption interruption) {
		final Main quick = new Main(stdout, stderr, interactive, interruption);
		if (QuickArgs.parse(args, quick)) // the usual command line, without picocli's start-up
			return quick.callReportingFailure();
		final Main main = new Main(stdout, stderr, interactive, interruption);
		final CommandLine cl = new CommandLine(commandSpec(main));
		cl.setOut(new PrintWriter(stdout, true));
		cl.setErr(new PrintWriter(stderr, true));
		cl.setParameterExceptionHandler((ex, a) -> {
			stderr.println(NAME + ": error: " + firstLine(ex.getMessage()));
			if (main.debug)
				ex.printStackTrace(stderr);
			return ExitCodes.USAGE;
		});
		cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> main.failure(ex));
		return cl.execute(args);
	}

	/**
	 * The picocli model of the command: the annotated options of {@code main}
	 * and one option per parameter of the specification (first in the help),
	 * which record their text in {@code main.trackpy}; the exit statuses in the footer.
	 */
	static CommandSpec commandSpec(final Main main) {
		final CommandSpec spec = CommandSpec.forAnnotatedObject(main);
		main.trackpy.addOptionsTo(spec, 1);
		final List<String> footer = new ArrayList<>(List.of("", "Exit status:"));
		for (final String line : ExitCodes.describe())
			footer.add("  " + line);
		footer.add("Interrupted or failed runs leave no --output or --annotate file behind; no run writes over one of its inputs.");
		spec.usageMessage().footer(footer.toArray(new String[0]));
		return spec;
	}

	/** Runs the command, turning an exception into its exit status as picocli's execution does. */
	private int callReportingFailure() {
		try {
			return call();
		}
		catch (final Exception e) {
			return failure(e);
		}
	}

	/** The exit status of a failed run, after its one-line message on stderr (and the stack trace with --debug). */
	private int failure(final Exception ex) {
		final int code = ex instanceof CliException ? ((CliException) ex).exitCode() : ExitCodes.FAILURE;
		final String message = ex instanceof CliException ? ex.getMessage() : "internal error: " + ex;
		if (message != null || debug)
			stderr.println(NAME + ": error: " + firstLine(message));
		if (debug)
			(ex.getCause() != null ? ex.getCause() : ex).printStackTrace(stderr);
		return code;
	}

	static String firstLine(final String s) {
		if (s == null)
			return "unknown error";
		final int nl = s.indexOf('\n');
		return (nl < 0 ? s : s.substring(0, nl)).trim();
	}

	@Override
	public Integer call() throws Exception {
		try {
			if (demo)
				return new Demo(this).run();
			if (inputs.isEmpty())
				throw CliException.usage("no INPUT given (see --help)");
			return new LocateRun(this, parameters(Map.of()), channel(), threads()).run();
		}
		catch (final OutOfMemoryError e) {
			throw new CliException(ExitCodes.FAILURE, outOfMemory(), e);
		}
	}

	/** "out of memory: the Java heap (4096 MB) is too small: run with a larger one, e.g. java -Xmx8g -jar ..." */
	static String outOfMemory() {
		final long mb = Runtime.getRuntime().maxMemory() >> 20;
		final long suggest = Math.max(2, Long.highestOneBit(Math.max(1, mb >> 10)) * 2);
		return "out of memory: the Java heap (" + mb + " MB) is too small for these frames and threads: run with a larger heap, e.g. java -Xmx"
			+ suggest + "g -jar parallel-locate-cli.jar ..., or fewer --threads";
	}

	/**
	 * The trackpy parameters from the options, with values (as text) for those not given.
	 *
	 * @throws CliException (usage) naming the parameter
	 */
	LocateParameters parameters(final Map<LocateParameter, String> defaults) throws CliException {
		try {
			return trackpy.parameters(defaults);
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
	}

	Channel channel() throws CliException {
		try {
			return Channel.parse(channel);
		}
		catch (final IllegalArgumentException e) {
			throw CliException.usage(e.getMessage());
		}
	}

	int threads() throws CliException {
		if (threads == null)
			return Runtime.getRuntime().availableProcessors();
		if (threads < 1)
			throw CliException.usage("threads must be at least 1, got " + threads);
		return threads;
	}

	OutputStream stdout() {
		return stdout;
	}

	PrintStream stderr() {
		return stderr;
	}

	boolean interactive() {
		return interactive;
	}

	Interruption interruption() {
		return interruption;
	}

	/**
	 * {@code parallel-locate 0.1.0 (ImageJ 1.54p, Java 17)} from the jar's
	 * manifest, then whether the band pass's vector path runs
	 * ({@code vector: on (jdk.incubator.vector)} or {@code vector: off}).
	 */
	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			final String v = Main.class.getPackage().getImplementationVersion();
			return new String[] { NAME + " " + (v == null ? "(development build)" : v) + " (ImageJ " + ij.IJ.getVersion() + ", Java "
				+ System.getProperty("java.version") + ")", Relaunch.vectorLine() };
		}
	}
}
