#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=16,8 --fabric-offsets=7,2 --params=MEMCPYH2D_DATA_1_ID:19,MEMCPYD2H_DATA_1_ID:1 \
  -o out --memcpy --channels=16 --width-west-buf=2 --width-east-buf=3
