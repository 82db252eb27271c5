#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 \
  --params=cap:8,max_len:11,rounds:24 -o out --memcpy --channels 1
cs_python run.py --name out
