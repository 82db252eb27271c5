#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=12,5 --fabric-offsets=4,1 \
  --params=width:5,height:3,image_width:7,rows_per_pe:2,k:4 \
  --params=MEMCPYD2H_DATA_1_ID:1 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=0
cs_python run.py --name out
