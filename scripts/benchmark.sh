#!/bin/sh
# The speed benchmark (docs/performance.md): locate over any input with any
# locate options, warm JVM, best and median ms/frame per thread count and the
# stage breakdown.
#
#   scripts/benchmark.sh INPUT... --diameter 11 --invert --minmass 20 [--threads 1,2] [--rounds 10]
#   scripts/benchmark.sh --case u16-2048 [--threads 1,2] [--frames 1] [--first-run]
#   scripts/benchmark.sh --case bulk-water --first-run --dialog 2   # a Fiji click: 2 s in the dialog, warming, then the run
#   scripts/benchmark.sh --case all          # every case, each in a fresh JVM
#   scripts/benchmark.sh --generate          # only write the synthetic inputs (target/bench-data/)
#
# Compiles the main and test classes and resolves the test classpath with
# Maven (offline; once, then again only when pom.xml changes), then runs
# io.github.parallellocate.bench.Benchmark. JAVA_OPTS adds JVM options; the
# Vector API module is added, with the options the command line's worker gets
# (core.Simd.JVM_OPTIONS); JAVA_OPTS=-Dparallellocate.vector=false times the
# scalar kernels, as in a stock Fiji JVM.
set -e
cd "$(dirname "$0")/.."
CP_FILE=target/bench-classpath.txt
if [ ! -f "$CP_FILE" ] || [ pom.xml -nt "$CP_FILE" ] || [ -n "$BENCH_COMPILE" ] || [ ! -d target/test-classes/io/github/parallellocate/bench ]; then
	mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
	touch "$CP_FILE"
else
	# sources changed since the last build: compile again (quick when nothing changed)
	if [ -n "$(find src -newer "$CP_FILE" -name '*.java' | head -n 1)" ]; then
		mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
		touch "$CP_FILE"
	fi
fi
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
run() {
	# shellcheck disable=SC2086
	java --add-modules jdk.incubator.vector -XX:CompileCommand=quiet -XX:CompileCommand=dontinline,io.github.parallellocate.core.VectorRows::subtractAndThreshold $JAVA_OPTS -Djava.awt.headless=true -cp "$CP" io.github.parallellocate.bench.Benchmark "$@"
}
if [ "$1" = "--case" ] && [ "$2" = "all" ]; then
	shift 2
	status=0
	for c in bulk-water u16-512 u16-2048 u8-d31 u16-3d; do
		run --case "$c" "$@" || status=$?
		echo
	done
	exit $status
fi
run "$@"
