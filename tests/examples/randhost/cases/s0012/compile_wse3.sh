#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=18,5 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:19,MEMCPYD2H_DATA_1_ID:1,MEMCPYH2D_DATA_2_ID:11 \
  -o out --memcpy --channels=3 --width-west-buf=1 --width-east-buf=3
