#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=29,7 --fabric-offsets=7,1 --params=MEMCPYH2D_DATA_1_ID:0,MEMCPYD2H_DATA_1_ID:6 \
  -o out --memcpy --channels=16 --width-west-buf=1 --width-east-buf=3
