"""Helpers SDK scripts use around memcpy (cerebras.sdk.sdk_utils)."""
import struct

import numpy as np


def memcpy_view(arr, dtype):
    """A view of the low bits of each 32-bit word of `arr` as `dtype` (16- or 32-bit)."""
    dtype = np.dtype(dtype)
    if arr.dtype.itemsize != 4:
        raise ValueError(f"memcpy_view: the array must be 32-bit, got {arr.dtype}")
    if dtype.itemsize == 4:
        return arr.view(dtype)
    if dtype.itemsize == 2:
        # Little-endian: the low half of each word comes first along the last axis.
        return arr.view(dtype)[..., 0::2]
    raise ValueError(f"memcpy_view: dtype must be 16- or 32-bit, got {dtype}")


def input_array_to_u32(np_arr, sentinel, fast_dim_sz):
    """Zero-extends 16-bit data into uint32 words. With a sentinel, the upper 16 bits
    carry each element's index along the fastest dimension (i % fast_dim_sz)."""
    np_arr = np.asarray(np_arr)
    if np_arr.dtype.itemsize == 4:
        return np_arr.view(np.uint32).ravel()
    if np_arr.dtype.itemsize != 2:
        raise ValueError(f"input_array_to_u32: expected 16- or 32-bit data, got {np_arr.dtype}")
    low = np_arr.ravel().view(np.uint16).astype(np.uint32)
    if sentinel is None:
        return low
    if fast_dim_sz <= 0:
        raise ValueError("input_array_to_u32: fast_dim_sz must be positive")
    index = (np.arange(low.size, dtype=np.uint32) % np.uint32(fast_dim_sz)) << np.uint32(16)
    return low | index


def cast_uint32(x):
    """The bits of a float32 (or any 4-byte scalar) as a Python int."""
    if isinstance(x, (np.float32, float)):
        return struct.unpack("<I", struct.pack("<f", float(x)))[0]
    return int(np.uint32(x))


def float_to_hex(f):
    return hex(cast_uint32(np.float32(f)))


def make_u48(words):
    """A 48-bit timestamp from three 16-bit words, least significant first."""
    return int(words[0]) + (int(words[1]) << 16) + (int(words[2]) << 32)


def sub_ts(words):
    """words: six 16-bit words (start, end); end - start."""
    return make_u48(words[3:]) - make_u48(words[0:3])


def calculate_cycles(timestamp_buf):
    """Cycles between two 48-bit timestamps packed into three 32-bit words (as f32 or u32):
    word0 = start[0] | start[1] << 16, word1 = start[2] | end[0] << 16,
    word2 = end[1] | end[2] << 16."""
    w = [cast_uint32(np.float32(v)) if isinstance(v, (float, np.floating)) else int(v)
         for v in timestamp_buf]
    halves = [w[0] & 0xFFFF, w[0] >> 16, w[1] & 0xFFFF, w[1] >> 16, w[2] & 0xFFFF, w[2] >> 16]
    return sub_ts(halves)


def get_api_info_dict(app_dir):
    """The exported symbols of a compile output directory, keyed by name."""
    import json  # pylint: disable=import-outside-toplevel
    with open(f"{app_dir}/bin/out_rpc.json", encoding="utf-8") as f:
        return {s["name"]: s for s in json.load(f)["rpc_symbols"]}
