#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=9,4 --fabric-offsets=4,1 \
  --params=width:2,height:2 -o out --memcpy --channels 1
cslc --arch=wse2 ./layout.csl --fabric-dims=12,3 --fabric-offsets=4,1 \
  --params=width:5,height:1 -o other --memcpy --channels 1
cs_python run.py --name out --other other
