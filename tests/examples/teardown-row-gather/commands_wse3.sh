#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,10 --fabric-offsets=5,1 \
  --params=width:10,height:8,n:6 -o out --memcpy --channels 4 \
  --width-west-buf=1 --width-east-buf=1
cs_python run.py --name out
