#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 \
  --params=width:4,height:3 \
  --params=MEMCPYH2D_DATA_1_ID:2,MEMCPYH2D_DATA_2_ID:5,MEMCPYD2H_DATA_1_ID:7,MEMCPYD2H_DATA_2_ID:9 \
  -o out --memcpy --channels=2
cs_python run.py --name out
