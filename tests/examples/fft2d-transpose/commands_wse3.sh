#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,3 --fabric-offsets=4,1 \
  --params=P:4,R:4,log_n:4 -o out --memcpy --channels 1
cs_python run.py --name out
