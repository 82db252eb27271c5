#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,10 --fabric-offsets=4,1 \
  --params=width:10,height:8,n:6 -o out --memcpy --channels 2
cs_python run.py --name out
