#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,5 --fabric-offsets=6,1 \
  --params=width:5,height:3,len:12 -o out --memcpy --channels=2 \
  --width-west-buf=2 --width-east-buf=1
cs_python run.py --name out
