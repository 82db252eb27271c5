#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,9 --fabric-offsets=6,3 --params=MEMCPYH2D_DATA_1_ID:11,MEMCPYD2H_DATA_1_ID:19 \
  -o out --memcpy --channels=2
