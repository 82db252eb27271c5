#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 \
  --params=B:6,MEMCPYH2D_DATA_1_ID:8,MEMCPYD2H_DATA_1_ID:9 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
