#!/usr/bin/env bash
# Compiles and checks every generated case (cases/*/, made by gen.py) on wse2.
set -e
for c in cases/*/; do (cd "$c" && bash compile_wse2.sh && cs_python ../../run.py --name out) || exit 1; done
