#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=11,6 --fabric-offsets=4,1 \
  --params=PW:4,PH:3,Tm:3,Tn:2,K:10,MEMCPYH2D_DATA_1_ID:5,MEMCPYH2D_DATA_2_ID:6 \
  -o out --memcpy --channels 1
cs_python run.py --name out
