"""Icons as inline SVG markup, so exported files never link to a file.

Each icon in ``resources/icons`` is read once (paths only through
:func:`assistant.core.io.paths.resource_path`), sanitised (no scripts, no external
references, no event handlers) and turned into the markup of its children, with
every ``id`` prefixed so that two inlined icons can never clash.

>>> markup = icon_markup("s3", "n1")
>>> "<title>" in markup, "href" in markup
(False, False)
>>> icon_markup("no-such-icon", "n2") == icon_markup("generic", "n2")
True
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..core.diagram.scene import Node
from ..core.io.paths import resource_path

__all__ = ["Icon", "icon_data_uri", "icon_for", "icon_markup", "load_icon", "serialize"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

# Elements we never copy: they could run code, pull in files or URLs, or carry metadata.
_DROP_TAGS = {"script", "foreignObject", "image", "title", "desc", "metadata", "style", "a"}
_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")


@dataclass(frozen=True, slots=True)
class Icon:
    """A sanitised icon: its viewBox and its children as an element list."""

    name: str
    view_box: tuple[float, float, float, float]
    children: tuple[ET.Element, ...]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@functools.cache
def _have(name: str) -> bool:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "", name)
    return bool(safe) and resource_path("icons", f"{safe}.svg").is_file()


def icon_for(node: Node) -> str:
    """The icon a node is drawn with, in every format: its service's own icon when one was
    drawn (``resources/icons/<service id>.svg``, e.g. each SageMaker feature), else the icon
    the pack names, else the generic icon in its category's colour.

    >>> icon_for(Node("x", "Multi-model", service="multi-model-endpoint", icon="sagemaker"))
    'multi-model-endpoint'
    >>> icon_for(Node("y", "Amazon S3", service=None, icon="s3"))
    's3'
    >>> icon_for(Node("z", "Something", icon="generic", category="storage"))
    'generic-storage'
    """
    if node.service and _have(node.service):
        return node.service
    if node.icon != "generic" and _have(node.icon):
        return node.icon
    fallback = f"generic-{node.category}"
    return fallback if _have(fallback) else "generic"


@functools.lru_cache(maxsize=256)
def load_icon(name: str) -> Icon:
    """The icon ``name`` (file stem), or the generic icon when it is missing or unreadable."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "", name)
    path = resource_path("icons", f"{safe}.svg")
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        if name == "generic":
            return Icon("generic", (0, 0, 64, 64), ())
        return load_icon("generic")
    box = (root.get("viewBox") or "0 0 64 64").replace(",", " ").split()
    try:
        vb = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
    except (IndexError, ValueError):
        vb = (0.0, 0.0, 64.0, 64.0)
    return Icon(safe, vb, tuple(c for c in root if _local(c.tag) not in _DROP_TAGS))


def _xml_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
    )


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serialize(el: ET.Element, prefix: str = "") -> str:
    """``el`` as SVG markup without namespace prefixes, ids prefixed with ``prefix``.

    Drops unsafe elements and attributes (event handlers, external references) on the way.
    """
    tag = _local(el.tag)
    if tag in _DROP_TAGS or not isinstance(el.tag, str):
        return ""
    parts = [f"<{tag}"]
    for key, value in el.attrib.items():
        name = _local(key)
        if name.lower().startswith("on"):
            continue
        if name == "href":
            if not value.startswith("#"):
                continue
            value = f"#{prefix}{value[1:]}"
            name = "xlink:href"
        elif name == "id":
            value = f"{prefix}{value}"
        else:
            if "url(" in value and _REF.sub("", value).count("url(") > 0:
                continue  # a url() to anything but a local id
            value = _REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
        parts.append(f' {name}="{_xml_attr(value)}"')
    inner = _xml_text((el.text or "").strip()) + "".join(
        serialize(c, prefix) + _xml_text((c.tail or "").strip()) for c in el
    )
    if inner:
        return "".join(parts) + f">{inner}</{tag}>"
    return "".join(parts) + "/>"


def icon_markup(name: str, prefix: str) -> str:
    """The icon's children as SVG markup in its own 0..viewBox coordinates.

    The icon is serialised once with a mark where the prefix goes (a NUL, which no XML
    file holds) and each node's prefix is put in its place, escaped as :func:`serialize`
    escapes it: the prefix only ever stands in attribute values, and that escaping works
    character by character, so the markup is what serialising each time would give.

    >>> icon_markup("s3", "a&b") == "".join(serialize(c, "a&b-") for c in load_icon("s3").children)
    True
    """
    return _markup(name).replace(_MARK, _xml_attr(f"{prefix}-"))


_MARK = "\0"


@functools.lru_cache(maxsize=256)
def _markup(name: str) -> str:
    return "".join(serialize(c, _MARK) for c in load_icon(name).children)


def icon_svg(name: str) -> str:
    """A complete, sanitised standalone SVG document of the icon."""
    icon = load_icon(name)
    x, y, w, h = icon.view_box
    body = icon_markup(name, "i")
    return (
        f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" width="{w:g}" height="{h:g}" '
        f'viewBox="{x:g} {y:g} {w:g} {h:g}">{body}</svg>'
    )


def icon_data_uri(name: str) -> str:
    """The icon as a base64 ``data:image/svg+xml`` URI in draw.io's style syntax.

    draw.io writes ``data:image/svg+xml,BASE64`` (no ``;base64``: ``;`` separates
    style entries), and so do we.
    """
    import base64

    return "data:image/svg+xml," + base64.b64encode(icon_svg(name).encode()).decode("ascii")
