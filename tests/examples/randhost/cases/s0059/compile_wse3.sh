#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,4 --fabric-offsets=4,2 --params=MEMCPYH2D_DATA_1_ID:12,MEMCPYD2H_DATA_1_ID:3,MEMCPYH2D_DATA_2_ID:2 \
  -o out --memcpy --channels=4 --width-west-buf=0 --width-east-buf=3
