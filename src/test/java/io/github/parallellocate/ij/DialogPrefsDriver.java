package io.github.parallellocate.ij;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import ij.ImagePlus;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.process.ByteProcessor;

/**
 * One ImageJ session of {@link DialogPrefsIT}, in a child JVM whose ImageJ
 * preferences live in {@code HOME/.imagej}:
 * <ul>
 * <li>{@code save HOME}: the values of an OK of the dialog are remembered
 * and ImageJ saves its preferences (as it does when it quits);</li>
 * <li>{@code load HOME OUT}: ImageJ loads its preferences (as it does when it
 * starts), the dialog is built for an image and its fields are read into
 * {@code OUT} (a properties file); {@code load HOME OUT IMAGE}: the same
 * for an image file.</li>
 * </ul>
 */
public final class DialogPrefsDriver {

	private DialogPrefsDriver() {}

	public static void main(final String[] args) throws Exception {
		System.setProperty("user.home", args[1]); // before ImageJ looks for its preferences
		if (args[0].equals("save")) {
			final Map<String, String> ok = new LinkedHashMap<>();
			ok.put("diameter", "13");
			ok.put("minmass", "55.5");
			ok.put("invert", "true");
			ok.put("maxsize", "");
			ok.put("percentile", "70");
			ok.put("characterize", "false");
			ok.put("threads", "1");
			ok.put("csv", "/somewhere/features.csv");
			ok.put("overwrite", "true");
			ok.put("overlay", "false");
			ok.put("results", "true");
			LocateDialog.remember(ok);
			Prefs.savePreferences();
		}
		else {
			Prefs.load(null, null); // "load" after "save"; "fresh": nothing saved yet
			final ImagePlus imp = args.length > 3 ? ij.IJ.openImage(args[3]) : new ImagePlus("blank", new ByteProcessor(64, 64));
			final LocateDialog dialog = new LocateDialog(imp);
			final GenericDialog gd = dialog.build();
			final Properties p = new Properties();
			p.putAll(dialog.readParameters(gd));
			gd.dispose();
			try (OutputStream os = Files.newOutputStream(Path.of(args[2]))) {
				p.store(os, "DialogPrefsDriver");
			}
		}
		System.exit(0);
	}
}
