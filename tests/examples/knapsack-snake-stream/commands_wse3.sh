#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=13,5 --fabric-offsets=4,1 \
  --params=W:6,H:3,C:300,MEMCPYH2D_DATA_1_ID:2,MEMCPYD2H_DATA_1_ID:3 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
