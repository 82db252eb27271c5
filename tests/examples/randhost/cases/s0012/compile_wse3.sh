#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=35,4 --fabric-offsets=17,1 \
  -o out --memcpy --channels=1 --width-west-buf=1 --width-east-buf=1
