#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,16 --fabric-offsets=5,1 \
  --params=width:6,height:13,n:5 -o out --memcpy --channels=5 \
  --width-west-buf=1 --width-east-buf=3
cs_python run.py --name out
