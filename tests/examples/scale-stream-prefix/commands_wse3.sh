#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=29,18 --fabric-offsets=7,1 \
  --params=width:16,height:16,MEMCPYH2D_DATA_1_ID:2,MEMCPYD2H_DATA_1_ID:5 \
  -o out --memcpy --channels=16 --width-west-buf=3 --width-east-buf=3
cs_python run.py --name out --n 20
