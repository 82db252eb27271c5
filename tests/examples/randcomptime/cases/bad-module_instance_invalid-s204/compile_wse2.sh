#!/usr/bin/env bash
# cslc must refuse this program (an error, in bounded time); run.py checks the message.
timeout 300 cslc --arch=wse2 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 -o out --memcpy --channels 1 >cslc.log 2>&1
echo $? >cslc.rc
exit 0
