#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=16,3 --fabric-offsets=4,1 --params=MEMCPYH2D_DATA_1_ID:5,MEMCPYD2H_DATA_1_ID:11,MEMCPYH2D_DATA_2_ID:3 \
  -o out --memcpy --channels=2
