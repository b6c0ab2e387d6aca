#!/usr/bin/env bash
# Lays out a Fiji update site under target/update-site from the Maven build:
#   jars/Parallel_Locate-<version>.jar   the plugin (its plugins.config makes the
#                                        Plugins>Tracking>Locate Features... entry)
#   plugins/                             (empty: everything lives in the jar)
#   scripts/Plugins/Tracking/            the folder scripts (Jython and macro)
#   jars/imageio-*.jar, jars/common-*.jar  TwelveMonkeys' TIFF decoder and what it needs
# Fiji already ships ij, scijava-common and imglib2; the site adds our jar and
# TwelveMonkeys' (Fiji's updater keeps the newest version of a jar shipped twice).
# Upload with Fiji's updater (Help>Update..., Manage update sites, your site,
# then "Upload"), pointing Fiji.app at these files. Usage: scripts/make-update-site.sh [-o]
set -euo pipefail
cd "$(dirname "$0")/.."
offline=${1:-}
mvn -B -q -ntp $offline -DskipTests package
jar=$(ls target/Parallel_Locate-*.jar | grep -v -e '-sources' -e '-tests' | head -1)
site=target/update-site
rm -rf "$site"
mkdir -p "$site/jars" "$site/plugins" "$site/scripts/Plugins/Tracking"
cp "$jar" "$site/jars/"
mvn -B -q -ntp $offline dependency:copy-dependencies -DincludeGroupIds=com.twelvemonkeys.imageio,com.twelvemonkeys.common \
	-DincludeScope=runtime -DoutputDirectory="$site/jars"
cp scripts/Locate_Features_Folder.py scripts/Locate_Features_Folder.ijm "$site/scripts/Plugins/Tracking/"
echo "update site in $site:"
find "$site" -type f | sort
