package io.github.parallellocate.ij;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.GenericDialog;
import ij.gui.NonBlockingGenericDialog;
import ij.plugin.frame.Recorder;
import io.github.parallellocate.ij.preview.LivePreview;
import io.github.parallellocate.imagej.LocateOptions;

/**
 * The "Locate Features..." dialog (interactive use only; macros, batch and
 * headless runs never show it). Each field's label is its macro key, so the
 * macro recorder writes exactly the keys {@link LocateOptions} reads.
 * <p>
 * Live preview: {@link LivePreview} (added after the last check box) calls
 * {@link #readParameters(GenericDialog)}, the one place where field values
 * are read, on every change and locates the current plane.
 * </p>
 */
final class LocateDialog {

	/** Optional trackpy parameters shown as text fields where empty means None. */
	private static final String[] OPTIONAL = { "minmass", "maxsize", "separation", "smoothing_size", "threshold", "topn" };
	/** Check boxes whose default is on: recorded as {@code key=false} when off. */
	private static final List<String> ON_BY_DEFAULT = List.of("preprocess", "characterize", "overlay");

	/** Last values of this session, by key. */
	private static final Map<String, String> last = new HashMap<>(Map.of("diameter", "11"));

	private final ImagePlus imp;
	private final List<String> channels;

	LocateDialog(final ImagePlus imp) {
		this.imp = imp;
		channels = channelChoices(imp);
	}

	/** Shows the dialog; the options as key/value text, or null if cancelled. */
	Map<String, String> show() {
		// Non-blocking, so that the stack can be scrolled while previewing.
		final GenericDialog gd = new NonBlockingGenericDialog("Locate Features");
		addFields(gd);
		final LivePreview preview = LivePreview.attach(gd, imp, this::readParameters);
		try {
			gd.showDialog();
		}
		finally {
			preview.close();
		}
		if (gd.wasCanceled())
			return null;
		final Map<String, String> values = readParameters(gd);
		last.putAll(values);
		recordDefaultOnCheckboxes(values);
		return values;
	}

	private void addFields(final GenericDialog gd) {
		gd.addNumericField("diameter", number("diameter", 11), 0, 6, "px (odd)");
		for (final String key : OPTIONAL)
			gd.addStringField(key, last.getOrDefault(key, ""), 8);
		gd.addNumericField("noise_size", number("noise_size", 1), 2, 6, "px");
		gd.addNumericField("percentile", number("percentile", 64), 1, 6, "");
		gd.addNumericField("max_iterations", number("max_iterations", 10), 0, 6, "");
		gd.addCheckbox("invert", bool("invert", false));
		gd.addCheckbox("preprocess", bool("preprocess", true));
		gd.addCheckbox("characterize", bool("characterize", true));
		if (!channels.isEmpty())
			gd.addChoice("channel", channels.toArray(new String[0]), channelDefault());
		gd.addNumericField("threads", number("threads", LocateOptions.defaultThreads()), 0, 6, "");
		gd.addFileField("csv", last.getOrDefault("csv", ""));
		gd.addCheckbox("results", bool("results", false));
		gd.addCheckbox("overlay", bool("overlay", true));
		gd.addCheckbox("roi_manager", bool("roi_manager", false));
		gd.addMessage("Empty minmass, maxsize, separation, smoothing_size, threshold or topn = None (trackpy's default).");
	}

	/**
	 * Reads the fields, in the order they were added, as macro key/value text.
	 * The preview hook: call it from a dialog listener.
	 */
	Map<String, String> readParameters(final GenericDialog gd) {
		final Map<String, String> v = new LinkedHashMap<>();
		v.put("diameter", numberText(gd.getNextNumber()));
		for (final String key : OPTIONAL)
			v.put(key, gd.getNextString().trim());
		v.put("noise_size", numberText(gd.getNextNumber()));
		v.put("percentile", numberText(gd.getNextNumber()));
		v.put("max_iterations", numberText(gd.getNextNumber()));
		v.put("invert", Boolean.toString(gd.getNextBoolean()));
		v.put("preprocess", Boolean.toString(gd.getNextBoolean()));
		v.put("characterize", Boolean.toString(gd.getNextBoolean()));
		if (!channels.isEmpty())
			v.put("channel", gd.getNextChoice());
		v.put("threads", numberText(gd.getNextNumber()));
		v.put("csv", gd.getNextString().trim());
		v.put("results", Boolean.toString(gd.getNextBoolean()));
		v.put("overlay", Boolean.toString(gd.getNextBoolean()));
		v.put("roi_manager", Boolean.toString(gd.getNextBoolean()));
		return v;
	}

	/** The recorder writes checked boxes only; an unchecked default-on box must say so. */
	private static void recordDefaultOnCheckboxes(final Map<String, String> values) {
		if (!Recorder.record)
			return;
		for (final String key : ON_BY_DEFAULT)
			if ("false".equals(values.get(key)))
				Recorder.recordOption(key, "false");
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
		final String l = last.get("channel");
		return l != null && channels.contains(l) ? l : channels.get(0);
	}

	private static double number(final String key, final double def) {
		try {
			return Double.parseDouble(last.getOrDefault(key, Double.toString(def)));
		}
		catch (final NumberFormatException e) {
			return def;
		}
	}

	private static boolean bool(final String key, final boolean def) {
		final String v = last.get(key);
		return v == null ? def : Boolean.parseBoolean(v);
	}

	private static String numberText(final double v) {
		if (Double.isNaN(v))
			return "NaN";
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
