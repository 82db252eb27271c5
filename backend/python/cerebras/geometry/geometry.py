"""Integer coordinates for SdkLayout: IntVector (x, y) and IntRectangle (origin, dims)."""

__all__ = ["IntVector", "IntRectangle"]


class IntVector:
    """Two integers, a PE coordinate (x = column, y = row) or an extent."""

    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = int(x)
        self.y = int(y)

    def __iter__(self):
        yield self.x
        yield self.y

    def __eq__(self, other):
        return isinstance(other, IntVector) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __add__(self, other):
        return IntVector(self.x + other.x, self.y + other.y)

    def __repr__(self):
        return f"IntVector({self.x}, {self.y})"


class IntRectangle:
    """A rectangle given by its north-west corner and its width and height."""

    __slots__ = ("origin", "dims")

    def __init__(self, origin, dims):
        if not isinstance(origin, IntVector) or not isinstance(dims, IntVector):
            raise TypeError("IntRectangle(origin, dims) takes two IntVectors")
        if dims.x < 0 or dims.y < 0:
            raise ValueError(f"IntRectangle: negative dims {dims}")
        self.origin = origin
        self.dims = dims

    def points(self):
        """Every coordinate inside, row by row."""
        for y in range(self.origin.y, self.origin.y + self.dims.y):
            for x in range(self.origin.x, self.origin.x + self.dims.x):
                yield IntVector(x, y)

    def __repr__(self):
        return f"IntRectangle({self.origin!r}, {self.dims!r})"
