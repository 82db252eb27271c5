#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=15,9 --fabric-offsets=7,1 --fp16-format=bf16 --link-section-start-address-bytes=.hi:45570 -o out --memcpy --channels 1
