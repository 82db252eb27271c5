#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=12,6 --fabric-offsets=4,1 \
  --params=width:5,height:4,len:6,piece:2,bcast_col:2,reduce_row:1,gather_col:3 \
  -o out --memcpy --channels 1
cs_python run.py --name out
