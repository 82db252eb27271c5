#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=12,8 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:16,MEMCPYD2H_DATA_1_ID:7 \
  -o out --memcpy --channels=4 --width-west-buf=1 --width-east-buf=0
