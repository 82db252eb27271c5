#!/usr/bin/env bash
# randdebug: every case under cases/ (gen.py --all . regenerates them): compile, then check.
set -e
for c in cases/*/; do (cd "$c" && bash compile_wse2.sh && cs_python ../../run.py --name out) || exit 1; done
