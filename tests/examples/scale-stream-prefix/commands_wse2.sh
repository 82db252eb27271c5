#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=23,18 --fabric-offsets=4,1 \
  --params=width:16,height:16,MEMCPYH2D_DATA_1_ID:2,MEMCPYD2H_DATA_1_ID:5 \
  -o out --memcpy --channels=4
cs_python run.py --name out --n 24
