#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,5 --fabric-offsets=5,1 --params=MEMCPYH2D_DATA_1_ID:13,MEMCPYD2H_DATA_1_ID:5,MEMCPYH2D_DATA_2_ID:0 \
  -o out --memcpy --channels=3
