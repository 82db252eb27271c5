#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=22,11 --fabric-offsets=8,3 --params=MEMCPYH2D_DATA_1_ID:10,MEMCPYD2H_DATA_1_ID:18 \
  -o out --memcpy --channels=2 --width-west-buf=2 --width-east-buf=3
