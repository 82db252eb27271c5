#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=27,18 --fabric-offsets=6,1 \
  --params=width:16,height:16,n:256,buckets:16 \
  --params=MEMCPYH2D_DATA_1_ID:0,MEMCPYH2D_DATA_2_ID:1,MEMCPYD2H_DATA_1_ID:2 \
  -o out --memcpy --channels 4 --width-west-buf=2 --width-east-buf=2
cs_python run.py --name out
