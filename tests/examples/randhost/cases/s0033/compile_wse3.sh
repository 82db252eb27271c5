#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=15,11 --fabric-offsets=7,3 --params=MEMCPYH2D_DATA_1_ID:19,MEMCPYD2H_DATA_1_ID:9,MEMCPYH2D_DATA_2_ID:17 \
  -o out --memcpy --channels=2 --width-west-buf=2 --width-east-buf=1
