#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,6 --fabric-offsets=4,1 \
  --params=PC:4,PR:4,Mt:6,Nt:5,MEMCPYH2D_DATA_1_ID:0,MEMCPYH2D_DATA_2_ID:1,MEMCPYD2H_DATA_1_ID:2 \
  --colors=x_bcast:3,sum_even:4,sum_odd:5 -o out --memcpy --channels 1
cs_python run.py --name out
