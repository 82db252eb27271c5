#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=10,4 --fabric-offsets=4,1 \
  --params=width:3,height:2,num_bits:128 \
  --params=MEMCPYH2D_DATA_1_ID:1 --params=MEMCPYD2H_DATA_1_ID:9 \
  -o out --memcpy --channels=2
cs_python run.py --name out
