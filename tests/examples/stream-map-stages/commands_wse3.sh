#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=10,3 --fabric-offsets=4,1 \
  --params=n:48,depth:8 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
