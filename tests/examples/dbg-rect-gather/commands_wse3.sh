#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,12 --fabric-offsets=4,1 \
  --params=seed:2654435761 -o out --memcpy --channels 1
cs_python run.py --name out
