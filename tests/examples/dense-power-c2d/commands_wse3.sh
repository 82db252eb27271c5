#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,10 --fabric-offsets=6,1 \
  --params=P:8,T:6 -o out --memcpy --channels 4 --width-west-buf=2 --width-east-buf=2
cs_python run.py --name out
