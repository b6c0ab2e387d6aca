#!/usr/bin/env bash
# Runs every test: fast unit tests (surefire) and end-to-end tests (failsafe),
# then the Spark front door's build and tests if present.
set -euo pipefail
cd "$(dirname "$0")/.."
# install (not just verify): the Spark build depends on the plugin jar and its test-jar
mvn -B -ntp install
if [ -f spark/pom.xml ]; then
	mvn -B -ntp -f spark/pom.xml verify
fi
