#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=9,4 --fabric-offsets=4,1 \
  --params=bins:10,MEMCPYH2D_DATA_1_ID:0 -o out --memcpy --channels 1
cs_python run.py --name out
