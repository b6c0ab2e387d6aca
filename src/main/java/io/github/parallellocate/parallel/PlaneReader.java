package io.github.parallellocate.parallel;

import java.io.Closeable;
import java.io.IOException;
import io.github.parallellocate.core.Plane;


/**
 * One worker's view of a {@link PlaneSource}. A reader may reuse its buffers:
 * the returned plane is valid until the next call to {@link #read(int)}.
 */
public interface PlaneReader extends Closeable {

	/**
	 * Reads plane {@code index} (0-based).
	 *
	 * @throws IOException if the plane cannot be read (corrupt, truncated...);
	 *           the message should say what is wrong, the engine adds which
	 *           plane
	 */
	Plane read(int index) throws IOException;

	@Override
	default void close() throws IOException {}
}
