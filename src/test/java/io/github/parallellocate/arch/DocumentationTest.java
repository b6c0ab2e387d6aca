package io.github.parallellocate.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.parallellocate.core.LocateParameter;

/** The README stays a user's first page, and its parameter table is the specification's. */
class DocumentationTest {

	private static final Path README = Paths.get("README.md");

	@Test
	void readmeIsShort() throws IOException {
		final long size = Files.size(README);
		assertTrue(size <= 12 * 1024, "README.md is " + size + " bytes; keep it <= 12 KB and move the rest to docs/");
	}

	@Test
	void readmeParameterTableIsTheSpecification() throws IOException {
		final List<String> expected = new ArrayList<>();
		for (final LocateParameter p : LocateParameter.values())
			expected.add("| `" + p.key() + "` | " + defaultText(p) + " | " + p.help() + " |");
		final List<String> actual = new ArrayList<>();
		for (final String line : Files.readAllLines(README))
			if (line.startsWith("| `") && LocateParameter.forKey(line.substring(3, line.indexOf('`', 3))) != null)
				actual.add(line);
		assertEquals(expected, actual, "README.md's parameter table differs from core.LocateParameter");
	}

	@Test
	void readmeLinksResolve() throws IOException {
		final Matcher m = Pattern.compile("\\]\\(((?:docs/|CHANGELOG)[^)#]*)").matcher(Files.readString(README));
		while (m.find())
			assertTrue(Files.exists(Paths.get(m.group(1))), "README.md links to a missing file: " + m.group(1));
	}

	/** As the README writes a default: required, True/False, the value, or None (its meaning). */
	static String defaultText(final LocateParameter p) {
		if (p.isRequired())
			return "required";
		final Object d = p.defaultValue();
		if (d instanceof Boolean)
			return (Boolean) d ? "True" : "False";
		if (d != null)
			return LocateParameter.format(d);
		return "None (" + p.noneMeaning() + ")";
	}
}
