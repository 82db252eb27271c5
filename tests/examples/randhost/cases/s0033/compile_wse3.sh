#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=14,8 --fabric-offsets=6,3 --params=MEMCPYH2D_DATA_1_ID:10,MEMCPYD2H_DATA_1_ID:5 \
  -o out --memcpy --channels=8
