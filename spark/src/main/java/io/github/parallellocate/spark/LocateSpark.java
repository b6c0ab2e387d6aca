package io.github.parallellocate.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.github.parallellocate.cli.ExitCodes;
import io.github.parallellocate.cli.TrackpyOptions;
import io.github.parallellocate.io.Channel;
import io.github.parallellocate.parallel.FrameFailedException;

/**
 * Parallel Locate on Apache Spark: the command line's options and output,
 * with the frames spread over a cluster's executors.
 * <pre>
 * spark-submit --class io.github.parallellocate.spark.LocateSpark parallel-locate-spark-cluster.jar \
 *     movie.tif --diameter 11 --invert --output features.csv
 * java -jar parallel-locate-spark.jar movie.tif --diameter 11 --output features.csv   # local[*]
 * </pre>
 * The master comes from {@code spark-submit} or {@code -Dspark.master=...};
 * without one the run is local on all cores.
 */
@Command(name = LocateSpark.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
	version = "Parallel Locate on Spark", description = {
		"Locates features in every frame of a movie, exactly as trackpy's locate does, on an Apache Spark cluster,",
		"and writes them as one trackpy-style CSV (y,x,mass,size,ecc,signal,raw_mass,ep,frame).",
		"Inputs: multi-page TIFFs, image files, directories of images, globs; several are concatenated in order.",
		"The master comes from spark-submit or -Dspark.master; without one, local[*]." }, footer = { "",
			"Exit status: 0 success (also when --skip-bad-frames skipped frames, listed on stderr); 1 runtime failure",
			"(input missing or unreadable, output exists or not writable, a frame failed); 2 invalid command line.",
			"Failed runs leave no output file behind." })
public final class LocateSpark implements Callable<Integer> {

	/** The command's name, the prefix of its messages. */
	static final String NAME = "parallel-locate-spark";

	/** A log4j2 configuration that keeps Spark quiet unless --debug. */
	static final String QUIET_LOGGING = "parallel-locate-spark-log4j2.properties";

	@Parameters(arity = "0..*", paramLabel = "INPUT", description = "Multi-page TIFF or image files, directories of images or globs, concatenated in order.")
	List<String> inputs = new ArrayList<>();

	@Mixin
	TrackpyOptions locate = new TrackpyOptions();

	@Option(names = "--channel", paramLabel = "red|green|blue|N", description = "Channel of colour or multi-channel images.")
	String channel;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "FILE", description = "CSV file to write.")
	Path output;

	@Option(names = "--overwrite", description = "Replace the output file if it exists.")
	boolean overwrite;

	@Option(names = "--skip-bad-frames", description = "Skip frames that cannot be read or located (reported) instead of stopping.")
	boolean skipBadFrames;

	@Option(names = "--frames-per-task", paramLabel = "N", description = "Contiguous frames per Spark task (default ${DEFAULT-VALUE}).")
	int framesPerTask = SparkLocateJob.DEFAULT_FRAMES_PER_TASK;

	@Option(names = "--debug", description = "Spark's log and stack traces on errors.")
	boolean debug;

	private final PrintStream err;

	LocateSpark(final PrintStream err) {
		this.err = err;
	}

	public static void main(final String... args) {
		System.exit(run(System.err, args));
	}

	/**
	 * Runs the command; returns the command line's exit status
	 * ({@link ExitCodes}: 0 success, 1 failure, 2 invalid command line).
	 */
	public static int run(final PrintStream err, final String... args) {
		final LocateSpark command = new LocateSpark(err);
		final CommandLine cl = new CommandLine(command);
		cl.setErr(new PrintWriter(err, true));
		cl.setParameterExceptionHandler((e, a) -> command.fail(e, ExitCodes.USAGE));
		cl.setExecutionExceptionHandler((e, line, parsed) -> command.fail(e,
			e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE));
		return cl.execute(args);
	}

	@Override
	public Integer call() throws Exception {
		if (!debug)
			quietLogging();
		if (inputs.isEmpty())
			throw new IllegalArgumentException("no INPUT given (see --help)");
		// everything that can be checked is checked before Spark starts
		locate.parameters();
		final SparkLocateJob job = new SparkLocateJob(locate).framesPerTask(framesPerTask).skipBadFrames(skipBadFrames);
		SparkLocateJob.checkOutput(output, overwrite);
		final FrameList frames = FileFrameList.open(inputs, Channel.parse(channel));
		final SparkLocateJob.Summary s;
		final SparkConf conf = conf();
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			if (!debug)
				sc.setLogLevel("WARN");
			s = job.run(sc, frames, output, overwrite);
		}
		for (final String skipped : s.skipped())
			err.println(NAME + ": skipped " + skipped);
		if (!s.skipped().isEmpty())
			err.println(NAME + ": " + s.skipped().size() + " of " + s.frames() + " frames skipped");
		err.println(NAME + String.format(Locale.ROOT, ": %d features in %d of %d frames (%d tasks on %s), %.1f s, %.1f frames/s -> %s",
			s.features(), s.located(), s.frames(), s.tasks(), conf.get("spark.master"), s.nanos() / 1e9, s.framesPerSecond(), output));
		return ExitCodes.OK;
	}

	/** The Spark configuration: spark-submit's or -D's, else local on all cores, loopback only, no UI. */
	static SparkConf conf() {
		final SparkConf conf = new SparkConf().setAppName("Parallel Locate");
		conf.setIfMissing("spark.master", "local[*]");
		if (conf.get("spark.master").startsWith("local")) {
			conf.setIfMissing("spark.ui.enabled", "false");
			conf.setIfMissing("spark.driver.host", "127.0.0.1");
			conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
		}
		return conf;
	}

	/** Uses our quiet log4j2 configuration unless the user or cluster has one. */
	private static void quietLogging() {
		if (System.getProperty("log4j2.configurationFile") == null
			&& LocateSpark.class.getClassLoader().getResource("log4j2.properties") == null
			&& LocateSpark.class.getClassLoader().getResource("log4j2.xml") == null)
			System.setProperty("log4j2.configurationFile", QUIET_LOGGING);
	}

	/** One line on stderr naming the problem (after the stack trace with --debug). */
	private int fail(final Exception e, final int exitCode) {
		if (debug)
			e.printStackTrace(err);
		err.println(NAME + ": error: " + firstLine(e));
		return exitCode;
	}

	/** The first line of an exception's message (Spark's carry whole stack traces). */
	static String firstLine(final Throwable e) {
		final String m = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse(null);
		return m == null || m.isBlank() ? FrameFailedException.messageOf(e) : m.trim();
	}
}
