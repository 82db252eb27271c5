#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=15,6 --fabric-offsets=4,1 \
  --params=width:8,height:4,MEMCPYD2H_DATA_1_ID:5 -o out --memcpy --channels 2
cs_python run.py --name out --channels 2
