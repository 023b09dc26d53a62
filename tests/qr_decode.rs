//! Real decoders read what we render: a few hundred seeded random payloads (URLs, UTF-8 text with
//! Cyrillic, binary, numeric, alphanumeric), all four ECC levels, every version 1-40, drawn at
//! 4-6 pixels per module by every renderer, decoded back by zxing-cpp (and a sample by zbar)
//! through `tests/qr/decode.py`, which turns each output into an image from the formats' public
//! descriptions (Pillow for PBM and raw bits, rsvg-convert for SVG, its own reading of ESC/POS
//! and of terminal half blocks). The decoded bytes must be the payload, and the version, ECC
//! level and mask those of the symbol.
//!
//! Needs the Python tools of `scripts/deps.sh` (`.venv/`, `rsvg-convert`, `zbarimg`): without
//! them the test fails and says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use qrsign::Error;
use qrsign::qr::{
    BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, RenderOptions, encode_binary, encode_text,
    render_bitmap, render_escpos, render_pbm_ascii, render_pbm_binary, render_svg, render_terminal,
    svg_len, terminal_len,
};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Value as Json, json};

/// Payloads: enough to reach every version several times with every kind and ECC level.
const CASES: usize = 320;
const SEED: u64 = 0x5152_5245_4e44; // "QRREND"

#[derive(Clone, Copy, Debug)]
enum Kind {
    Url,
    Text,
    Binary,
    Numeric,
    Alphanumeric,
}

/// How a case is drawn and how the decode script is told to read it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// 1 = dark, as for a printer.
    Bitmap,
    /// `invert`: 1 = lit pixel, as for an LCD whose 1 bits light up.
    BitmapLcd,
    PbmAscii,
    PbmBinary,
    EscPos,
    /// Dark text on a light background, not inverted.
    TerminalLight,
    /// Light text on a dark background, inverted (blocks are the light modules).
    TerminalDark,
    Svg,
}

const FORMATS: [Format; 8] = [
    Format::Bitmap,
    Format::BitmapLcd,
    Format::PbmAscii,
    Format::PbmBinary,
    Format::EscPos,
    Format::TerminalLight,
    Format::TerminalDark,
    Format::Svg,
];

const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const URL_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%=&";
const TEXT_WORDS: &[&str] = &[
    "Оплата",
    "заказа",
    "№",
    "сумма",
    "тенге",
    "Ташкент",
    "Қазақстан",
    "ў",
    "payment",
    "for",
    "order",
    "€",
    "₸",
    "сўм",
    "😀",
    "ё",
    "Ж",
    "—",
    "«чек»",
    "\n",
    "42",
    ",",
    ".",
];

/// A payload of `kind`, `len` units long (characters or bytes).
fn payload(rng: &mut StdRng, kind: Kind, len: usize) -> Vec<u8> {
    match kind {
        Kind::Url => {
            let mut url = String::from("https://paymentpage.example.kz/payment?project_id=");
            write!(url, "{}&payment_id=", rng.random_range(1..100_000u32)).unwrap();
            while url.len() < len {
                url.push(char::from(URL_CHARS[rng.random_range(0..URL_CHARS.len())]));
            }
            url.truncate(len); // small versions hold only the start: still a URL's bytes
            url.into_bytes()
        }
        Kind::Text => {
            let mut text = String::new();
            while text.chars().count() < len {
                text.push_str(TEXT_WORDS[rng.random_range(0..TEXT_WORDS.len())]);
                text.push(' ');
            }
            text.chars().take(len).collect::<String>().into_bytes()
        }
        Kind::Binary => (0..len).map(|_| rng.random()).collect(),
        Kind::Numeric => (0..len).map(|_| b'0' + rng.random_range(0..10u8)).collect(),
        Kind::Alphanumeric => (0..len)
            .map(|_| ALPHANUMERIC[rng.random_range(0..ALPHANUMERIC.len())])
            .collect(),
    }
}

/// About how many units (characters or bytes) of `kind` a symbol holds: the data modules
/// (ISO/IEC 18004's count, as qrcodegen computes it) times the share the ECC level leaves for
/// data, over the bits per unit. An estimate only: `Case::new` shortens what does not fit.
fn capacity_guess(kind: Kind, ecc: Ecc, version: u8) -> usize {
    let v = usize::from(version);
    let mut modules = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        modules -= (25 * align - 10) * align - 55;
        if v >= 7 {
            modules -= 36;
        }
    }
    let data_share = match ecc {
        Ecc::Low => 0.8,
        Ecc::Medium => 0.63,
        Ecc::Quartile => 0.45,
        Ecc::High => 0.35,
    };
    let bits_per_unit = match kind {
        Kind::Numeric => 10.0 / 3.0,
        Kind::Alphanumeric => 5.5,
        Kind::Url | Kind::Binary => 8.0,
        Kind::Text => 14.0, // about 1.7 UTF-8 bytes per character
    };
    ((modules as f64 * data_share - 24.0) / bits_per_unit).max(1.0) as usize
}

