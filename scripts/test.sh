#!/usr/bin/env bash
# The README's test command: installs the Debian packages the end-to-end tests
# need, then runs every test: fast unit tests (surefire), end-to-end tests
# (failsafe), then the Spark front door's build and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
# install (not just verify): the Spark build depends on the plugin jar and its test-jar
mvn -B -ntp install
if [ -f spark/pom.xml ]; then
	mvn -B -ntp -f spark/pom.xml verify
fi
