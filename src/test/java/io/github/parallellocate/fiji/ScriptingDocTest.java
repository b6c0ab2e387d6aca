package io.github.parallellocate.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

/**
 * docs/scripting.md lists the command's inputs and outputs as the command
 * declares them (name, type, default, description): the tables between the
 * {@code <!-- inputs -->} and {@code <!-- outputs -->} markers are generated
 * here and must equal the page (the failure message gives the new table).
 */
class ScriptingDocTest {

	private static final Path PAGE = Paths.get("docs", "scripting.md");
	private static Context context;
	private static CommandInfo info;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class);
		info = context.service(CommandService.class).getCommand(LocateFeaturesCommand.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** The inputs table in Markdown. */
	static String inputsTable() throws Exception {
		final CommandModule fresh = (CommandModule) info.createModule();
		final StringBuilder sb = new StringBuilder("| input | type | default | meaning |\n|---|---|---|---|\n");
		for (final ModuleItem<?> item : info.inputs()) {
			if (item.getType().getName().startsWith("org.scijava."))
				continue; // services
			sb.append("| `").append(item.getName()).append("` | ").append(type(item.getType())).append(" | ")
				.append(defaultText(item, fresh)).append(" | ").append(item.getDescription()).append(" |\n");
		}
		return sb.toString();
	}

	/** The outputs table in Markdown. */
	static String outputsTable() {
		final StringBuilder sb = new StringBuilder("| output | type | meaning |\n|---|---|---|\n");
		for (final ModuleItem<?> item : info.outputs())
			sb.append("| `").append(item.getName()).append("` | ").append(type(item.getType())).append(" | ").append(
				item.getDescription()).append(" |\n");
		return sb.toString();
	}

	private static String type(final Class<?> c) {
		if (c == String.class)
			return "text";
		if (c == Double.class || c == double.class)
			return "number";
		if (c == Integer.class || c == int.class)
			return "integer";
		if (c == boolean.class || c == Boolean.class)
			return "true/false";
		if (c == File.class)
			return "file";
		return "`" + c.getSimpleName() + "`";
	}

	private static String defaultText(final ModuleItem<?> item, final CommandModule fresh) {
		if (item.isRequired())
			return "required";
		final Object v = item.getValue(fresh);
		if (v == null || "".equals(v) || v instanceof Double && ((Double) v).isNaN())
			return "None";
		if (v instanceof Double && (Double) v == Math.rint((Double) v))
			return Long.toString(((Double) v).longValue());
		return v.toString();
	}

	private static String between(final String page, final String marker) {
		final String open = "<!-- " + marker + " -->\n", close = "<!-- /" + marker + " -->";
		final int a = page.indexOf(open), b = page.indexOf(close);
		assertTrue(a >= 0 && b > a, PAGE + " has no " + open.trim() + " ... " + close + " block");
		return page.substring(a + open.length(), b);
	}

	@Test
	void theInputsTableIsTheCommands() throws Exception {
		final String page = Files.readString(PAGE);
		final String expected = inputsTable();
		assertEquals(expected, between(page, "inputs"), "docs/scripting.md's inputs table; the command's is:\n"
			+ expected);
	}

	@Test
	void theOutputsTableIsTheCommands() throws Exception {
		final String page = Files.readString(PAGE);
		final String expected = outputsTable();
		assertEquals(expected, between(page, "outputs"), "docs/scripting.md's outputs table; the command's is:\n"
			+ expected);
	}
}
