#!/usr/bin/env bash
# Every case in turn (cases/*/), stopping at the first failure; a case without
# compile_wse3.sh is not built for this architecture and is skipped.
set -e
for c in cases/*/; do
  if [ -f "$c/compile_wse3.sh" ]; then echo "== $c"; else echo "== $c: no compile_wse3.sh, skipped"; continue; fi
  (cd "$c" && bash compile_wse3.sh && cs_python ../../run.py --name out)
done
