"""The exact arithmetic of results (awards.results): sums of one-decimal points read as whole
numbers of tenths (exact on SQLite's doubles and PostgreSQL's numeric alike), means and
standard deviations rounded half-up to two places."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")


def rounded(value) -> Decimal | None:
    """A Fraction, float or Decimal rounded half-up to two places; None stays None."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    elif isinstance(value, float):
        value = Decimal(repr(value))
    return Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def ratio(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator (integers, numerator ≥ 0) rounded half-up to two places, exactly."""
    hundredths = (numerator * 200 + denominator) // (2 * denominator)
    return Decimal(hundredths).scaleb(-2)


def tenths(value) -> int:
    """A sum of one-decimal values as a whole number of tenths. Exact on PostgreSQL (numeric);
    on SQLite the sum is a double whose error is far below a twentieth, so rounding recovers
    the exact number."""
    return 0 if value is None else round(value * 10)


def hundredths(value) -> int:
    """A sum of squares of one-decimal values, as a whole number of hundredths (as tenths)."""
    return 0 if value is None else round(value * 100)


def population_stdev(n: int, tenths: int, square_hundredths: int) -> Decimal:
    """The population standard deviation of n values from their sum (in tenths) and the sum of
    their squares (in hundredths), exactly up to the square root: sqrt(n·Q − T²) / (10 n)."""
    spread = max(n * square_hundredths - tenths * tenths, 0)
    return (Decimal(spread).sqrt() / (10 * n)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
