#!/usr/bin/env bash
# randhost: every generated case compiled and checked by the one shared run.py.
set -e

for c in cases/*/; do
  (cd "$c" && bash compile_wse2.sh && cs_python ../../run.py --name out) || exit 1
done
