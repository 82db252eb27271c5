#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=14,6 --fabric-offsets=5,3 \
  -o out --memcpy --channels=8 --width-west-buf=0 --width-east-buf=3
