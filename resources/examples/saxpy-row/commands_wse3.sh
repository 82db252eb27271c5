#!/usr/bin/env bash
# Compile for wse3 and run on the simulator. A 4×1 rectangle needs a fabric of at
# least (4 + 7) × (1 + 2) PEs: the halo and the memcpy columns surround it.
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,3 --fabric-offsets=4,1 \
  -o out --memcpy --channels=1
cs_python run.py --name out
