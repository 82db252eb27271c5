#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=13,5 --fabric-offsets=4,1 \
  --params=width:6,height:3 -o out --memcpy --channels 4
cs_python run.py --name out --channels 4
