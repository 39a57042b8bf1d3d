from .taxonomy import Instrument

__all__ = ["Instrument"]
