#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=55,50 --fabric-offsets=4,1 \
  --params=width:48,height:48,rounds:6 -o out --memcpy --channels 4
cs_python run.py --name out
