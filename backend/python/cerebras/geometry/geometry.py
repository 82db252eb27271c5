"""Integer coordinates for SdkLayout: IntVector (x, y) and IntRectangle (two corners)."""

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
    """A rectangle given by two corners: the upper-left one, inside, and the lower-right
    one, just outside (IntRectangle(IntVector(i, 0), IntVector(i + 1, h)) is column i, as
    the SDK's gemv tutorial writes it with `ul` and `lr`). `origin` and `dims` are its
    upper-left corner and its width and height. (Until session 10 the second vector was
    read as the width and height, which covered more columns for i > 0.)"""

    __slots__ = ("origin", "dims")

    def __init__(self, ul, lr):
        if not isinstance(ul, IntVector) or not isinstance(lr, IntVector):
            raise TypeError("IntRectangle(ul, lr) takes two IntVectors")
        if lr.x < ul.x or lr.y < ul.y:
            raise ValueError(f"IntRectangle: the lower-right corner {lr} lies above or left "
                             f"of the upper-left corner {ul}")
        self.origin = ul
        self.dims = IntVector(lr.x - ul.x, lr.y - ul.y)

    def points(self):
        """Every coordinate inside, row by row."""
        for y in range(self.origin.y, self.origin.y + self.dims.y):
            for x in range(self.origin.x, self.origin.x + self.dims.x):
                yield IntVector(x, y)

    def __repr__(self):
        return f"IntRectangle({self.origin!r}, {self.origin + self.dims!r})"
