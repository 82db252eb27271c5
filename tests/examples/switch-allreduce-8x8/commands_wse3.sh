#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=20,11 --fabric-offsets=6,1 \
  --params=width:9,height:9,n:5 -o out --memcpy --channels 4 \
  --width-west-buf=2 --width-east-buf=2
cs_python run.py --name out
