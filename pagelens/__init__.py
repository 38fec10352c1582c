"""pagelens: a multimodal web page parser. Start with :class:`pagelens.Parser`."""

from pagelens.api import LabelledElement, ParseError, ParseResult, Parser, ParserConfig, ScreenshotBox
from pagelens.fill import Profile
from pagelens.product import Money, Product

__all__ = ["LabelledElement", "Money", "ParseError", "ParseResult", "Parser", "ParserConfig",
           "Product", "Profile", "ScreenshotBox"]
