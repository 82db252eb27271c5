#!/usr/bin/env bash
# Runs one example's commands_<arch>.sh the way a user would: in a copy of the example
# directory, with this build's bin directory (cslc, cs_python) first on PATH. Passes
# only when the script succeeds and prints SUCCESS!.
#   run_example.sh BIN_DIR EXAMPLE_DIR ARCH [WORK_DIR]
# Without WORK_DIR the copy is a temporary directory, removed afterwards; with it, the
# copy is made there (emptied first) and kept.
set -euo pipefail
bin=$1 example=$2 arch=$3 work=${4:-}
if [ -n "$work" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  scratch=$work
else
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/tessera-example-XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
fi
cp -r "$example"/. "$scratch"/
rm -rf "$scratch/out"
cd "$scratch"
export PATH="$bin:$PATH"
output=$(bash "commands_$arch.sh" 2>&1) || { echo "$output"; echo "run_example: commands_$arch.sh failed" >&2; exit 1; }
echo "$output"
grep -q "SUCCESS!" <<<"$output" || { echo "run_example: no SUCCESS! line" >&2; exit 1; }
