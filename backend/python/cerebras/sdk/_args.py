"""Argument checks shared by SdkRuntime and debug_util: a wrong-typed argument is refused
with a message naming the call, the argument and the value given, instead of whatever
Python, numpy or protobuf say when it reaches them (a str coordinate: "unsupported operand
type(s) for -"; dtype=None: read silently as float64; dtype 'U1': an interpreter-internal
SystemError)."""
import numpy as np

# The kinds of numpy dtype a symbol's bytes can be read as: bool, integers, floats,
# complex, raw bytes ('V', 'S'). Text ('U'), dates ('M', 'm') and objects have no meaning
# as SRAM bytes.
_BYTE_KINDS = "biufcVS"


def integer(call, name, value):
    """An integer argument as the SDK's binding takes it: int or numpy integer, never a
    float (no silent truncation), a string or a bool."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{call}: {name} must be an integer, got {type(value).__name__} "
                        f"{value!r}")
    # The wire carries 64-bit integers (protobuf said only "Value out of range").
    if not -2**63 <= int(value) < 2**63:
        raise ValueError(f"{call}: {name} {int(value)} does not fit 64 bits")
    return int(value)


def symbol_name(call, name, value):
    """A symbol name argument: a str (protobuf said "5 has type int, but expected one of:
    bytes, unicode" without the call, and took None as the empty name)."""
    if not isinstance(value, str):
        raise TypeError(f"{call}: {name} must be a str (the exported name), got "
                        f"{type(value).__name__} {value!r}")
    # The appliance's messages end at a NUL: 'buf\x00' read as the unknown name 'buf'.
    if "\x00" in value:
        raise ValueError(f"{call}: {name} {value!r} contains a NUL character")
    return value


def element_dtype(call, value):
    """The numpy dtype a symbol's bytes are read as: given explicitly (None is not float64),
    of a fixed size, and of a kind bytes can be viewed as."""
    if value is None:
        raise TypeError(f"{call}: dtype must be a numpy dtype such as np.uint32, got None")
    try:
        dtype = np.dtype(value)
    except TypeError as e:
        raise TypeError(f"{call}: dtype {value!r} is not a numpy dtype ({e})") from None
    if dtype.kind not in _BYTE_KINDS or dtype.hasobject:
        raise TypeError(f"{call}: dtype {value!r} ({dtype}) cannot hold a symbol's bytes; give "
                        "a numeric dtype such as np.uint32, np.float32 or np.int16 (or raw "
                        "bytes, 'V<n>')")
    if dtype.itemsize == 0:
        raise TypeError(f"{call}: dtype {dtype} has no fixed size; give one such as np.uint32")
    return dtype
