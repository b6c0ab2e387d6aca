package io.github.parallellocate.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part files: atomic, replaceable by a retry, concatenated in order, cleaned up. */
class PartDirectoryTest {

	@TempDir
	Path tmp;

	@Test
	void partsAreConcatenatedInBatchOrderAndCleanedUp() throws Exception {
		final PartDirectory parts = PartDirectory.createBeside(tmp.resolve("out.csv"));
		assertTrue(parts.path().getFileName().toString().startsWith(".out.csv.spark-parts-"));
		parts.writePart(1, out -> { out.write("b\n"); return null; });
		parts.writePart(0, out -> { out.write("a\n"); return null; });
		parts.writePart(1, out -> { out.write("b\n"); return null; }); // a retried task
		final StringWriter all = new StringWriter();
		parts.concatenate(2, all);
		assertEquals("a\nb\n", all.toString());
		assertEquals(List.of("part-00000.csv", "part-00001.csv"), SparkRuns.list(parts.path()));
		parts.delete();
		assertEquals(List.of(), SparkRuns.list(tmp));
	}

	@Test
	void aFailedTaskLeavesNoPart() throws Exception {
		final PartDirectory parts = PartDirectory.createBeside(tmp.resolve("out.csv"));
		assertThrows(IllegalStateException.class, () -> parts.writePart(0, out -> {
			out.write("half a row");
			throw new IllegalStateException("frame failed");
		}));
		assertEquals(List.of(), SparkRuns.list(parts.path()));
		final IOException e = assertThrows(IOException.class, () -> parts.concatenate(1, new StringWriter()));
		assertTrue(e.getMessage().startsWith("part file of batch 0 is missing"), e.getMessage());
	}

	@Test
	void theFirstFailureInBatchOrderIsReported() throws Exception {
		final PartDirectory parts = PartDirectory.createBeside(tmp.resolve("out.csv"));
		assertNull(parts.firstFailure());
		parts.writeFailure(12, "frame 400 (b.tif, page 1): truncated");
		parts.writeFailure(3, "frame 100 (a.tif, page 5): truncated");
		assertEquals("frame 100 (a.tif, page 5): truncated", parts.firstFailure());
	}

	@Test
	void missingDirectoryIsReported() {
		final IOException e = assertThrows(IOException.class, () -> PartDirectory.createBeside(tmp.resolve("no/such/out.csv")));
		assertEquals("cannot write " + tmp.resolve("no/such/out.csv") + ": directory " + tmp.resolve("no/such") + " does not exist",
			e.getMessage());
		assertFalse(Files.exists(tmp.resolve("no")));
	}
}
