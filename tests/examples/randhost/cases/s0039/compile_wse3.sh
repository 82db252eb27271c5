#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=18,13 --fabric-offsets=4,9 --params=MEMCPYH2D_DATA_1_ID:6,MEMCPYD2H_DATA_1_ID:4,MEMCPYH2D_DATA_2_ID:2 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=3
