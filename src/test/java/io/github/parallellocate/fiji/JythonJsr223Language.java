package io.github.parallellocate.fiji;

import org.scijava.plugin.Plugin;
import org.scijava.script.AdaptedScriptLanguage;
import org.scijava.script.ScriptLanguage;

/**
 * Python for SciJava's script service in the tests: Jython's own JSR-223
 * engine (from {@code jython-slim}) as a {@link ScriptLanguage}. In Fiji this
 * is {@code org.scijava:scripting-jython}, which is not on Maven Central (only
 * on maven.scijava.org); it adapts the same engine the same way, so a script
 * runs here as in Fiji: {@code #@} inputs parsed by the script service,
 * injected as variables, {@code #@output} variables read back.
 */
@Plugin(type = ScriptLanguage.class, name = "Python (Jython JSR-223, tests)")
public class JythonJsr223Language extends AdaptedScriptLanguage {

	public JythonJsr223Language() {
		super("python");
	}
}
