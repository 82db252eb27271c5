#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,10 --fabric-offsets=5,3 --params=MEMCPYH2D_DATA_1_ID:5,MEMCPYD2H_DATA_1_ID:15,MEMCPYH2D_DATA_2_ID:16 \
  -o out --memcpy --channels=4 --width-west-buf=1 --width-east-buf=3
