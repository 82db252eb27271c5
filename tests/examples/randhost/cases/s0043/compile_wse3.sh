#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,11 --fabric-offsets=6,3 --params=MEMCPYH2D_DATA_1_ID:17,MEMCPYD2H_DATA_1_ID:19,MEMCPYH2D_DATA_2_ID:20 \
  -o out --memcpy --channels=8
