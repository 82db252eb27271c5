#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=14,9 --fabric-offsets=4,1 \
  --params=P:7,T:5 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
