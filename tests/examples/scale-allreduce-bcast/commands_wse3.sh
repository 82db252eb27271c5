#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=25,18 --fabric-offsets=6,1 \
  --params=W:14,H:16,n:36 -o out --memcpy --channels 8 --width-west-buf=2 --width-east-buf=2
cs_python run.py --name out
