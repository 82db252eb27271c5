#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=13,6 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:10,MEMCPYD2H_DATA_1_ID:19,MEMCPYH2D_DATA_2_ID:4 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=1
