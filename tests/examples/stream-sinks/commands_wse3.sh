#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 \
  --params=width:4,height:3,len_a:9,len_b:5,MEMCPYH2D_DATA_1_ID:4,MEMCPYH2D_DATA_2_ID:7 \
  --import-path lib -o out --memcpy --channels=3
cs_python run.py --name out
