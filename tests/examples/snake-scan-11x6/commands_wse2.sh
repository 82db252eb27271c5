#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=18,8 --fabric-offsets=4,1 \
  --params=width:11,height:6,len:7 --import-path ./lib -o out --memcpy --channels 1
cs_python run.py --name out
