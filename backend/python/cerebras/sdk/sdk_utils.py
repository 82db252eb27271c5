"""Helpers SDK scripts use around memcpy (cerebras.sdk.sdk_utils)."""
import struct

import numpy as np


def memcpy_view(arr, dtype):
    """A view of the low 8, 16 or 32 bits of each 32-bit word of `arr` as `dtype`, with
    the shape of `arr` (writing through it changes the words' low bits)."""
    dtype = np.dtype(dtype)
    if arr.dtype.itemsize != 4:
        raise ValueError(f"memcpy_view: the array must be 32-bit, got {arr.dtype}")
    if dtype.itemsize == 4:
        return arr.view(dtype)
    if dtype.itemsize in (1, 2):
        # Little-endian: the low part of each word comes first along the last axis.
        return arr.view(dtype)[..., 0::4 // dtype.itemsize]
    raise ValueError(f"memcpy_view: dtype must be 8-, 16- or 32-bit, got {dtype}")


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
    """The word memcpy carries for x, as np.uint32: the bits of a 32-bit numpy scalar or
    float (as f32), the zero-extended bits of a 16-bit numpy scalar, a Python int modulo
    2**32 (-2**31 <= x < 2**32). An array of 16- or 32-bit elements gives a uint32 array."""
    if isinstance(x, np.ndarray) and x.dtype.itemsize in (2, 4):
        return x.view(np.uint16 if x.dtype.itemsize == 2 else np.uint32).astype(np.uint32)
    if isinstance(x, (np.float16, np.int16, np.uint16)):
        return np.uint32(x.view(np.uint16))
    if isinstance(x, (np.float32, np.int32, np.uint32)):
        return x.view(np.uint32)
    if isinstance(x, (bool, np.bool_)):
        return np.uint32(bool(x))
    if isinstance(x, int):
        if not -(1 << 31) <= x < (1 << 32):
            raise ValueError(f"cast_uint32: {x} does not fit 32 bits")
        return np.uint32(x & 0xFFFFFFFF)
    if isinstance(x, float):
        return np.float32(x).view(np.uint32)
    raise RuntimeError(f"cast_uint32: type {type(x).__name__} is not supported (16- or "
                       "32-bit numpy scalars and arrays, int, float)")


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
    w = [int(cast_uint32(np.float32(v))) if isinstance(v, (float, np.floating)) else int(v)
         for v in timestamp_buf]
    halves = [w[0] & 0xFFFF, w[0] >> 16, w[1] & 0xFFFF, w[1] >> 16, w[2] & 0xFFFF, w[2] >> 16]
    return sub_ts(halves)


# The parameter types of an exported function that launch() passes (out_rpc.json "inputs").
_RPC_TYPES = ("f32", "f16", "i32", "u32", "i16", "u16")
_RPC_RANGES = {"i16": (-(1 << 15), 1 << 15), "u16": (0, 1 << 16), "i32": (-(1 << 31), 1 << 31),
               "u32": (0, 1 << 32)}


def is_valid_primitive_type(para_type):
    """True for the parameter types the SDK's RPC layer supports (f32 f16 i32 u32 i16 u16)."""
    return para_type in _RPC_TYPES


def _shown(value):
    """A value of an out_rpc.json entry as an error message shows it: its type and a short repr."""
    text = repr(value)
    return f"{type(value).__name__} {text[:60] + '...' if len(text) > 60 else text}"


def _host_callable_api(rpc_symbols, where):
    """parse_host_callable_api; a list of the wrong shape is a ValueError that starts with
    `where` and names the entry and what is wrong with it (it was a bare AttributeError,
    KeyError or TypeError from inside this function)."""
    def refuse(what):
        raise ValueError(f"{where}: not a valid out_rpc.json ({what})")

    if not isinstance(rpc_symbols, list):
        refuse(f"rpc_symbols must be a list, got {_shown(rpc_symbols)}")
    api = {}
    for k, sym in enumerate(rpc_symbols):
        if not isinstance(sym, dict):
            refuse(f"rpc_symbols[{k}] must be an object, got {_shown(sym)}")
        if sym.get("kind") != "Func":
            continue
        name = sym.get("name")
        if not isinstance(name, str):
            refuse(f"rpc_symbols[{k}], a Func, has no 'name' string"
                   + ("" if name is None else f" (got {_shown(name)})"))
        entry = f"rpc_symbols[{k}] ('{name}')"
        inputs = sym.get("inputs", [])
        if not isinstance(inputs, list):
            refuse(f"{entry}: 'inputs' must be a list of {{name, type}} objects, got "
                   f"{_shown(inputs)}")
        names, types = [], []
        for i, param in enumerate(inputs):
            if not isinstance(param, dict):
                refuse(f"{entry}: input {i} must be a {{name, type}} object, got {_shown(param)}")
            for field in ("name", "type"):
                if not isinstance(param.get(field), str):
                    refuse(f"{entry}: input {i} has no '{field}' string"
                           + ("" if param.get(field) is None else
                              f" (got {_shown(param.get(field))})"))
            if not (is_valid_primitive_type(param["type"]) or param["type"] == "bool"):
                raise RuntimeError(f"{name}: parameter '{param['name']}' has type "
                                   f"{param['type']}, which is not a supported type")
            names.append(param["name"])
            types.append(param["type"])
        api[name] = (names, types)
    return api


def parse_host_callable_api(rpc_symbols):
    """{function name: ([parameter names], [parameter types])} of the exported functions
    in out_rpc.json's "rpc_symbols" list (exported variables are left out). bool
    parameters, which CSL exports and launch() passes, are kept too. A list of the wrong
    shape is a ValueError naming the entry."""
    return _host_callable_api(rpc_symbols, "rpc_symbols")


def get_api_info_dict_from_json(json_path):
    """parse_host_callable_api of the out_rpc.json file at json_path; a file of the wrong
    shape is a ValueError naming the file and the entry."""
    import json  # pylint: disable=import-outside-toplevel
    with open(json_path, encoding="utf-8") as f:
        try:
            rpc = json.load(f)
        except ValueError as e:  # json's message names no file
            raise ValueError(f"{json_path}: not a valid out_rpc.json ({e})") from None
    if not isinstance(rpc, dict):
        raise ValueError(f"{json_path}: not a valid out_rpc.json (not a JSON object)")
    return _host_callable_api(rpc.get("rpc_symbols", []), json_path)


def get_api_info_dict(app_path):
    """{function name: ([parameter names], [parameter types])} of a compile output
    directory's exported functions (app_path/bin/out_rpc.json)."""
    return get_api_info_dict_from_json(f"{app_path}/bin/out_rpc.json")


def _rpc_type_of(arg, declared):
    """The RPC type a launch() argument has; a Python int takes the declared integer type."""
    if isinstance(arg, (bool, np.bool_)):
        return "bool"
    if isinstance(arg, (float, np.float32)):
        return "f32"
    if isinstance(arg, np.float16):
        return "f16"
    if isinstance(arg, (np.int32, np.int64)):
        return "i32"
    if isinstance(arg, (np.uint32, np.uint64)):
        return "u32"
    if isinstance(arg, np.int16):
        return "i16"
    if isinstance(arg, np.uint16):
        return "u16"
    if isinstance(arg, int):
        low, high = _RPC_RANGES.get(declared, (0, 0))
        return declared if low <= arg < high else "int"
    raise RuntimeError(f"check_rpc_api: argument {arg!r} has type {type(arg).__name__}, which "
                       "is not supported")


def check_rpc_api(name, arg_list, api_info_dict):
    """True when arg_list fits the exported function `name` of api_info_dict (from
    get_api_info_dict) in count and types; otherwise RuntimeError naming the argument."""
    if name not in api_info_dict:
        raise KeyError(f"check_rpc_api: no exported function '{name}' (known: "
                       f"{', '.join(sorted(api_info_dict)) or 'none'})")
    names, types = api_info_dict[name]
    if len(names) != len(arg_list):
        raise RuntimeError(f"check_rpc_api: '{name}' takes {len(names)} arguments, "
                           f"{len(arg_list)} given")
    for i, (arg, param, declared) in enumerate(zip(arg_list, names, types)):
        given = _rpc_type_of(arg, declared)
        if given != declared:
            raise RuntimeError(f"check_rpc_api: '{name}' argument {i} ({param}: {declared}) "
                               f"got {arg!r} of type {given}")
    return True


def getOutputNameFromCompileOptions(option_list):  # pylint: disable=invalid-name
    """The output directory of a cslc command line given as a list of arguments: the value
    of its last -o (`-o DIR`, `-o=DIR`, `-oDIR`), or "out" when it has none."""
    name = "out"
    for i, arg in enumerate(option_list):
        if arg == "-o" and i + 1 < len(option_list):
            name = option_list[i + 1]
        elif arg.startswith("-o=") and len(arg) > 3:
            name = arg[3:]
        elif arg.startswith("-o") and len(arg) > 2 and not arg.startswith("-o="):
            name = arg[2:]
    return name
