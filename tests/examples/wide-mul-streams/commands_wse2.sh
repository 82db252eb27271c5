#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=12,3 --fabric-offsets=4,1 \
  --params=width:5,height:1,num_bits:192 \
  --params=MEMCPYH2D_DATA_1_ID:6 --params=MEMCPYD2H_DATA_1_ID:2 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=0
cs_python run.py --name out
