package io.github.parallellocate.ij.preview;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Label;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;
import io.github.parallellocate.analysis.Classification;
import io.github.parallellocate.core.FeatureLocator;
import io.github.parallellocate.core.LocateParameters;
import io.github.parallellocate.core.Plane;
import io.github.parallellocate.ij.Annotate_Features;
import io.github.parallellocate.ij.Locate_Features;

/**
 * Drives the real "Locate Features..." dialog like a user, with
 * {@link Robot} mouse clicks and key strokes, in a JVM with a display (run by
 * {@link PreviewDialogIT} in a child JVM on Xvfb). Writes what it saw to
 * {@code result.properties} and screenshots to the output folder.
 * <p>
 * Usage: {@code PreviewGuiDriver OUT_DIR STACK.tif}
 * </p>
 */
public final class PreviewGuiDriver {

	private static final long TIMEOUT_MS = 60_000;
	private static final long START = System.nanoTime();

	private final Robot robot;
	private final Path out;
	private final Properties result = new Properties();
	/** The component the last mouse press went to, as AWT dispatched it. */
	private volatile Object pressed;

	private PreviewGuiDriver(final Path out) throws Exception {
		this.out = out;
		robot = new Robot();
		robot.setAutoDelay(40);
		// the log says where each click landed, for failures on CI
		Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
			if (e.getID() == MouseEvent.MOUSE_PRESSED)
				pressed = e.getSource();
			if (e.getID() == MouseEvent.MOUSE_PRESSED || e.getID() == MouseEvent.MOUSE_RELEASED
				|| e.getID() == WindowEvent.WINDOW_ACTIVATED || e.getID() == WindowEvent.WINDOW_GAINED_FOCUS)
				log("event " + e.paramString().split(",")[0] + " on " + describe(e.getSource()));
		}, AWTEvent.MOUSE_EVENT_MASK | AWTEvent.WINDOW_EVENT_MASK | AWTEvent.WINDOW_FOCUS_EVENT_MASK);
	}

	/** A line of the driver log, with the seconds since the driver started. */
	private static void log(final String line) {
		System.err.printf(Locale.ROOT, "%7.2f s  %s%n", (System.nanoTime() - START) / 1e9, line);
	}

	/**
	 * Lets the X server and AWT catch up: flushes the requests to the server,
	 * waits a little for its events, and lets the event queue run dry twice.
	 * Not {@link Robot#waitForIdle()}: without a window manager its native
	 * sync often runs into its 10 s time-out (seen: ten times in one run),
	 * which made the test take two minutes and more; a missed click is caught
	 * by {@link #click} anyway.
	 */
	private static void idle() throws Exception {
		Toolkit.getDefaultToolkit().sync();
		Thread.sleep(100);
		EventQueue.invokeAndWait(() -> {});
		EventQueue.invokeAndWait(() -> {});
	}

	private static String describe(final Object o) {
		if (o instanceof Checkbox cb)
			return "check box '" + cb.getLabel() + "'";
		if (o instanceof Button b)
			return "button '" + b.getLabel().trim() + "'";
		if (o instanceof Dialog d)
			return "dialog '" + d.getTitle() + "'";
		if (o instanceof Frame f)
			return "frame '" + f.getTitle() + "'";
		return o.getClass().getSimpleName();
	}

	public static void main(final String[] args) throws Exception {
		final Path out = Path.of(args[0]);
		Files.createDirectories(out);
		final PreviewGuiDriver d = new PreviewGuiDriver(out);
		int code = 0;
		try {
			d.run(args[1]);
		}
		catch (final Throwable t) {
			t.printStackTrace();
			d.result.setProperty("error", String.valueOf(t));
			d.screenshot(null, "failure-screen.png");
			code = 1;
		}
		try (OutputStream os = Files.newOutputStream(out.resolve("result.properties"))) {
			d.result.store(os, "PreviewGuiDriver");
		}
		System.exit(code);
	}

	private void run(final String tiff) throws Exception {
		final ImagePlus imp = IJ.openImage(tiff);
		final Overlay own = new Overlay(new Roi(5, 5, 60, 40));
		imp.setOverlay(own);
		onEdt(() -> { imp.show(); return null; });
		waitFor(() -> imp.getWindow() != null && imp.getWindow().isShowing(), "the image window");

		final Thread plugin = start(imp, new Locate_Features());
		final GenericDialog gd = dialog(Locate_Features.TITLE);

		// parameters as a user types them: diameter 11, minmass 40, invert
		type(fieldFor(gd, "diameter"), "11");
		type(fieldFor(gd, "minmass"), "40");
		check(findCheckbox(gd, "invert"));
		check(gd.getPreviewCheckbox());
		final LocateParameters p40 = LocateParameters.builder(11).invert(true).minmass(40.).build();
		awaitPreview(imp, 1, p40, "plane1");

		check(findCheckbox(gd, LivePreview.PLOTS_LABEL));
		final ImagePlus plots = waitForValue(() -> {
			final ImagePlus p = WindowManager.getImage(PreviewPlots.PREVIEW_WINDOW);
			return p != null && p.getWindow() != null && p.getWindow().isShowing() ? p : null;
		}, "the plot window");
		result.setProperty("plots", Integer.toString(plots.getStackSize()));
		result.setProperty("plots.besideImage", Boolean.toString(beside(plots, imp)));
		screenshot(null, "preview-plots-screen.png");

		// scroll the stack: the preview follows
		onEdt(() -> { imp.setSlice(3); return null; });
		awaitPreview(imp, 3, p40, "plane3");

		// a new minmass, typed: reclassified on the same plane
		type(fieldFor(gd, "minmass"), "80");
		final LocateParameters p80 = p40.toBuilder().minmass(80.).build();
		awaitPreview(imp, 3, p80, "plane3_mm80");
		onEdt(() -> { imp.getWindow().toFront(); return null; });
		idle();
		Thread.sleep(500);
		final Rectangle canvas = onEdt(() -> new Rectangle(imp.getCanvas().getLocationOnScreen(), imp.getCanvas().getSize()));
		screenshot(canvas, "preview-image.png");
		arrange(imp, gd);
		screenshot(null, "preview-screen.png");

		closeWith(gd, "Cancel");
		plugin.join(TIMEOUT_MS);
		result.setProperty("dialogClosed", Boolean.toString(!plugin.isAlive() && !gd.isShowing()));
		result.setProperty("overlayRestored", Boolean.toString(imp.getOverlay() == own));
		result.setProperty("plotsClosed", Boolean.toString(WindowManager.getImage(PreviewPlots.PREVIEW_WINDOW) == null));

		runWithOk(imp, p80);
		annotate(imp);
		recordWithPreviewOff(imp);
	}

	/**
	 * Plugins &gt; Macros &gt; Record..., then Locate Features... from the menu
	 * (what ImageJ's Executer does around a command: set the recorder's
	 * command, run, save the command), minmass typed, overlay unticked, a CSV
	 * path given, Preview left off, OK. The recorded text goes to the result.
	 */
	private void recordWithPreviewOff(final ImagePlus imp) throws Exception {
		final Recorder recorder = onEdt(Recorder::new);
		waitFor(() -> Recorder.record, "the recorder");
		final Thread plugin = new Thread(() -> {
			WindowManager.setTempCurrentImage(imp);
			Recorder.setCommand("Locate Features...");
			new Locate_Features().run("");
			Recorder.saveCommand();
		}, "Locate Features... (menu)");
		plugin.start();
		final GenericDialog gd = dialog(Locate_Features.TITLE);
		result.setProperty("dialog.help", Boolean.toString(hasButton(gd, "Help")));
		result.setProperty("dialog.order", labelsInOrder(gd));
		type(fieldFor(gd, "minmass"), "60");
		final Checkbox overlay = findCheckbox(gd, "overlay");
		if (overlay.getState())
			click(overlay);
		waitFor(() -> !overlay.getState(), "overlay unticked");
		final Path csv = out.resolve("recorded-run.csv").toAbsolutePath();
		Files.deleteIfExists(csv);
		onEdt(() -> { fieldFor(gd, "csv").setText(csv.toString()); return null; });
		result.setProperty("record.preview", Boolean.toString(gd.getPreviewCheckbox().getState()));
		closeWith(gd, "OK");
		plugin.join(TIMEOUT_MS);
		log("recorded: " + recorder.getText().trim());
		result.setProperty("recorded", recorder.getText().trim());
		result.setProperty("recorded.csv", csv.toString());
		onEdt(() -> { recorder.close(); return null; });
	}

	/** Whether the plot window lies beside the image window, not over it. */
	private static boolean beside(final ImagePlus plots, final ImagePlus imp) throws Exception {
		return onEdt(() -> {
			final Rectangle a = plots.getWindow().getBounds(), b = imp.getWindow().getBounds();
			log("plots at " + a + ", image at " + b);
			return !a.intersects(b);
		});
	}

	/**
	 * Selects a row of the Features table as a click does (the text panel's
	 * selection, then the mouse release the panel listens to): the image
	 * shows the row's plane with the feature outlined.
	 */
	private void clickTableRow(final ImagePlus imp) throws Exception {
		final ij.text.TextWindow tw = waitForValue(() -> {
			for (final Frame f : WindowManager.getNonImageWindows())
				if (f instanceof ij.text.TextWindow t && "Features".equals(t.getTitle()))
					return t;
			return null;
		}, "the Features table");
		final ij.text.TextPanel tp = tw.getTextPanel();
		final ij.measure.ResultsTable rt = tp.getResultsTable();
		int row = 0;
		while (row < rt.size() && rt.getValue("frame", row) < 7)
			row++;
		row += 3; // feature 3 of frame 7
		final int r = row;
		onEdt(() -> {
			tw.toFront();
			tp.setSelection(r, r);
			// the panel's text canvas gets the clicks (TextPanel.addMouseListener adds to it)
			final Component canvas = java.util.Arrays.stream(tp.getComponents()).filter(c -> c instanceof java.awt.Canvas)
				.findFirst().orElseThrow();
			canvas.dispatchEvent(new MouseEvent(canvas, MouseEvent.MOUSE_RELEASED, System.currentTimeMillis(), 0, 10, 10, 1, false));
			return null;
		});
		waitFor(() -> imp.getRoi() != null && "f0007-#3".equals(imp.getRoi().getName()), "the feature's outline");
		result.setProperty("tableLink.slice", Integer.toString(imp.getCurrentSlice()));
		result.setProperty("tableLink.roi", imp.getRoi().getName());
		result.setProperty("tableLink.centreX", Double.toString(imp.getRoi().getFloatBounds().getCenterX() - 0.5));
		result.setProperty("tableLink.x", Double.toString(rt.getValue("x", r)));
		onEdt(() -> { imp.deleteRoi(); return null; });
	}

	private static boolean hasButton(final GenericDialog gd, final String label) {
		for (final Button b : gd.getButtons())
			if (b != null && label.equals(b.getLabel().trim()))
				return true;
		return false;
	}

	/** The dialog's labels, in the order they appear, joined by commas. */
	private static String labelsInOrder(final Container c) {
		final StringBuilder sb = new StringBuilder();
		collectLabels(c, sb);
		return sb.toString();
	}

	private static void collectLabels(final Container c, final StringBuilder sb) {
		for (final Component k : c.getComponents()) {
			final String text = k instanceof Label l ? l.getText() : k instanceof Checkbox cb ? cb.getLabel() : null;
			if (text != null && !text.isBlank())
				sb.append(sb.length() == 0 ? "" : "|").append(text.trim());
			if (k instanceof Container sub)
				collectLabels(sub, sb);
		}
	}

	/** The text field that follows the label {@code key} (the dialog's field of that macro key). */
	static TextField fieldFor(final Container gd, final String key) {
		final List<Component> all = new java.util.ArrayList<>();
		flatten(gd, all);
		for (int i = 0; i < all.size(); i++)
			if (all.get(i) instanceof Label l && key.equals(l.getText().trim()))
				for (int j = i + 1; j < all.size(); j++)
					if (all.get(j) instanceof TextField tf)
						return tf;
		throw new IllegalStateException("no field '" + key + "'");
	}

	private static void flatten(final Container c, final List<Component> into) {
		for (final Component k : c.getComponents()) {
			into.add(k);
			if (k instanceof Container sub)
				flatten(sub, into);
		}
	}

	/** Opens the dialog again, previews, and clicks OK: the run's overlay replaces the preview. */
	private void runWithOk(final ImagePlus imp, final LocateParameters p) throws Exception {
		final Thread plugin = start(imp, new Locate_Features());
		final GenericDialog gd = dialog(Locate_Features.TITLE);
		type(fieldFor(gd, "minmass"), "80");
		check(findCheckbox(gd, "invert"));
		check(gd.getPreviewCheckbox());
		awaitPreview(imp, 3, p, "again");
		check(findCheckbox(gd, LivePreview.PLOTS_LABEL));
		closeWith(gd, "OK");
		plugin.join(TIMEOUT_MS);
		log("Locate Features run finished");
		final ImagePlus runPlots = waitForValue(() -> WindowManager.getImage(PreviewPlots.RUN_WINDOW + " of " + imp.getTitle()),
			"the run's plot window");
		waitFor(() -> runPlots.getWindow() != null && runPlots.getWindow().isShowing(), "the run's plot window showing");
		result.setProperty("runPlots", Integer.toString(runPlots.getStackSize()));
		result.setProperty("runPlots.label", String.valueOf(runPlots.getStack().getSliceLabel(1)));
		result.setProperty("runPlots.besideImage", Boolean.toString(beside(runPlots, imp)));
		clickTableRow(imp);
		int total = 0;
		final FeatureLocator locator = new FeatureLocator(p);
		for (int i = 1; i <= imp.getStackSize(); i++)
			total += locator.locate(Plane.of(imp.getStack().getPixels(i), imp.getWidth(), imp.getHeight())).size();
		final Overlay o = imp.getOverlay();
		result.setProperty("ok.expected", Integer.toString(total));
		result.setProperty("ok.overlay", Integer.toString(o == null ? 0 : o.size()));
		result.setProperty("ok.previewLeft", Integer.toString(count(imp, "accepted", 3) + count(imp, "rejected", 3)));
	}

	/** Annotate Features... with its dialog's defaults (the Features table, coloured by mass). */
	private void annotate(final ImagePlus imp) throws Exception {
		final Thread plugin = start(imp, new Annotate_Features());
		final GenericDialog gd = dialog(Annotate_Features.TITLE);
		closeWith(gd, "OK");
		final String title = imp.getTitle() + " annotated";
		final ImagePlus out = waitForValue(() -> WindowManager.getImage(title), "the annotated image");
		plugin.join(TIMEOUT_MS);
		log("Annotate Features finished");
		result.setProperty("annotated.planes", Integer.toString(out.getStackSize()));
		result.setProperty("annotated.rgb", Boolean.toString(out.getType() == ImagePlus.COLOR_RGB));
		waitFor(() -> out.getWindow() != null && out.getWindow().isShowing(), "the annotated window");
		onEdt(() -> { out.getWindow().setLocation(0, 0); out.getWindow().toFront(); return null; });
		idle();
		Thread.sleep(500);
		screenshot(onEdt(() -> new Rectangle(out.getCanvas().getLocationOnScreen(), out.getCanvas().getSize())),
			"annotated.png");
	}

	/** Lays the windows out side by side (Xvfb has no window manager) for the full-screen artefact. */
	private void arrange(final ImagePlus imp, final GenericDialog gd) throws Exception {
		onEdt(() -> {
			imp.getWindow().setLocation(0, 0);
			gd.setLocation(imp.getWindow().getWidth() + 10, 0);
			final int right = gd.getX() + gd.getWidth() + 10;
			place(PreviewPlots.PREVIEW_WINDOW, right, 0);
			gd.toFront();
			return null;
		});
		idle();
		Thread.sleep(500);
	}

	private static void place(final String title, final int x, final int y) {
		final ImagePlus plot = WindowManager.getImage(title);
		if (plot != null && plot.getWindow() != null) {
			plot.getWindow().setLocation(x, y);
			plot.getWindow().toFront();
		}
	}

	/** Waits until the overlay shows the core's features of {@code stackIndex}; records the counts. */
	private void awaitPreview(final ImagePlus imp, final int stackIndex, final LocateParameters p, final String key)
			throws Exception {
		final Plane plane = Plane.of(imp.getStack().getPixels(stackIndex), imp.getWidth(), imp.getHeight());
		final int expected = new FeatureLocator(p).locate(plane).size();
		final int candidates = new FeatureLocator(Classification.unfiltered(p)).locate(plane).size();
		waitFor(() -> count(imp, "accepted", stackIndex) == expected
			&& count(imp, "rejected", stackIndex) == candidates - expected, "the preview of plane " + stackIndex
				+ " (" + expected + " features and " + (candidates - expected) + " rejected expected)");
		log("preview '" + key + "' shown: " + expected + " features");
		result.setProperty(key + ".expected", Integer.toString(expected));
		result.setProperty(key + ".accepted", Integer.toString(count(imp, "accepted", stackIndex)));
		result.setProperty(key + ".rejected", Integer.toString(count(imp, "rejected", stackIndex)));
	}

	private static int count(final ImagePlus imp, final String name, final int position) {
		final Overlay o = imp.getOverlay();
		int n = 0;
		if (o != null)
			for (final Roi r : o.toArray())
				if (name.equals(r.getName()) && r.getPosition() == position)
					n++;
		return n;
	}

	/** Runs a plugin on its own thread, as ImageJ's menus do, with {@code imp} as the current image. */
	private static Thread start(final ImagePlus imp, final PlugIn plugin) {
		final Thread t = new Thread(() -> {
			WindowManager.setTempCurrentImage(imp);
			plugin.run("");
		}, plugin.getClass().getSimpleName());
		t.start();
		return t;
	}

	/** Waits for the dialog titled {@code title} to show. */
	private GenericDialog dialog(final String title) throws Exception {
		final GenericDialog gd = waitForValue(() -> {
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog d && title.equals(d.getTitle()) && d.isShowing())
					return d;
			return null;
		}, "the dialog " + title);
		idle();
		return gd;
	}

	private static TextField field(final List<?> fields, final int i) {
		return (TextField) fields.get(i);
	}

	private static Checkbox findCheckbox(final Container c, final String label) {
		final Checkbox cb = checkboxIn(c, label);
		if (cb == null)
			throw new IllegalStateException("no check box '" + label + "'");
		return cb;
	}

	private static Checkbox checkboxIn(final Container c, final String label) {
		for (final Component k : c.getComponents()) {
			if (k instanceof Checkbox cb && label.equals(cb.getLabel()))
				return cb;
			if (k instanceof Container sub) {
				final Checkbox found = checkboxIn(sub, label);
				if (found != null)
					return found;
			}
		}
		return null;
	}

	private static Button button(final GenericDialog gd, final String label) {
		for (final Button b : gd.getButtons())
			if (b != null && label.equals(b.getLabel().trim()))
				return b;
		throw new IllegalStateException("no button " + label);
	}

	/**
	 * Clicks into a field (the dialog selects its text on focus) and types over
	 * it. Without a window manager, Xvfb sometimes leaves the keyboard focus on
	 * a window that just closed: then the field asks for the focus itself and
	 * the keys are typed again (up to three tries).
	 */
	private void type(final TextField f, final String text) throws Exception {
		for (int attempt = 0; attempt < 3; attempt++) {
			click(f);
			onEdt(() -> {
				f.getParent().requestFocus();
				f.requestFocus();
				f.selectAll();
				return null;
			});
			idle();
			Thread.sleep(100);
			for (final char ch : text.toCharArray()) {
				final int code = KeyEvent.getExtendedKeyCodeForChar(ch);
				robot.keyPress(code);
				robot.keyRelease(code);
			}
			idle();
			final long end = System.currentTimeMillis() + 2000;
			while (System.currentTimeMillis() < end && !text.equals(f.getText()))
				Thread.sleep(50);
			if (text.equals(f.getText()))
				return;
			log("typing '" + text + "' left '" + f.getText() + "' (attempt " + (attempt + 1) + "): retrying");
		}
		waitFor(() -> text.equals(f.getText()), "the text '" + text + "' in a field (has '" + f.getText() + "')");
	}

	/** Clicks a dialog's button until the dialog closes (up to three tries; see {@link #check}). */
	private void closeWith(final GenericDialog gd, final String label) throws Exception {
		final Button b = button(gd, label);
		for (int attempt = 0; attempt < 3 && gd.isShowing(); attempt++) {
			click(b);
			final long end = System.currentTimeMillis() + 3000;
			while (System.currentTimeMillis() < end && gd.isShowing())
				Thread.sleep(50);
			if (gd.isShowing())
				log("clicking '" + label + "' did not close the dialog (attempt " + (attempt + 1) + "): retrying");
		}
		waitFor(() -> !gd.isShowing(), "the dialog to close after '" + label + "'");
	}

	/**
	 * Ticks a check box by clicking it, as a user does. Without a window
	 * manager the first click into a new window can be taken as activating it
	 * only: then the box is clicked again (up to three tries).
	 */
	private void check(final Checkbox box) throws Exception {
		for (int attempt = 0; attempt < 3 && !box.getState(); attempt++) {
			click(box);
			final long end = System.currentTimeMillis() + 2000;
			while (System.currentTimeMillis() < end && !box.getState())
				Thread.sleep(50);
			if (!box.getState())
				log("clicking '" + box.getLabel() + "' did not tick it (attempt " + (attempt + 1) + "): retrying");
		}
		waitFor(box::getState, "the check box '" + box.getLabel() + "' to be ticked");
	}

	/**
	 * Clicks {@code c} and checks that AWT dispatched the press to it. Without
	 * a window manager, AWT's idea of where a just-shown dialog is can lag
	 * behind the X server's (ImageJ positions dialogs while they open): a click
	 * at the reported place then hits whatever is really there. So a missed
	 * click moves the window a little, which makes AWT and the server agree
	 * again, and clicks once more (up to three tries).
	 */
	private void click(final Component c) throws Exception {
		for (int attempt = 1;; attempt++) {
			onEdt(() -> { // other windows (the plots) may cover it
				windowOf(c).toFront();
				return null;
			});
			idle();
			Thread.sleep(200);
			final Point p = onEdt(() -> {
				final Point s = c.getLocationOnScreen();
				// check boxes: on the box at the left; other components: the middle
				return new Point(s.x + (c instanceof Checkbox ? 8 : c.getWidth() / 2), s.y + c.getHeight() / 2);
			});
			log("click at " + p.x + "," + p.y + " on " + describe(c));
			pressed = null;
			robot.mouseMove(p.x, p.y);
			robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
			robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
			idle();
			final long end = System.currentTimeMillis() + 1000;
			while (System.currentTimeMillis() < end && pressed == null)
				Thread.sleep(20);
			if (pressed == c || attempt == 3)
				return;
			log("the click meant for " + describe(c) + " went to "
				+ (pressed == null ? "nothing" : describe(pressed)) + " (attempt " + attempt + "): moving its window");
			final int dx = attempt % 2 == 1 ? 16 : -16;
			onEdt(() -> {
				final Window w = windowOf(c);
				w.setLocation(w.getX() + dx, w.getY());
				return null;
			});
			idle();
			Thread.sleep(300);
		}
	}

	private static Window windowOf(final Component c) {
		Component w = c;
		while (!(w instanceof Window))
			w = w.getParent();
		return (Window) w;
	}

	private void screenshot(final Rectangle area, final String name) {
		try {
			final Rectangle r = area != null ? area : new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
			final BufferedImage img = robot.createScreenCapture(r);
			ImageIO.write(img, "png", out.resolve(name).toFile());
		}
		catch (final IOException | RuntimeException e) {
			log("screenshot " + name + " failed: " + e);
		}
	}

	private static <T> T onEdt(final Callable<T> c) throws Exception {
		final AtomicReference<T> v = new AtomicReference<>();
		final AtomicReference<Exception> err = new AtomicReference<>();
		EventQueue.invokeAndWait(() -> {
			try {
				v.set(c.call());
			}
			catch (final Exception e) {
				err.set(e);
			}
		});
		if (err.get() != null)
			throw err.get();
		return v.get();
	}

	private static void waitFor(final BooleanSupplier condition, final String what) throws Exception {
		waitForValue(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
	}

	private static <T> T waitForValue(final Callable<T> probe, final String what) throws Exception {
		final long end = System.currentTimeMillis() + TIMEOUT_MS;
		while (System.currentTimeMillis() < end) {
			final T v = probe.call();
			if (v != null)
				return v;
			Thread.sleep(50);
		}
		throw new IllegalStateException("timed out waiting for " + what);
	}
}
