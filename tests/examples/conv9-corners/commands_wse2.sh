#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 \
  --params=PW:4,PH:3,TX:5,TY:3 -o out --memcpy --channels 1
cs_python run.py --name out
