#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=11,4 --fabric-offsets=4,1 \
  --params=size:37 --params=MEMCPYH2D_DATA_1_ID:1 \
  --params=MEMCPYD2H_DATA_1_ID:3 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=0
cs_python run.py --name out
