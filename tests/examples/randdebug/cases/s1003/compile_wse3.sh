#!/usr/bin/env bash
set -e
cslc --arch=wse3 ./layout.csl --fabric-dims=8,8 --fabric-offsets=4,1 --link-section-start-address-bytes=.hi:43134 -o out --memcpy --channels 1
