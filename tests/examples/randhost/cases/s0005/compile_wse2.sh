#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,9 --fabric-offsets=5,1 --params=MEMCPYH2D_DATA_1_ID:17,MEMCPYD2H_DATA_1_ID:1,MEMCPYH2D_DATA_2_ID:3 \
  -o out --memcpy --channels=3
