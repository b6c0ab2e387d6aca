package io.github.parallellocate.robust;

import ij.IJ;
import ij.ImagePlus;
import io.github.parallellocate.imagej.LocateResult;
import io.github.parallellocate.imagej.Locator;

/**
 * A child-process main for {@link BoundedMemoryIT}: opens a TIFF as an
 * ImageJ virtual stack (File > Import > TIFF Virtual Stack) and runs the
 * plugin's locator on it with macro options, as a headless Fiji script
 * would. Prints {@code frames features} and exits 0, or prints the error and
 * exits 1.
 * Arguments: the TIFF, then the macro options.
 */
public final class VirtualStackLocate {

	private VirtualStackLocate() {}

	public static void main(final String[] args) {
		try {
			final ImagePlus imp = IJ.openVirtual(args[0]);
			if (imp == null || !imp.getStack().isVirtual())
				throw new IllegalStateException(args[0] + " did not open as a virtual stack");
			final LocateResult r = Locator.run(imp, args[1]);
			System.out.println(r.summary().located() + " " + r.summary().features());
			System.exit(0);
		}
		catch (final Throwable t) {
			System.out.println("error: " + t);
			System.exit(1);
		}
	}
}