/// One payload encoded at exactly `version`, shortened until it fits.
struct Case {
    kind: Kind,
    data: Vec<u8>,
    ecc: Ecc,
    symbol: Vec<u8>,
}

impl Case {
    fn new(rng: &mut StdRng, kind: Kind, ecc: Ecc, version: u8) -> Case {
        // Mostly a forced mask (all eight get drawn; encoding skips the penalty search, which is
        // slow in debug builds), sometimes the automatic choice.
        let mask = rng.random_bool(0.75).then(|| rng.random_range(0..8u8));
        let opts = QrOptions {
            ecc,
            min_version: version,
            max_version: version,
            mask,
            boost_ecc: false,
        };
        // A length up to about the symbol's capacity, then shorter until it fits.
        let mut len = rng.random_range(1..=capacity_guess(kind, ecc, version));
        loop {
            let data = payload(rng, kind, len);
            let (mut temp, mut out) = (vec![0u8; BUFFER_LEN_MAX], vec![0u8; BUFFER_LEN_MAX]);
            let result = match kind {
                Kind::Binary => encode_binary(&data, &mut temp, &mut out, &opts).map(drop),
                _ => encode_text(
                    std::str::from_utf8(&data).unwrap(),
                    &mut temp,
                    &mut out,
                    &opts,
                )
                .map(drop),
            };
            match result {
                Ok(()) => {
                    return Case {
                        kind,
                        data,
                        ecc,
                        symbol: out,
                    };
                }
                Err(Error::DataTooLong { .. }) if len > 1 => len = len * 3 / 4,
                Err(e) => panic!("{kind:?} v{version} {ecc:?}: {e}"),
            }
        }
    }

    fn qr(&self) -> QrCode<'_> {
        QrCode::from_bytes(&self.symbol).unwrap()
    }
}

/// Renders `qr` in `format` into `dir`, returning the manifest entry (without id and zbar).
fn render(dir: &Path, id: usize, qr: &QrCode<'_>, format: Format, scale: usize) -> Json {
    let opts = RenderOptions {
        scale,
        quiet_zone: 4,
        invert: matches!(format, Format::BitmapLcd | Format::TerminalDark),
    };
    let side = opts.side_px(qr.size()).unwrap();
    let mut buf = vec![0u8; 4 * side * side + 1024];
    let (n, ext) = match format {
        Format::Bitmap | Format::BitmapLcd => (render_bitmap(qr, &mut buf, &opts), "bits"),
        Format::PbmAscii => (render_pbm_ascii(qr, &mut buf, &opts), "pbm"),
        Format::PbmBinary => (render_pbm_binary(qr, &mut buf, &opts), "pbm"),
        Format::EscPos => (render_escpos(qr, &mut buf, &opts), "escpos"),
        Format::TerminalLight | Format::TerminalDark => {
            // One terminal cell per module column: the image gets `scale` px per half cell.
            let text_opts = RenderOptions { scale: 1, ..opts };
            assert!(terminal_len(qr, &text_opts).unwrap() <= buf.len());
            (render_terminal(qr, &mut buf, &text_opts), "txt")
        }
        Format::Svg => {
            assert!(svg_len(qr, &opts).unwrap() <= buf.len());
            (render_svg(qr, &mut buf, &opts), "svg")
        }
    };
    let file = format!("{id:03}.{ext}");
    std::fs::write(dir.join(&file), &buf[..n.unwrap()]).unwrap();
    match format {
        Format::Bitmap | Format::BitmapLcd => json!({
            "file": file, "format": "bitmap", "width": side, "height": side,
            "ones": if opts.invert { "light" } else { "dark" },
        }),
        Format::PbmAscii | Format::PbmBinary => json!({"file": file, "format": "pbm"}),
        Format::EscPos => json!({"file": file, "format": "escpos"}),
        Format::TerminalLight | Format::TerminalDark => json!({
            "file": file, "format": "terminal", "cell_px": scale,
            "terminal": if opts.invert { "dark" } else { "light" },
        }),
        Format::Svg => json!({"file": file, "format": "svg"}),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        write!(s, "{b:02x}").unwrap();
        s
    })
}

