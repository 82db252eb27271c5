#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=39,18 --fabric-offsets=4,1 \
  --params=width:32,height:16,n:12 --colors=row_even:1,row_odd:2,col_even:3,col_odd:4 \
  -o out --memcpy --channels 1
cs_python run.py --name out
