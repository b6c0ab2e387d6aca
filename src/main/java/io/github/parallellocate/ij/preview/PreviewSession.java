package io.github.parallellocate.ij.preview;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import ij.ImageListener;
import ij.gui.Roi;
import ij.gui.RoiListener;
import ij.ImagePlus;
import ij.gui.Overlay;
import io.github.parallellocate.analysis.Classification;
import io.github.parallellocate.analysis.PlanePreview;
import io.github.parallellocate.analysis.Rejection;
import io.github.parallellocate.core.Feature;
import io.github.parallellocate.imagej.Selection;
import java.util.ArrayList;
import java.util.List;
import io.github.parallellocate.analysis.PreviewResult;
import io.github.parallellocate.imagej.LocateOptions;

/**
 * A live preview of "Locate Features..." on one image: each
 * {@link #update(Map) parameter change} and each change of the displayed
 * plane (scrolling the stack) locates the current plane again on a
 * background thread and shows the result as an overlay
 * ({@link PreviewOverlay}); {@link #close()} restores the overlay the image
 * had before.
 * <p>
 * Requests are debounced: a request waits {@code debounceMillis}, and a newer
 * request replaces a pending one, so typing never queues up work and the UI
 * thread never locates. A result that is stale when it completes (a newer
 * request came in meanwhile) is dropped. Results are published on the
 * {@code ui} executor (the AWT event thread in the GUI).
 * </p>
 */
public final class PreviewSession implements ImageListener, RoiListener, AutoCloseable {

	/** Receives the outcome of each preview, on the {@code ui} executor. */
	public interface Listener {
		/** A preview was shown. */
		void previewed(PreviewResult result);

		/** The parameters or the plane cannot be previewed: a one-line message. */
		void failed(String message);
	}

	/** The default debounce delay. */
	public static final long DEFAULT_DEBOUNCE_MILLIS = 120;

	private final ImagePlus imp;
	private final Executor ui;
	private final long debounceMillis;
	private final ScheduledExecutorService worker;
	private final PlanePreview planes = new PlanePreview();
	private final AtomicInteger generation = new AtomicInteger();
	private final AtomicInteger located = new AtomicInteger();
	private volatile Listener listener;
	private volatile LocateOptions options;
	private volatile boolean enabled;
	private volatile boolean closed;
	private volatile ScheduledFuture<?> pending;
	private int shownSlice = -1;
	/** The plane of the latest request: ImageJ's update events (delivered later, on the event thread) re-request only for another plane. */
	private volatile int requestedSlice = -1;
	private boolean overlaySaved;
	private Overlay savedOverlay;

	/** A session publishing on the AWT event thread (directly when headless). */
	public PreviewSession(final ImagePlus imp) {
		this(imp, GraphicsEnvironment.isHeadless() ? Runnable::run : EventQueue::invokeLater, DEFAULT_DEBOUNCE_MILLIS);
	}

	/**
	 * @param imp the image to preview on
	 * @param ui where results are published (overlay, listener)
	 * @param debounceMillis how long a request waits for a newer one
	 */
	public PreviewSession(final ImagePlus imp, final Executor ui, final long debounceMillis) {
		this.imp = imp;
		this.ui = ui;
		this.debounceMillis = debounceMillis;
		worker = Executors.newSingleThreadScheduledExecutor(r -> {
			final Thread t = new Thread(r, "Locate Features preview");
			t.setDaemon(true);
			return t;
		});
		ImagePlus.addImageListener(this);
		Roi.addRoiListener(this);
	}

	/** Where outcomes go. */
	public PreviewSession listener(final Listener l) {
		listener = l;
		return this;
	}

	/**
	 * New parameters (macro keys and text values, as the dialog reads them).
	 * Invalid ones are reported to the listener at once and nothing is
	 * located.
	 */
	public void update(final Map<String, String> values) {
		final LocateOptions o;
		try {
			o = LocateOptions.from(values);
		}
		catch (final IllegalArgumentException e) {
			options = null;
			generation.incrementAndGet();
			publishFailure(e.getMessage());
			return;
		}
		options = o;
		request();
	}

	/** Turns the preview on (locating at once) or off (restoring the overlay). */
	public void setEnabled(final boolean on) {
		if (on == enabled)
			return;
		enabled = on;
		if (on)
			request();
		else {
			generation.incrementAndGet();
			ui.execute(this::restoreOverlay);
		}
	}

	public boolean isEnabled() {
		return enabled;
	}

	/** How many times the core located a plane (cached candidates do not count). */
	public int locateCount() {
		return located.get();
	}

