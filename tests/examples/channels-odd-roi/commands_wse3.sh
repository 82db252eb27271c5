#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=15,14 --fabric-offsets=4,2 \
  --params=width:5,height:11,n:4 -o out --memcpy --channels=7
cs_python run.py --name out
