#!/usr/bin/env bash
set -e
cslc --arch=wse3 ./layout.csl --fabric-dims=15,12 --fabric-offsets=4,3 --link-section-start-address-bytes=.hi:36628 -o out --memcpy --channels 1
