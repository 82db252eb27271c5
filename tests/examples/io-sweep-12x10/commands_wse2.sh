#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=22,12 --fabric-offsets=6,1 \
  --params=width:12,height:10,len:200,MEMCPYH2D_DATA_1_ID:3,MEMCPYD2H_DATA_1_ID:7 \
  -o out --memcpy --channels 4 --width-west-buf=2 --width-east-buf=1
cs_python run.py --name out
