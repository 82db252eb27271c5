#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,32 --fabric-offsets=9,2 --params=MEMCPYH2D_DATA_1_ID:9,MEMCPYD2H_DATA_1_ID:12 \
  -o out --memcpy --channels=8 --width-west-buf=1 --width-east-buf=3
