#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=25,8 --fabric-offsets=8,3 \
  -o out --memcpy --channels=8 --width-west-buf=2 --width-east-buf=0
