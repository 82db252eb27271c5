#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=15,10 --fabric-offsets=6,2 --params=MEMCPYH2D_DATA_1_ID:17,MEMCPYD2H_DATA_1_ID:1,MEMCPYH2D_DATA_2_ID:3 \
  -o out --memcpy --channels=3
