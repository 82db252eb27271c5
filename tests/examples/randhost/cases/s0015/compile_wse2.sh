#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,5 --fabric-offsets=8,2 --params=MEMCPYH2D_DATA_1_ID:15,MEMCPYD2H_DATA_1_ID:20,MEMCPYH2D_DATA_2_ID:2 \
  -o out --memcpy --channels=4 --width-west-buf=2 --width-east-buf=0
