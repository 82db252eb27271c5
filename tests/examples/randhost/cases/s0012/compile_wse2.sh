#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=18,5 --fabric-offsets=5,1 --params=MEMCPYH2D_DATA_1_ID:8,MEMCPYD2H_DATA_1_ID:15 \
  -o out --memcpy --channels=4 --width-west-buf=0 --width-east-buf=3
