#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=15,10 --fabric-offsets=4,1 \
  --params=W:8,H:8,M:40,MEMCPYH2D_DATA_1_ID:4,MEMCPYD2H_DATA_1_ID:5 -o out --memcpy --channels 1
cs_python run.py --name out
