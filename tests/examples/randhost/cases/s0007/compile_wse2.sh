#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,5 --fabric-offsets=6,2 --params=MEMCPYH2D_DATA_1_ID:9,MEMCPYD2H_DATA_1_ID:18,MEMCPYH2D_DATA_2_ID:13 \
  -o out --memcpy --channels=16 --width-west-buf=1 --width-east-buf=0
