#!/usr/bin/env bash
set -e

# 8 channels for 11 rows, west and east buffers, the rectangle at (8, 3).
cslc --arch wse3 ./layout.csl --fabric-dims=22,15 --fabric-offsets=8,3 \
  --params=width:7,height:11,n:5 \
  --params=MEMCPYH2D_DATA_1_ID:9 --params=MEMCPYD2H_DATA_1_ID:3 \
  -o=out --memcpy --channels=8 --width-west-buf=4 --width-east-buf=2
cs_python run.py --name out
