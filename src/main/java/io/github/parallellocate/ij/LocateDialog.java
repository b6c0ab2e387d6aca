package io.github.parallellocate.ij;

import java.awt.Checkbox;
import java.awt.Component;
import java.awt.Font;
import java.awt.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.gui.NonBlockingGenericDialog;
import ij.measure.Calibration;
import ij.plugin.frame.Recorder;
import io.github.parallellocate.core.LocateParameter;
import io.github.parallellocate.core.PerAxis;
import io.github.parallellocate.core.PixelType;
import io.github.parallellocate.core.Warmup;
import io.github.parallellocate.ij.preview.LivePreview;
import io.github.parallellocate.imagej.LocateOptions;

/**
 * The "Locate Features..." dialog (interactive use only; macros, batch and
 * headless runs never show it), built from the parameter specification
 * {@link LocateParameter}: the basic parameters (diameter, minmass, invert)
 * first with a one-line hint each, the others under "Advanced", then the
 * outputs. Each field's label is its macro key, so the macro recorder writes
 * exactly the keys {@link LocateOptions} reads.
 * <p>
 * Recording: ImageJ records what the dialog's first listener reads when OK
 * closes it (the {@code e == null} call); {@link LivePreview} reads every
 * field there whether Preview is on or not, through
 * {@link #readParameters(GenericDialog)}, the one place where fields are
 * read. {@code threads} is recorded only when it differs from ImageJ's
 * thread count (Edit &gt; Options &gt; Memory &amp; Threads), and check boxes
 * that are on by default as {@code key=false} when off.
 * </p>
 * <p>
 * The values of the last OK are kept across sessions in ImageJ's
 * preferences ({@link #PREFS_PREFIX}{@code key}), except {@code csv},
 * {@code overwrite} and {@code threads}.
 * </p>
 */
final class LocateDialog {

	/** The user guide the Help button opens. */
	static final String HELP_URL = "https://github.com/parallel-locate/parallel-locate/blob/main/docs/user-guide.md";
	/** Prefix of this dialog's keys in ImageJ's preferences. */
	static final String PREFS_PREFIX = "parallellocate.";
	/** The heading of the parameters that are not basic. */
	static final String ADVANCED = "Advanced";
	/** What the diameter field shows before any run. */
	static final String FIRST_DIAMETER = "11";
	/** Our check boxes, in dialog order, and their defaults. */
	private static final Map<String, Boolean> OUTPUT_BOXES = new LinkedHashMap<>();
	static {
		OUTPUT_BOXES.put("overwrite", false);
		OUTPUT_BOXES.put("calibrated", false);
		OUTPUT_BOXES.put("results", false);
		OUTPUT_BOXES.put("overlay", true);
		OUTPUT_BOXES.put("roi_manager", false);
	}
	/** Keys never kept in the preferences. */
	private static final List<String> NOT_REMEMBERED = List.of("csv", "overwrite", "threads", "plots");

	private final ImagePlus imp;
	private final List<String> channels;
	private final boolean offer3d;
	private final List<LocateParameter> order = new ArrayList<>();
	private TextField threadsField;
	private volatile Map<String, String> lastRead;
	/** The parameter fields by key, once the dialog is built (read by the warm-up thread). */
	private volatile Map<String, Component> fields = Map.of();

	LocateDialog(final ImagePlus imp) {
		this.imp = imp;
		channels = channelChoices(imp);
		offer3d = imp.getNSlices() > 1 && imp.getType() != ImagePlus.COLOR_RGB;
		for (final LocateParameter p : LocateParameter.values())
			if (p.isBasic())
				order.add(p);
		for (final LocateParameter p : LocateParameter.values())
			if (!p.isBasic())
				order.add(p);
	}

	/**
	 * Shows the dialog; the options as key/value text, or null if cancelled.
	 * From the start (before the dialog is even built: in a fresh Fiji the
	 * building takes a while too) until OK or Cancel, the locator warms up in
	 * the background ({@link Warmup}) with the parameters the fields show,
	 * and so does the publishing of the results ({@link OutputWarmup}), so
	 * that the run starts with compiled code; OK never waits for them.
	 */
	Map<String, String> show() {
		final Warmup warmup = Warmup.isEnabled() ? Warmup.start(this::warmupJob, Warmup.DEFAULT_MAX_MILLIS) : null;
		final OutputWarmup outputs = Warmup.isEnabled() ? OutputWarmup.start(imp, this::warmupJob, Warmup.DEFAULT_MAX_MILLIS) : null;
		final LivePreview preview;
		final GenericDialog gd;
		try {
			gd = build();
			preview = LivePreview.attach(gd, imp, this::readParameters);
			gd.addHelp(HELP_URL);
		}
		catch (final RuntimeException e) {
			if (warmup != null)
				warmup.cancel();
			if (outputs != null)
				outputs.cancel();
			throw e;
		}
		try {
			gd.showDialog();
		}
		finally {
			if (warmup != null)
				warmup.cancel();
			if (outputs != null)
				outputs.cancel();
			preview.close();
		}
		if (gd.wasCanceled())
			return null;
		final Map<String, String> values = new LinkedHashMap<>(lastRead != null ? lastRead : readParameters(gd));
		if (preview.plotsWanted())
			values.put("plots", "true");
		remember(values);
		recordExtras(values);
		return values;
	}

