#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,9 --fabric-offsets=4,1 --params=MEMCPYH2D_DATA_1_ID:14,MEMCPYD2H_DATA_1_ID:5 \
  -o out --memcpy --channels=2 --width-west-buf=0 --width-east-buf=1
