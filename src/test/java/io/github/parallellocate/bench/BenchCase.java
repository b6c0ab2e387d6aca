package io.github.parallellocate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;


/**
 * The benchmark cases of issue 15: the bulk water movie from {@code ../shared}
 * and four synthetic inputs (Gaussian spots with Poisson noise, made on
 * demand by {@link SyntheticImages}, seeded, so every machine benchmarks the
 * same pixels), each with its {@code locate} options in command-line syntax
 * and the target.
 */
public enum BenchCase {

	BULK_WATER("bulk-water", "bulk water 640×424 u8 (../shared), 50 frames; d=11, invert, minmass=20",
		null, "--diameter 11 --invert --minmass 20", 2.2),
	U16_512("u16-512", "512×512 u16, 20 frames, 200 spots σ=1.6, amplitude 1500 on 300; d=9, minmass=2000",
		new SyntheticImages.Spec(1, 512, 512, 20, 16, 200, new double[] { 1.6, 1.6 }, 1500, 300, 15), "--diameter 9 --minmass 2000", 2.5),
	U16_2048("u16-2048", "2048×2048 u16, 6 frames, 3000 spots σ=1.6, amplitude 1500 on 300; d=9, minmass=2000",
		new SyntheticImages.Spec(1, 2048, 2048, 6, 16, 3000, new double[] { 1.6, 1.6 }, 1500, 300, 15), "--diameter 9 --minmass 2000", 42),
	U8_D31("u8-d31", "1024×1024 u8, 10 frames, 150 spots σ=5, amplitude 120 on 30; d=31, minmass=5000",
		new SyntheticImages.Spec(1, 1024, 1024, 10, 8, 150, new double[] { 5, 5 }, 120, 30, 15), "--diameter 31 --minmass 5000", 9.5),
	U16_3D("u16-3d", "3D 64×256×256 u16, 1 volume, 400 spots σ=(1.2,1.8,1.8), amplitude 1500 on 300; d=(5,9,9), minmass=5000",
		new SyntheticImages.Spec(64, 256, 256, 1, 16, 400, new double[] { 1.2, 1.8, 1.8 }, 1500, 300, 15),
		"--diameter 5,9,9 --minmass 5000", 50);

	/** Where {@code ../shared} is, relative to the project root (override with -Dshared=DIR). */
	static final String SHARED = System.getProperty("shared", "../shared");

	private final String id;
	private final String description;
	private final SyntheticImages.Spec spec;
	private final String options;
	private final double targetMs;

	BenchCase(final String id, final String description, final SyntheticImages.Spec spec, final String options, final double targetMs) {
		this.id = id;
		this.description = description;
		this.spec = spec;
		this.options = options;
		this.targetMs = targetMs;
	}

	/** The name on the command line: {@code u16-2048}. */
	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	/** The locate options, command-line syntax. */
	public List<String> options() {
		return Arrays.asList(options.split(" "));
	}

	/** The target in ms per frame (per volume in 3D). */
	public double targetMs() {
		return targetMs;
	}

	/** True for a 3D volume. */
	public boolean is3d() {
		return spec != null && spec.depth() > 1;
	}

	/** The synthetic image's specification, or null for a shared input. */
	public SyntheticImages.Spec spec() {
		return spec;
	}

	/**
	 * The input file, generated into {@code dataDir} if it is not there yet.
	 *
	 * @throws IOException if the shared input is missing or the file cannot be written
	 */
	public Path input(final Path dataDir) throws IOException {
		if (spec == null) {
			final Path p = Path.of(SHARED, "data", "bulk_water_red_50.tif");
			if (!Files.isRegularFile(p))
				throw new IOException(p + " not found: the bulk-water case needs ../shared beside the project (or -Dshared=DIR)");
			return p;
		}
		final Path file = dataDir.resolve(fileName());
		if (!Files.isRegularFile(file))
			SyntheticImages.write(spec, file);
		return file;
	}

	/** The synthetic file's name (its seed and generator version in it, so a changed generator makes a new file). */
	public String fileName() {
		return id + "-v" + SyntheticImages.VERSION + "-seed" + spec.seed() + ".tif";
	}

	/** The case with this name. */
	public static BenchCase forId(final String id) {
		for (final BenchCase c : values())
			if (c.id.equals(id.toLowerCase(Locale.ROOT)))
				return c;
		throw new IllegalArgumentException("unknown case '" + id + "': choose one of " + ids());
	}

	/** All case names, comma-separated. */
	public static String ids() {
		return Arrays.stream(values()).map(BenchCase::id).collect(Collectors.joining(", "));
	}

	/** The synthetic cases. */
	public static List<BenchCase> synthetic() {
		final List<BenchCase> out = new ArrayList<>();
		for (final BenchCase c : values())
			if (c.spec != null)
				out.add(c);
		return out;
	}
}
