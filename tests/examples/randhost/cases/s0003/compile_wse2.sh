#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=13,5 --fabric-offsets=6,1 --params=MEMCPYH2D_DATA_1_ID:10,MEMCPYD2H_DATA_1_ID:5,MEMCPYH2D_DATA_2_ID:13 \
  -o out --memcpy --channels=1 --width-west-buf=1 --width-east-buf=1
