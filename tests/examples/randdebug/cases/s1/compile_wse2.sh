#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=13,10 --fabric-offsets=5,2 --link-section-start-address-bytes=.hi:44794 -o out --memcpy --channels 1
