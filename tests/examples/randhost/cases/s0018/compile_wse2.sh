#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=22,11 --fabric-offsets=6,3 \
  -o out --memcpy --channels=4 --width-west-buf=2 --width-east-buf=0
