#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=14,27 --fabric-offsets=7,2 --params=MEMCPYH2D_DATA_1_ID:15,MEMCPYD2H_DATA_1_ID:1,MEMCPYH2D_DATA_2_ID:12 \
  -o out --memcpy --channels=8 --width-west-buf=2 --width-east-buf=0
