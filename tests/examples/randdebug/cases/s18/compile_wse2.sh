#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=104,38 --fabric-offsets=68,12 --link-section-start-address-bytes=.hi:37500 -o out --memcpy --channels 1
