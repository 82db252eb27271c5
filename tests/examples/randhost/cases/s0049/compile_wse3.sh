#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,7 --fabric-offsets=5,2 --params=MEMCPYH2D_DATA_1_ID:7,MEMCPYD2H_DATA_1_ID:2,MEMCPYH2D_DATA_2_ID:9 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=1
