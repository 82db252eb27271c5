#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,12 --fabric-offsets=5,1 \
  --params=width:12,height:10,nz:20 -o out --memcpy --channels 4 \
  --width-west-buf=1 --width-east-buf=3
cs_python run.py --name out
