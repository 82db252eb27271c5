#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,6 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:9,MEMCPYD2H_DATA_1_ID:12 \
  -o out --memcpy --channels=16 --width-west-buf=0 --width-east-buf=1
