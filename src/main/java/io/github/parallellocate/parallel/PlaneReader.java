package io.github.parallellocate.parallel;

import java.io.Closeable;
import java.io.IOException;
import io.github.parallellocate.core.Image;

/**
 * One worker's view of a {@link PlaneSource}. A reader may reuse its buffers:
 * the returned image is valid until the next call to {@link #read(int)}.
 */
public interface PlaneReader extends Closeable {

	/**
	 * Reads frame {@code index} (0-based): a
	 * {@link io.github.parallellocate.core.Plane} for a source of
	 * {@link PlaneSource#ndim()} 2, a
	 * {@link io.github.parallellocate.core.Volume} for 3. (An implementation
	 * may declare the narrower return type.)
	 *
	 * @throws IOException if the frame cannot be read (corrupt, truncated...);
	 *           the message should say what is wrong, the engine adds which
	 *           frame
	 */
	Image read(int index) throws IOException;

	@Override
	default void close() throws IOException {}
}
