#!/usr/bin/env bash
set -e

# 16 channels for 16 rows; the program rectangle starts at (5, 2).
cslc --arch wse2 ./layout.csl --fabric-dims=16,19 --fabric-offsets=5,2 \
  --params=width:5,height:16,n:6 \
  --params=MEMCPYH2D_DATA_1_ID:2 --params=MEMCPYD2H_DATA_1_ID:7 \
  -o=out --memcpy --channels=16 --width-west-buf=1 --width-east-buf=0
cs_python run.py --name out
