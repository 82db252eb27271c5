#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,13 --fabric-offsets=13,7 --params=MEMCPYH2D_DATA_1_ID:15,MEMCPYD2H_DATA_1_ID:10,MEMCPYH2D_DATA_2_ID:8 \
  -o out --memcpy --channels=16 --width-west-buf=2 --width-east-buf=0
