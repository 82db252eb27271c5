#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=12,6 --fabric-offsets=4,1 \
  --params=width:5,height:4,max_len:12,MEMCPYH2D_DATA_1_ID:3,MEMCPYD2H_DATA_1_ID:6 \
  -o out --memcpy --channels=2
cs_python run.py --name out
