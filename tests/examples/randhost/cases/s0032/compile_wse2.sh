#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=19,9 --fabric-offsets=5,2 --params=MEMCPYH2D_DATA_1_ID:6,MEMCPYD2H_DATA_1_ID:20 \
  -o out --memcpy --channels=1
