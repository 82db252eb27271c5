#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,6 --fabric-offsets=4,1 \
  --params=width:8,height:4,MEMCPYH2D_DATA_1_ID:7 -o out --memcpy --channels 1
cs_python run.py --name out
