package io.github.parallellocate.bench;

import java.awt.Button;
import java.awt.EventQueue;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import io.github.parallellocate.ij.Locate_Features;

/**
 * A Fiji user's first click, for real: in a fresh JVM with a display (Xvfb),
 * opens an image, runs Plugins &gt; Tracking &gt; Locate Features... with its
 * dialog, stays in the dialog for a while, clicks OK and times the run from
 * OK until the plugin returns (located, results table and overlay shown);
 * then the same click again, warm. The dialog opens with the parameters set
 * in ImageJ's preferences here (as after an earlier session). With
 * {@code -Dparallellocate.warmup=false} the dialog does not warm up: the
 * figure before this work.
 * <pre>
 * xvfb-run -a java -cp TEST_CLASSPATH io.github.parallellocate.bench.PluginFirstClick IMAGE DIALOG_SECONDS [WARM_CLICKS] [key=value...]
 * </pre>
 */
public final class PluginFirstClick {

	private PluginFirstClick() {}

	public static void main(final String[] args) throws Exception {
		final String image = args[0];
		final double dialogSeconds = Double.parseDouble(args[1]);
		final int warmClicks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		final Map<String, String> prefs = new java.util.LinkedHashMap<>(Map.of("diameter", "11", "minmass", "20", "invert", "true",
			"overlay", "true", "results", "false"));
		for (int i = 3; i < args.length; i++)
			prefs.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
		for (final Map.Entry<String, String> e : prefs.entrySet())
			Prefs.set("parallellocate." + e.getKey(), e.getValue());
		final ImagePlus imp = IJ.openImage(image);
		if (imp == null)
			throw new IllegalArgumentException("cannot open " + image);
		final long[] ms = new long[1 + warmClicks], cpu = new long[1 + warmClicks];
		for (int click = 0; click <= warmClicks; click++) {
			imp.setOverlay(null);
			final Thread plugin = new Thread(() -> {
				WindowManager.setTempCurrentImage(imp);
				new Locate_Features().run("");
			}, "Locate Features... (menu)");
			plugin.start();
			final GenericDialog gd = dialog(Locate_Features.TITLE);
			Thread.sleep((long) (dialogSeconds * 1000));
			final Button ok = Arrays.stream(gd.getButtons()).filter(b -> b != null && b.getLabel().trim().equals("OK")).findFirst().orElseThrow();
			final Map<String, Long> before = ThreadCpu.byKind();
			final long c0 = Benchmark.processCpuNanos();
			final long t0 = System.nanoTime();
			EventQueue.invokeLater(() -> gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, "OK")));
			plugin.join();
			ms[click] = System.nanoTime() - t0;
			cpu[click] = Benchmark.processCpuNanos() - c0;
			final int n = imp.getOverlay() == null ? 0 : imp.getOverlay().size();
			System.out.printf(Locale.ROOT, "click %d (%s): OK to done %.0f ms, CPU of the process %.0f ms (%s), overlay %d%n", click + 1,
				click == 0 ? "first, fresh JVM" : "warm", ms[click] / 1e6, cpu[click] / 1e6,
				ThreadCpu.difference(before, ThreadCpu.byKind(), cpu[click]), n);
		}
		final long[] warm = Arrays.copyOfRange(ms, 1, ms.length), warmCpu = Arrays.copyOfRange(cpu, 1, cpu.length);
		System.out.printf(Locale.ROOT, "RESULT-PLUGIN-FIRST\twarmup=%s\tdialog=%.1fs\tfirst %.0f ms (CPU %.0f)\twarm median %.0f ms (CPU %.0f)\tratio %.2f (CPU %.2f)%n",
			System.getProperty("parallellocate.warmup", "true"), dialogSeconds, ms[0] / 1e6, cpu[0] / 1e6, Benchmark.median(warm) / 1e6,
			Benchmark.median(warmCpu) / 1e6, ms[0] / Benchmark.median(warm), cpu[0] / Benchmark.median(warmCpu));
		System.exit(0);
	}

	private static GenericDialog dialog(final String title) throws InterruptedException {
		final long end = System.nanoTime() + 60_000_000_000L;
		while (System.nanoTime() < end) {
			for (final Window w : Window.getWindows())
				if (w instanceof GenericDialog d && title.equals(d.getTitle()) && d.isShowing())
					return d;
			Thread.sleep(5);
		}
		throw new IllegalStateException("no dialog " + title);
	}
}
