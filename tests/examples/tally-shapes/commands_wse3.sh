#!/usr/bin/env bash
set -e

# One PE; a column; a row; a 3x3 block, each with phase2_tally 0 and with the exact total.
for shape in "1 1 8,3" "1 5 8,7" "6 1 13,3" "3 3 10,5"; do
  set -- $shape
  for phase2 in 0 2000000; do
    cslc --arch=wse3 ./layout.csl --fabric-dims=$3 --fabric-offsets=4,1 \
      --params=width:$1,height:$2,m:6,phase2:$phase2 -o out_$1x$2_$phase2 --memcpy --channels 1
    cs_python run.py --name out_$1x$2_$phase2
  done
done
