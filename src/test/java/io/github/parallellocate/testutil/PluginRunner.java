package io.github.parallellocate.testutil;

import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.plugin.PlugIn;

/**
 * Runs an ImageJ 1.x plugin with macro options the way {@code IJ.run} does
 * (options bound to a "Run$_" thread, the image as the current one), without
 * the menus a headless ImageJ 1.x cannot build.
 */
public final class PluginRunner {

	private PluginRunner() {}

	/** @return the error message the plugin reported ({@code IJ.error}), or null */
	public static String run(final ImagePlus imp, final Class<? extends PlugIn> plugin, final String options)
			throws InterruptedException {
		final AtomicReference<String> error = new AtomicReference<>();
		final AtomicReference<Throwable> crash = new AtomicReference<>();
		final Thread t = new Thread(() -> {
			try {
				IJ.getErrorMessage(); // clear
				Macro.setOptions(options);
				IJ.runPlugIn(imp, plugin.getName(), "");
				error.set(IJ.getErrorMessage());
			}
			catch (final Throwable e) {
				crash.set(e);
			}
			finally {
				Macro.setOptions(null);
			}
		}, "Run$_test");
		t.start();
		t.join();
		if (crash.get() != null)
			throw new AssertionError("the plugin threw " + crash.get(), crash.get());
		return error.get();
	}
}
