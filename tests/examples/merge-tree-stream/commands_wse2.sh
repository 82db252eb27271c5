#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=23,7 --fabric-offsets=4,1 \
  --params=D:4,L:20,MEMCPYD2H_DATA_1_ID:12 -o out --memcpy --channels 1
cs_python run.py --name out
