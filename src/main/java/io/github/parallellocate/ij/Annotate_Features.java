package io.github.parallellocate.ij;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.Colors;
import ij.plugin.PlugIn;
import ij.process.ImageProcessor;
import io.github.parallellocate.ij.preview.AnnotationSource;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.imagej.Annotator;
import io.github.parallellocate.imagej.FeatureTables;
import io.github.parallellocate.imagej.LocateOutputs;
import io.github.parallellocate.imagej.MacroOptions;
import io.github.parallellocate.imagej.OptionalNumbers;
import io.github.parallellocate.io.AtomicOutput;

/**
 * Plugins &gt; Tracking &gt; Annotate Features...: an RGB copy of the current
 * image with a circle burnt in around each located feature, for figures
 * (drawn by {@link Annotator}, as the command line's {@code --annotate}).
 * The features come from the "Features" table of Locate Features (or the
 * table named by {@code table}), else from the circles on the image's
 * overlay (headless runs have no table windows). Headless-safe:
 * <pre>
 * run("Locate Features...", "diameter=11 minmass=20 invert");
 * run("Annotate Features...", "color_by_mass save=[/tmp/annotated.tif]");
 * </pre>
 * Keys: {@code diameter} (default: the overlay circles' width, else
 * required), {@code table}, {@code color} (an ImageJ colour name, default
 * red), {@code color_by_mass} (blue = faintest to red = brightest of each
 * plane; needs a table), {@code save} (write a TIFF instead of opening an
 * image; written completely or not at all) and {@code overwrite}.
 */
public class Annotate_Features implements PlugIn {

	/** The dialog and error title. */
	public static final String TITLE = "Annotate Features";

