#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=34,7 --fabric-offsets=16,4 --params=MEMCPYH2D_DATA_1_ID:15,MEMCPYD2H_DATA_1_ID:7 \
  -o out --memcpy --channels=3 --width-west-buf=1 --width-east-buf=0