	/** The dialog with its fields, as it opens (not shown; no preview yet). */
	GenericDialog build() {
		// Non-blocking, so that the stack can be scrolled while previewing.
		final GenericDialog gd = new NonBlockingGenericDialog(Locate_Features.TITLE);
		addFields(gd);
		return gd;
	}

	private void addFields(final GenericDialog gd) {
		final Map<String, Component> byKey = new LinkedHashMap<>();
		boolean advanced = false;
		for (final LocateParameter p : order) {
			if (!p.isBasic() && !advanced) {
				gd.addMessage(ADVANCED, new Font("SansSerif", Font.BOLD, 12));
				advanced = true;
			}
			if (p.type() == LocateParameter.Type.FLAG) {
				gd.addCheckbox(p.key(), Boolean.parseBoolean(initial(p.key(), LocateParameter.format(p.defaultValue()))));
				byKey.put(p.key(), (Component) gd.getCheckboxes().lastElement());
			}
			else {
				gd.addStringField(p.key(), initialFor(p), 8);
				byKey.put(p.key(), (Component) gd.getStringFields().lastElement());
			}
			if (p.isBasic()) {
				gd.addToSameRow();
				gd.addMessage(hint(p));
			}
		}
		gd.addMessage("Empty = None (trackpy's default). Per axis: z,y,x or y,x (e.g. 5,9,9).");
		gd.addMessage("Run", new Font("SansSerif", Font.BOLD, 12));
		if (!channels.isEmpty())
			gd.addChoice("channel", channels.toArray(new String[0]), channelDefault());
		if (offer3d) {
			gd.addCheckbox("3d", Boolean.parseBoolean(initial("3d", "false")));
			byKey.put("3d", (Component) gd.getCheckboxes().lastElement());
		}
		fields = byKey;
		gd.addNumericField("threads", LocateOptions.defaultThreads(), 0, 6, "(default: Edit > Options > Memory & Threads)");
		threadsField = (TextField) gd.getNumericFields().lastElement();
		gd.addFileField("csv", "");
		for (final Map.Entry<String, Boolean> b : OUTPUT_BOXES.entrySet())
			gd.addCheckbox(b.getKey(), Boolean.parseBoolean(initial(b.getKey(), b.getValue().toString())));
	}

	/**
	 * What the warm-up should warm now: the parameters the fields show (the
	 * values the dialog opens with, before it is built), the image's pixel
	 * type, planes or volumes; null while the fields do not parse. Called on
	 * the warm-up thread: it only reads the fields' text and state.
	 */
	Warmup.Job warmupJob() {
		final Map<String, Component> f = fields;
		final Map<String, String> v = new LinkedHashMap<>();
		for (final LocateParameter p : order)
			v.put(p.key(), valueOf(f.get(p.key()), p.type() == LocateParameter.Type.FLAG
				? initial(p.key(), LocateParameter.format(p.defaultValue())) : initialFor(p)));
		if (offer3d)
			v.put("3d", valueOf(f.get("3d"), initial("3d", "false")));
		try {
			final LocateOptions o = LocateOptions.from(v);
			return new Warmup.Job(o.params(), pixelType(imp), o.volumes() ? 3 : 2);
		}
		catch (final IllegalArgumentException e) {
			return null;
		}
	}

	private static String valueOf(final Component c, final String initial) {
		if (c instanceof TextField t)
			return t.getText().trim();
		if (c instanceof Checkbox b)
			return Boolean.toString(b.getState());
		return initial;
	}

	/** The pixel type the locator sees for an image (RGB: one channel, 8-bit). */
	static PixelType pixelType(final ImagePlus imp) {
		switch (imp.getBitDepth()) {
			case 16: return PixelType.UINT16;
			case 32: return PixelType.FLOAT32;
			default: return PixelType.UINT8;
		}
	}

	/** The first sentence of the parameter's help. */
	static String hint(final LocateParameter p) {
		final String h = p.help();
		final int dot = h.indexOf(". ");
		return dot < 0 ? h : h.substring(0, dot + 1);
	}

	private String initialText(final LocateParameter p) {
		if (p == LocateParameter.DIAMETER)
			return suggestedDiameter();
		return LocateParameter.format(p.defaultValue());
	}

