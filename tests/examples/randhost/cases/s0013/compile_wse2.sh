#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,9 --fabric-offsets=6,2 --params=MEMCPYH2D_DATA_1_ID:4,MEMCPYD2H_DATA_1_ID:9,MEMCPYH2D_DATA_2_ID:10 \
  -o out --memcpy --channels=3 --width-west-buf=0 --width-east-buf=3