	/** Schedules a preview of the current plane, replacing any pending one. */
	private void request() {
		if (!enabled || closed || options == null)
			return;
		requestedSlice = imp.getCurrentSlice();
		final int gen = generation.incrementAndGet();
		final ScheduledFuture<?> old = pending;
		if (old != null)
			old.cancel(false);
		pending = worker.schedule(() -> compute(gen), debounceMillis, TimeUnit.MILLISECONDS);
	}

	/** Runs on the worker thread. */
	private void compute(final int gen) {
		final LocateOptions o = options;
		if (gen != generation.get() || o == null)
			return;
		final PreviewTarget target;
		final PreviewResult result;
		try {
			target = PreviewTarget.current(imp, o.channel(), o.volumes());
			result = inImage(planes.preview(target.key(), () -> {
				located.incrementAndGet();
				return target.read();
			}, o.params()), target.selection());
		}
		catch (final RuntimeException e) {
			if (gen == generation.get())
				publishFailure(e.getMessage() == null ? e.toString() : e.getMessage());
			return;
		}
		if (gen != generation.get())
			return; // a newer request is on its way
		ui.execute(() -> {
			if (gen != generation.get() || closed || !enabled)
				return;
			saveOverlay();
			imp.setOverlay(PreviewOverlay.create(imp, target.position(), result));
			shownSlice = imp.getCurrentSlice();
			final Listener l = listener;
			if (l != null)
				l.previewed(result);
		});
	}

	/**
	 * A preview of a selection's crop in the whole image's coordinates, with
	 * the features outside a non-rectangular selection dropped (as a run
	 * does: the filters first, on the crop, then the shape).
	 */
	static PreviewResult inImage(final PreviewResult r, final Selection selection) {
		if (selection == null)
			return r;
		final Classification c = r.classes();
		final List<Feature> rejected = new ArrayList<>();
		final List<Rejection> reasons = new ArrayList<>();
		for (int i = 0; i < c.rejected().size(); i++) {
			final List<Feature> kept = selection.keep(List.of(c.rejected().get(i)));
			if (!kept.isEmpty()) {
				rejected.add(kept.get(0));
				reasons.add(c.reasons().get(i));
			}
		}
		return new PreviewResult(r.params(), selection.keep(r.candidates()),
			new Classification(selection.keep(c.accepted()), rejected, reasons), r.locateNanos(), r.reused());
	}

	private void publishFailure(final String message) {
		ui.execute(() -> {
			final Listener l = listener;
			if (l != null && !closed)
				l.failed(message);
		});
	}

	/**
	 * Waits until the pending request (if any) has been located and
	 * published (with a direct {@code ui} executor). For tests and scripts.
	 */
	public void awaitIdle(final long timeoutMillis) throws InterruptedException, TimeoutException {
		final ScheduledFuture<?> f = pending;
		if (f == null)
			return;
		try {
			f.get(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (final ExecutionException | java.util.concurrent.CancellationException e) {
			// a failure was reported to the listener; a cancelled one was replaced
		}
	}

	/** Remembers the image's own overlay before the first preview replaces it. */
	private void saveOverlay() {
		if (!overlaySaved) {
			savedOverlay = imp.getOverlay();
			overlaySaved = true;
		}
	}

	private void restoreOverlay() {
		if (!overlaySaved)
			return;
		imp.setOverlay(savedOverlay);
		overlaySaved = false;
		savedOverlay = null;
		shownSlice = -1;
	}

	/** Stops previewing and restores the image's own overlay. Idempotent. */
	@Override
	public void close() {
		if (closed)
			return;
		closed = true;
		generation.incrementAndGet();
		ImagePlus.removeImageListener(this);
		Roi.removeRoiListener(this);
		worker.shutdownNow();
		restoreNow();
	}

	/**
	 * Restores the overlay before returning, so that a run started right
	 * after the dialog closed publishes its overlay after ours is gone.
	 */
	private void restoreNow() {
		if (GraphicsEnvironment.isHeadless() || EventQueue.isDispatchThread()) {
			restoreOverlay();
			return;
		}
		try {
			EventQueue.invokeAndWait(this::restoreOverlay);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (final java.lang.reflect.InvocationTargetException e) {
			throw new IllegalStateException("cannot restore the overlay: " + e.getCause(), e.getCause());
		}
	}

	/** A new, changed or removed selection: the preview locates in it (as the run will). */
	@Override
	public void roiModified(final ImagePlus image, final int id) {
		if (image == imp && enabled)
			request();
	}

	@Override
	public void imageOpened(final ImagePlus image) {}

	@Override
	public void imageClosed(final ImagePlus image) {
		if (image == imp)
			close();
	}

	/** Scrolling the stack (or changing the channel) previews the new plane. */
	@Override
	public void imageUpdated(final ImagePlus image) {
		if (image == imp && enabled && imp.getCurrentSlice() != shownSlice && imp.getCurrentSlice() != requestedSlice)
			request();
	}
}
