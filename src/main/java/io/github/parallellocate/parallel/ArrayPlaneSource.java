package io.github.parallellocate.parallel;

import java.util.List;
import io.github.parallellocate.core.Plane;


/** Planes already in memory. */
public final class ArrayPlaneSource implements PlaneSource {

	private final List<Plane> planes;

	public ArrayPlaneSource(final List<Plane> planes) {
		this.planes = List.copyOf(planes);
	}

	@Override
	public int size() {
		return planes.size();
	}

	@Override
	public String describe(final int index) {
		return "plane " + (index + 1) + " of " + planes.size();
	}

	@Override
	public PlaneReader newReader() {
		return planes::get;
	}
}
