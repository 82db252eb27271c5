#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=17,8 --fabric-offsets=4,1 \
  --params=width:10,height:6,maxdeg:7,points:9 --import-path ./lib -o out --memcpy --channels 1
cs_python run.py --name out
