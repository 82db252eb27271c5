#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,9 --fabric-offsets=4,1 \
  --params=width:16,height:7,MEMCPYH2D_DATA_1_ID:7 -o out --memcpy --channels 3
cs_python run.py --name out --channels 3
