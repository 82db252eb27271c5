#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=21,6 --fabric-offsets=7,1 --params=MEMCPYH2D_DATA_1_ID:11,MEMCPYD2H_DATA_1_ID:10,MEMCPYH2D_DATA_2_ID:2 \
  -o out --memcpy --channels=8 --width-west-buf=1 --width-east-buf=1