fn ecc_letter(ecc: Ecc) -> &'static str {
    match ecc {
        Ecc::Low => "L",
        Ecc::Medium => "M",
        Ecc::Quartile => "Q",
        Ecc::High => "H",
    }
}

/// Runs the decode script over `dir`; fails (not skips) without the tools.
fn decode_all(dir: &Path) -> Vec<Json> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/deps.sh (it installs zxing-cpp, Pillow, rsvg-convert and zbar)",
        python.display()
    );
    let run = Command::new(&python)
        .arg(root.join("tests/qr/decode.py"))
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "tests/qr/decode.py failed (run scripts/deps.sh if a tool is missing):\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(dir.join("results.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn work_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("qr_decode");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn decoders_read_every_renderer_back() {
    let dir = work_dir();
    let mut rng = StdRng::seed_from_u64(SEED);
    let kinds = [
        Kind::Url,
        Kind::Text,
        Kind::Binary,
        Kind::Numeric,
        Kind::Alphanumeric,
    ];
    let eccs = [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High];
    let mut cases = Vec::new();
    let mut manifest = String::new();
    let mut zbar_per_format = [0usize; FORMATS.len()];
    for id in 0..CASES {
        let version = u8::try_from(1 + id % 40).unwrap();
        let kind = kinds[rng.random_range(0..kinds.len())];
        let ecc = eccs[rng.random_range(0..eccs.len())];
        let case = Case::new(&mut rng, kind, ecc, version);
        let f = rng.random_range(0..FORMATS.len());
        let scale = rng.random_range(4..=6);
        let mut entry = render(&dir, id, &case.qr(), FORMATS[f], scale);
        // zbar too for the first two of each format.
        zbar_per_format[f] += 1;
        entry["id"] = json!(id);
        entry["zbar"] = json!(zbar_per_format[f] <= 2);
        writeln!(manifest, "{entry}").unwrap();
        cases.push((case, FORMATS[f], scale));
    }
    assert!(
        zbar_per_format.iter().all(|&n| n > 0),
        "every format drawn: {zbar_per_format:?}"
    );
    // Negative controls: the wrong polarity for the medium is not read (no inversion is tried).
    let control = Case::new(&mut rng, Kind::Url, Ecc::Medium, 3);
    let mut entry = render(&dir, CASES, &control.qr(), Format::Bitmap, 4);
    entry["ones"] = json!("light"); // not inverted, shown on an LCD whose 1 bits light up
    entry["id"] = json!(CASES);
    writeln!(manifest, "{entry}").unwrap();
    let mut entry = render(&dir, CASES + 1, &control.qr(), Format::TerminalLight, 4);
    entry["terminal"] = json!("dark"); // not inverted, shown on a dark terminal
    entry["id"] = json!(CASES + 1);
    writeln!(manifest, "{entry}").unwrap();
    std::fs::write(dir.join("manifest.jsonl"), manifest).unwrap();

    let results = decode_all(&dir);
    assert_eq!(results.len(), CASES + 2);
    let mut failures = Vec::new();
    for (id, ((case, format, scale), result)) in cases.iter().zip(&results).enumerate() {
        let qr = case.qr();
        let what = format!(
            "case {id}: {:?} {} bytes, v{} {:?} mask {}, {format:?} at {scale} px/module",
            case.kind,
            case.data.len(),
            qr.version(),
            case.ecc,
            qr.mask()
        );
        let want = json!([{
            "bytes": hex(&case.data),
            "version": qr.version(),
            "ec_level": ecc_letter(case.ecc),
            "mask": qr.mask(),
        }]);
        if qr.ecc() != case.ecc {
            failures.push(format!("{what}: the symbol reads as ECC {:?}", qr.ecc()));
        }
        if result["id"] != json!(id) || !result["error"].is_null() || result["zxing"] != want {
            failures.push(format!("{what}: zxing-cpp gave {result}, want {want}"));
        }
        if result["zbar"].is_array() && result["zbar"] != json!([hex(&case.data)]) {
            failures.push(format!("{what}: zbar gave {}", result["zbar"]));
        }
    }
    for control in &results[CASES..] {
        if control["zxing"] != json!([]) || !control["error"].is_null() {
            failures.push(format!("a wrong-polarity control was read: {control}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {CASES} renders not read back (files in {}):\n{}",
        failures.len(),
        dir.display(),
        failures.join("\n")
    );
    let zbar_checked = results.iter().filter(|r| r["zbar"].is_array()).count();
    assert_eq!(zbar_checked, 2 * FORMATS.len());
}
