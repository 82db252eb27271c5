#!/usr/bin/env bash
# Runs one example's commands_<arch>.sh the way a user would: in a scratch copy of the
# example directory, with this build's bin directory (cslc, cs_python) first on PATH.
#   run_example.sh BIN_DIR EXAMPLE_DIR ARCH
set -euo pipefail
bin=$1 example=$2 arch=$3
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tessera-example-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -r "$example"/. "$scratch"/
rm -rf "$scratch/out"
cd "$scratch"
export PATH="$bin:$PATH"
output=$(bash "commands_$arch.sh" 2>&1) || { echo "$output"; echo "run_example: commands_$arch.sh failed" >&2; exit 1; }
echo "$output"
grep -q "SUCCESS!" <<<"$output" || { echo "run_example: no SUCCESS! line" >&2; exit 1; }
