#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=22,10 --fabric-offsets=7,1 \
  --params=width:10,height:8,nz:24 -o out --memcpy --channels 4 \
  --width-west-buf=3 --width-east-buf=2
cs_python run.py --name out