	/** The remembered value, unless it has three values per axis and the image has no Z slices. */
	private String initialFor(final LocateParameter p) {
		final String v = initial(p.key(), initialText(p));
		if (!offer3d && p.type() == LocateParameter.Type.PER_AXIS && v.split(",").length == 3)
			return initialText(p);
		return v;
	}

	/**
	 * 11 px, or on a hyperstack with Z slices whose voxels are deeper than
	 * wide, a z diameter scaled by the voxel calibration: {@code z,11,11}
	 * (the nearest odd number of slices spanning the same length, at least 1).
	 */
	String suggestedDiameter() {
		if (!offer3d)
			return FIRST_DIAMETER;
		return suggestedDiameter(Integer.parseInt(FIRST_DIAMETER), imp.getCalibration());
	}

	/** {@code d} in x and y and the same physical length in z (odd, at least 1), or {@code d} for cubic voxels. */
	static String suggestedDiameter(final int d, final Calibration cal) {
		final double ratio = cal == null || cal.pixelDepth <= 0 || cal.pixelWidth <= 0 ? 1 : cal.pixelWidth / cal.pixelDepth;
		if (Math.abs(ratio - 1) < 1e-9)
			return Integer.toString(d);
		int z = (int) Math.round(d * ratio);
		if (z % 2 == 0)
			z += d * ratio > z ? 1 : -1;
		z = Math.max(1, z);
		return PerAxis.axes(z, d, d).toString();
	}

	/**
	 * Reads the fields, in the order they were added, as macro key/value text.
	 * The preview hook, and the read ImageJ records after OK.
	 */
	Map<String, String> readParameters(final GenericDialog gd) {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final LocateParameter p : order)
			v.put(p.key(), p.type() == LocateParameter.Type.FLAG ? Boolean.toString(gd.getNextBoolean())
				: gd.getNextString().trim());
		if (!channels.isEmpty())
			v.put("channel", gd.getNextChoice());
		if (offer3d)
			v.put("3d", Boolean.toString(gd.getNextBoolean()));
		// read from the field itself: getNextNumber would record it always
		v.put("threads", threadsField.getText().trim());
		v.put("csv", gd.getNextString().trim());
		for (final String key : OUTPUT_BOXES.keySet())
			v.put(key, Boolean.toString(gd.getNextBoolean()));
		lastRead = v;
		return v;
	}

	/**
	 * What the recorder does not write by itself: an unchecked box that is on
	 * by default ({@code key=false}), and {@code threads} when it differs
	 * from ImageJ's thread count.
	 */
	static void recordExtras(final Map<String, String> values) {
		if (!Recorder.record)
			return;
		for (final LocateParameter p : LocateParameter.values())
			if (p.type() == LocateParameter.Type.FLAG && Boolean.TRUE.equals(p.defaultValue())
				&& "false".equals(values.get(p.key())))
				Recorder.recordOption(p.key(), "false");
		for (final Map.Entry<String, Boolean> b : OUTPUT_BOXES.entrySet())
			if (b.getValue() && "false".equals(values.get(b.getKey())))
				Recorder.recordOption(b.getKey(), "false");
		if ("true".equals(values.get("plots")))
			Recorder.recordOption("plots");
		final String threads = values.get("threads");
		if (threads != null && !threads.isEmpty() && !isDefaultThreads(threads))
			Recorder.recordOption("threads", threads);
	}

	private static boolean isDefaultThreads(final String text) {
		try {
			return Double.parseDouble(text) == LocateOptions.defaultThreads();
		}
		catch (final NumberFormatException e) {
			return false;
		}
	}

	/** Keeps the values in ImageJ's preferences (saved when ImageJ quits). */
	static void remember(final Map<String, String> values) {
		for (final Map.Entry<String, String> e : values.entrySet())
			if (!NOT_REMEMBERED.contains(e.getKey()))
				Prefs.set(PREFS_PREFIX + e.getKey(), e.getValue().isEmpty() ? "None" : e.getValue());
	}

	/** The remembered value of a key, else {@code def}. */
	static String initial(final String key, final String def) {
		final String v = Prefs.get(PREFS_PREFIX + key, null);
		if (v == null)
			return def;
		return v.equals("None") ? "" : v;
	}

	/** red/green/blue for RGB, all/1..C for a multichannel image, none otherwise. */
	private static List<String> channelChoices(final ImagePlus imp) {
		final List<String> c = new ArrayList<>();
		if (imp.getType() == ImagePlus.COLOR_RGB)
			c.addAll(LocateOptions.RGB_CHANNELS);
		else if (imp.getNChannels() > 1) {
			c.add("all");
			for (int i = 1; i <= imp.getNChannels(); i++)
				c.add(Integer.toString(i));
		}
		return c;
	}

	private String channelDefault() {
		final String l = initial("channel", null);
		return l != null && channels.contains(l.toLowerCase(Locale.ROOT)) ? l.toLowerCase(Locale.ROOT) : channels.get(0);
	}
}