	private static final Set<String> KEYS = Set.of("diameter", "table", "color", "color_by_mass", "save", "overwrite");

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.error(TITLE, "no image is open");
			return;
		}
		try {
			final MacroOptions o = options(imp);
			if (o == null)
				return; // cancelled
			final AnnotationSource source = o.has("table") ? source(imp, o.get("table")) : source(imp);
			final Annotator annotator = annotator(o, source);
			final String save = o.get("save");
			if (save != null && !save.isBlank())
				save(imp, source, annotator, Paths.get(save.trim()), o.bool("overwrite", false));
			else
				show(annotate(imp, source, annotator));
		}
		catch (final IllegalArgumentException e) {
			IJ.error(TITLE, e.getMessage());
		}
		catch (final IOException e) {
			IJ.error(TITLE, e.getMessage());
		}
	}

	/**
	 * The features of the image's last Locate Features run: its table,
	 * found by identity (saving a table renames it), else the table titled
	 * "Features", else the overlay's circles (with a line in the Log that
	 * says so, as the overlay has no mass).
	 */
	static AnnotationSource source(final ImagePlus imp) {
		final ResultsTable own = LocateOutputs.tableOf(imp);
		if (own != null && own.size() > 0) {
			final AnnotationSource s = AnnotationSource.fromTable(imp, own, own.getTitle() != null ? own.getTitle() : FeatureTables.TITLE);
			final PerAxis d = LocateOutputs.diameterOf(imp);
			return d == null ? s : new AnnotationSource(s.byStackIndex(), d.max(), s.hasMass(), s.origin());
		}
		final AnnotationSource s = source(imp, FeatureTables.TITLE);
		if (!s.hasMass())
			IJ.log(TITLE + ": no features table of '" + imp.getTitle() + "' is open; the features come from " + s.origin());
		return s;
	}

	/** The features: the named table if it is open, else the overlay. */
	static AnnotationSource source(final ImagePlus imp, final String tableTitle) {
		final ResultsTable rt = ResultsTable.getResultsTable(tableTitle);
		if (rt != null && rt.size() > 0)
			return AnnotationSource.fromTable(imp, rt, tableTitle);
		return AnnotationSource.fromOverlay(imp);
	}

	private static Annotator annotator(final MacroOptions o, final AnnotationSource source) {
		final double d = o.has("diameter") && !OptionalNumbers.isNone(o.get("diameter"))
			? OptionalNumbers.number("diameter", o.get("diameter")) : source.diameter();
		if (Double.isNaN(d))
			throw new IllegalArgumentException("diameter is required with a table (e.g. diameter=11)");
		final Annotator a = new Annotator(d);
		final String name = o.has("color") ? o.get("color").trim() : "red";
		final Color c = Colors.decode(name.toLowerCase(Locale.ROOT), null);
		if (c == null)
			throw new IllegalArgumentException("color must be an ImageJ colour name (e.g. red, yellow, cyan) or #rrggbb, got '"
				+ name + "'");
		a.color(c);
		if (o.bool("color_by_mass", false)) {
			if (source.hasMass())
				a.colorByMass(true);
			else
				IJ.log(TITLE + ": color_by_mass ignored (the features come from " + source.origin() + ", which has no mass)");
		}
		return a;
	}

	/** An RGB copy of every plane of {@code imp} with its features drawn in, with the same dimensions. */
	public static ImagePlus annotate(final ImagePlus imp, final AnnotationSource source, final Annotator annotator) {
		final ImageStack in = imp.getStack();
		final ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = 1; i <= in.getSize(); i++) {
			out.addSlice(in.getSliceLabel(i), annotator.render(processor(in, i), source.plane(i)));
			IJ.showProgress(i, in.getSize());
		}
		final ImagePlus result = new ImagePlus(imp.getTitle() + " annotated", out);
		result.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
		if (imp.isHyperStack())
			result.setOpenAsHyperStack(true);
		result.setCalibration(imp.getCalibration());
		return result;
	}

	/** Writes the annotated planes as one TIFF, rendering one plane at a time. */
	public static void save(final ImagePlus imp, final AnnotationSource source, final Annotator annotator,
			final Path path, final boolean overwrite) throws IOException {
		final ImageStack in = imp.getStack();
		try (AtomicOutput out = AtomicOutput.open(path, overwrite)) {
			Annotator.writeTiff(out.stream(), imp.getWidth(), imp.getHeight(), in.getSize(),
				i -> annotator.render(processor(in, i + 1), source.plane(i + 1)));
			out.commit();
		}
		catch (final IOException e) {
			throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
		}
		IJ.log(TITLE + ": " + source.size() + " features on " + in.getSize() + " planes written to " + path);
	}

	/** Virtual stacks are not guaranteed to be thread-safe. */
	private static ImageProcessor processor(final ImageStack stack, final int i) {
		synchronized (stack) {
			return stack.getProcessor(i);
		}
	}

	private static void show(final ImagePlus result) {
		if (GraphicsEnvironment.isHeadless())
			WindowManager.setTempCurrentImage(result); // a macro goes on with it as the current image
		else
			result.show();
	}

	/** From the macro options if a macro is running, else from a dialog (null if cancelled). */
	private static MacroOptions options(final ImagePlus imp) {
		final String macro = Macro.getOptions();
		if (macro != null)
			return MacroOptions.parse(macro, KEYS);
		if (GraphicsEnvironment.isHeadless())
			return MacroOptions.parse("", KEYS);
		final AnnotationSource guess;
		double d = 11;
		try {
			guess = source(imp);
			if (!Double.isNaN(guess.diameter()))
				d = guess.diameter();
		}
		catch (final IllegalArgumentException e) {
			IJ.error(TITLE, e.getMessage());
			return null;
		}
		final GenericDialog gd = new GenericDialog(TITLE);
		gd.addNumericField("diameter", d, 0, 6, "px");
		gd.addStringField("table", "", 12);
		gd.addChoice("color", Colors.getColors(), "red");
		gd.addCheckbox("color_by_mass", guess.hasMass());
		gd.addFileField("save", "");
		gd.addMessage("Empty table: the image's own features table (whatever its title); empty save:\nopen the annotated copy, else write it as TIFF.");
		gd.showDialog();
		if (gd.wasCanceled())
			return null;
		final StringBuilder sb = new StringBuilder();
		sb.append("diameter=").append(gd.getNextNumber());
		final String table = gd.getNextString().trim();
		if (!table.isEmpty())
			sb.append(" table=[").append(table).append(']');
		sb.append(" color=").append(gd.getNextChoice());
		if (gd.getNextBoolean())
			sb.append(" color_by_mass");
		final String save = gd.getNextString().trim();
		if (!save.isEmpty())
			sb.append(" save=[").append(save).append(']');
		return MacroOptions.parse(sb.toString(), KEYS);
	}
}
