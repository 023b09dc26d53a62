#!/usr/bin/env python3
"""Decodes the QR renders listed in DIR/manifest.jsonl with real decoders, for tests/qr_decode.rs.

Usage: .venv/bin/python tests/qr/decode.py DIR

Each manifest line is a JSON object with "id", "file" (relative to DIR), "format" and, per
format, how to turn the file into an image; this script knows the formats only from their
public descriptions, not from our renderer's code:

  pbm       a PBM file, P1 or P4 (Pillow reads it).
  bitmap    raw 1-bit rows, most significant bit first, rows padded to whole bytes; "width",
            "height", and "ones": "dark" (1 = dark pixel) or "light" (1 = lit pixel, an LCD).
  escpos    one ESC/POS "GS v 0" raster command: 1D 76 30 m xL xH yL yH, then the rows
            (x bytes per row, y rows, 1 = black dot).
  terminal  UTF-8 text of half blocks (U+2588 full, U+2580 upper, U+2584 lower, space), as a
            terminal shows it: "terminal": "light" (dark text on a light background) or "dark"
            (light text on a dark background); each half cell becomes "cell_px" square pixels,
            and the picture gets a margin of terminal background around it.
  svg       an SVG document, rasterised by rsvg-convert (librsvg) at its own width and height.

Every image is decoded by zxing-cpp (QR only, no inversion tried: a negative symbol must not
pass); entries with "zbar": true are also decoded by zbarimg (raw bytes). DIR/results.jsonl gets
one line per entry: {"id", "zxing": [{"bytes": hex, "version", "ec_level", "mask"}...],
"zbar": [hex...] or null, "error": null or text}.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import zxingcpp
from PIL import Image

BLOCKS = {"\u2588": (True, True), "\u2580": (True, False), "\u2584": (False, True), " ": (False, False)}


def from_bits(data, width, height, ones):
    """Raw 1-bit rows (MSB first, padded rows) as a greyscale image."""
    # Pillow's raw "1" decoder takes exactly this layout: "1" maps a 1 bit to white, "1;I" to black.
    rawmode = "1;I" if ones == "dark" else "1"
    return Image.frombytes("1", (width, height), bytes(data), "raw", rawmode).convert("L")


def from_escpos(data):
    if data[:3] != b"\x1dv0" or data[3] not in (0, 48):
        raise ValueError(f"not a GS v 0 normal-mode command: {data[:4].hex()}")
    x_bytes = data[4] | data[5] << 8
    y_dots = data[6] | data[7] << 8
    raster = data[8:]
    if len(raster) != x_bytes * y_dots:
        raise ValueError(f"raster is {len(raster)} bytes, the command says {x_bytes} x {y_dots}")
    return from_bits(raster, x_bytes * 8, y_dots, "dark")


def from_terminal(text, terminal, cell_px, margin_cells=4):
    lines = text.split("\n")
    if lines[-1] != "":
        raise ValueError("the text does not end with a newline")
    lines = lines[:-1]
    width = max(len(line) for line in lines)
    fg, bg = (0, 255) if terminal == "light" else (255, 0)
    margin = margin_cells * cell_px
    img = Image.new("L", (width * cell_px + 2 * margin, 2 * len(lines) * cell_px + 2 * margin), bg)
    for row, line in enumerate(lines):
        for col, char in enumerate(line):
            for half, ink in enumerate(BLOCKS[char]):
                if ink:
                    x0 = margin + col * cell_px
                    y0 = margin + (2 * row + half) * cell_px
                    img.paste(fg, (x0, y0, x0 + cell_px, y0 + cell_px))
    return img


def from_svg(path):
    png = path.with_suffix(".png")
    subprocess.run(["rsvg-convert", "--format=png", "-o", str(png), str(path)], check=True)
    with Image.open(png) as img:
        rgba = img.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 0, 0, 255))  # a missing background shows as red
    flat.alpha_composite(rgba)
    return flat.convert("L")


def image_for(entry, path):
    fmt = entry["format"]
    if fmt == "pbm":
        with Image.open(path) as img:
            return img.convert("L")
    if fmt == "bitmap":
        return from_bits(path.read_bytes(), entry["width"], entry["height"], entry["ones"])
    if fmt == "escpos":
        return from_escpos(path.read_bytes())
    if fmt == "terminal":
        return from_terminal(path.read_text(encoding="utf-8"), entry["terminal"], entry["cell_px"])
    if fmt == "svg":
        return from_svg(path)
    raise ValueError(f"unknown format {fmt!r}")


def zxing(img):
    found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode, try_invert=False)
    return [
        {
            "bytes": bytes(b.bytes).hex(),
            "version": int(b.extra.get("Version", 0)),
            "ec_level": b.ec_level,
            "mask": int(b.extra.get("DataMask", -1)),
        }
        for b in found
    ]


def zbar(img, png):
    img.save(png)
    run = subprocess.run(
        ["zbarimg", "--raw", "-q", "--nodbus", "-Sbinary", str(png)], capture_output=True
    )
    # zbarimg exits 4 when it finds nothing.
    return [run.stdout.hex()] if run.returncode == 0 else []


def main():
    missing = [tool for tool in ("rsvg-convert", "zbarimg") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"decode.py: {', '.join(missing)} not found: run scripts/deps.sh")
    out_dir = Path(sys.argv[1])
    results = []
    for line in (out_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        path = out_dir / entry["file"]
        result = {"id": entry["id"], "zxing": [], "zbar": None, "error": None}
        try:
            img = image_for(entry, path)
            result["zxing"] = zxing(img)
            if entry.get("zbar"):
                result["zbar"] = zbar(img, path.with_name(path.name + ".zbar.png"))
        except Exception as e:  # reported per entry: the Rust test shows which render failed
            result["error"] = f"{type(e).__name__}: {e}"
        results.append(json.dumps(result))
    (out_dir / "results.jsonl").write_text("\n".join(results) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
