#!/usr/bin/env bash
set -e

# A column one PE wide, a row one PE high, then a 12x10 block.
cslc --arch=wse3 ./layout.csl --fabric-dims=8,8 --fabric-offsets=4,1 \
  --params=width:1,height:5,n:257 -o out_col --memcpy --channels 1
cs_python run.py --name out_col
cslc --arch=wse3 ./layout.csl --fabric-dims=13,3 --fabric-offsets=4,1 \
  --params=width:6,height:1,n:257 -o out_row --memcpy --channels 1
cs_python run.py --name out_row
cslc --arch=wse3 ./layout.csl --fabric-dims=19,14 --fabric-offsets=4,1 \
  --params=width:12,height:10,n:300 -o out_block --memcpy --channels 1
cs_python run.py --name out_block
