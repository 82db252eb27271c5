#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=16,9 --fabric-offsets=5,1 --params=MEMCPYH2D_DATA_1_ID:18,MEMCPYD2H_DATA_1_ID:9,MEMCPYH2D_DATA_2_ID:5 \
  -o out --memcpy --channels=8 --width-west-buf=1 --width-east-buf=0
