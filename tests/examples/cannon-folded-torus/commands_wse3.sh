#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=19,12 --fabric-offsets=4,1 \
  --params=P:10,Mt:3,Kt:4,Nt:5 -o out --memcpy --channels 2 --width-east-buf=2
cs_python run.py --name out
