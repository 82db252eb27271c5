#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,18 --fabric-offsets=4,1 \
  --params=width:16,height:16,n:256,buckets:16 \
  --params=MEMCPYH2D_DATA_1_ID:4,MEMCPYH2D_DATA_2_ID:5,MEMCPYD2H_DATA_1_ID:6 \
  -o out --memcpy --channels 4
cs_python run.py --name out
