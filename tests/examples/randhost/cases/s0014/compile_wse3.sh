#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=25,7 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:11,MEMCPYD2H_DATA_1_ID:10,MEMCPYH2D_DATA_2_ID:20 \
  -o out --memcpy --channels=2 --width-west-buf=1 --width-east-buf=0
