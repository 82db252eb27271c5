#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=20,9 --fabric-offsets=4,1 \
  --params=width:13,height:7,len:5 --colors=color_a:3,color_b:6 \
  --import-path ./lib -o out --memcpy --channels 1
cs_python run.py --name out
