#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=16,6 --fabric-offsets=7,2 \
  --width-west-buf=2 --width-east-buf=1 -o out --memcpy --channels 1
cs_python run.py --name out
