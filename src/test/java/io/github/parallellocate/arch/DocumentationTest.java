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

/** The README stays a user's first page, its parameter table is the specification's, and the links between the pages resolve. */
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

	/**
	 * Every link between the project's pages (README, CHANGELOG, docs/) names
	 * a file that exists and, after {@code #}, a heading of that page (GitHub's
	 * anchors: lower case, punctuation dropped, spaces as hyphens, a repeated
	 * heading's anchor numbered).
	 */
	@Test
	void pagesLinksResolve() throws IOException {
		final List<Path> pages = new ArrayList<>(List.of(README, Paths.get("CHANGELOG.md")));
		try (var docs = Files.list(Paths.get("docs"))) {
			docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		final Pattern link = Pattern.compile("(?<!!)\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
		int checked = 0;
		for (final Path page : pages) {
			final Matcher m = link.matcher(withoutCode(Files.readString(page)));
			while (m.find()) {
				final String url = m.group(1);
				if (url.matches("[a-z]+:.*"))
					continue; // another site
				final int hash = url.indexOf('#');
				final String file = hash < 0 ? url : url.substring(0, hash);
				final Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
				assertTrue(Files.exists(target), page + " links to a missing file: " + url);
				if (hash >= 0 && target.toString().endsWith(".md"))
					assertTrue(anchors(target).contains(url.substring(hash + 1)), page + " links to a missing heading: " + url);
				checked++;
			}
		}
		assertTrue(checked > 50, "only " + checked + " links found: the pattern is wrong");
	}

	/** The page without its fenced code blocks (no headings or links there). */
	private static String withoutCode(final String text) {
		return text.replaceAll("(?s)```.*?```", "");
	}

	/** The anchors of a page's headings, as GitHub makes them. */
	private static List<String> anchors(final Path page) throws IOException {
		final List<String> out = new ArrayList<>();
		final Matcher m = Pattern.compile("(?m)^#{1,6}\\s+(.*?)\\s*$").matcher(withoutCode(Files.readString(page)));
		while (m.find()) {
			final String text = m.group(1).replace("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(java.util.Locale.ROOT);
			final StringBuilder a = new StringBuilder();
			text.codePoints().filter(c -> c == ' ' || c == '-' || c == '_' || Character.isLetterOrDigit(c))
				.forEach(c -> a.appendCodePoint(c == ' ' ? '-' : c));
			final String base = a.toString();
			String anchor = base;
			for (int k = 1; out.contains(anchor); k++)
				anchor = base + "-" + k;
			out.add(anchor);
		}
		return out;
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
