#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=15,26 --fabric-offsets=7,2 --params=MEMCPYH2D_DATA_1_ID:11,MEMCPYD2H_DATA_1_ID:8 \
  -o out --memcpy --channels=4 --width-west-buf=2 --width-east-buf=3
