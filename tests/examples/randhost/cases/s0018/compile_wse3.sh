#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=16,6 --fabric-offsets=8,3 --params=MEMCPYH2D_DATA_1_ID:5,MEMCPYD2H_DATA_1_ID:19 \
  -o out --memcpy --channels=16 --width-west-buf=2 --width-east-buf=0
