#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=16,11 --fabric-offsets=6,3 --params=MEMCPYH2D_DATA_1_ID:15,MEMCPYD2H_DATA_1_ID:5,MEMCPYH2D_DATA_2_ID:19 \
  -o out --memcpy --channels=1 --width-west-buf=2 --width-east-buf=0
