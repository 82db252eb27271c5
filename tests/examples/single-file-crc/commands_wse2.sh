#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 \
  --params=poly:4129,init:65535,max_words:40 -o out --memcpy --channels 1
cs_python run.py --name out
