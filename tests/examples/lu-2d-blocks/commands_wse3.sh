#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=13,8 --fabric-offsets=4,1 \
  --params=P:6,T:4 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
