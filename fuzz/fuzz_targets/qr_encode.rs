//! QR encoding with random options and payloads equals qrcodegen's symbol (differential), and
//! every renderer's size function is exact: the render succeeds into exactly that many bytes
//! and fails with `BufferTooSmall` with one byte less.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qrcodegen_no_heap::{Mask, QrCode as Oracle, QrCodeEcc, Version};
use qrsign_core::Error;
use qrsign_core::qr::{
    BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, RenderOptions, bitmap_len, encode_binary, encode_text,
    escpos_len, pbm_ascii_len, pbm_binary_len, render_bitmap, render_escpos, render_pbm_ascii,
    render_pbm_binary, render_svg, render_terminal, svg_len, terminal_len,
};

#[derive(Arbitrary, Debug)]
struct Input {
    ecc: u8,
    min_version: u8,
    max_version: u8,
    mask: Option<u8>,
    boost_ecc: bool,
    text: bool,
    scale: u8,
    quiet_zone: u8,
    invert: bool,
    data: Vec<u8>,
}

fn oracle(data: &[u8], text: Option<&str>, opts: &QrOptions) -> Option<Vec<u8>> {
    let ecc = match opts.ecc {
        Ecc::Low => QrCodeEcc::Low,
        Ecc::Medium => QrCodeEcc::Medium,
        Ecc::Quartile => QrCodeEcc::Quartile,
        Ecc::High => QrCodeEcc::High,
    };
    let (min, max) = (Version::new(opts.min_version), Version::new(opts.max_version));
    let mask = opts.mask.map(Mask::new);
    let mut temp = vec![0u8; BUFFER_LEN_MAX];
    let mut out = vec![0u8; BUFFER_LEN_MAX];
    let qr = match text {
        Some(t) => Oracle::encode_text(t, &mut temp, &mut out, ecc, min, max, mask, opts.boost_ecc),
        None => {
            temp.get_mut(..data.len())?.copy_from_slice(data);
            Oracle::encode_binary(&mut temp, data.len(), &mut out, ecc, min, max, mask, opts.boost_ecc)
        }
    }
    .ok()?;
    let len = qr.version().buffer_len();
    Some(out[..len].to_vec())
}

/// Renders with exactly `len` bytes (must succeed, filling them) and with one less (must fail).
fn exact(len: Result<usize, Error>, render: impl Fn(&mut [u8]) -> Result<usize, Error>) {
    let Ok(len) = len else { return };
    let mut out = vec![0u8; len];
    assert_eq!(render(&mut out), Ok(len));
    if len > 0 {
        assert_eq!(render(&mut out[..len - 1]), Err(Error::BufferTooSmall { needed: len }));
    }
}

fuzz_target!(|input: Input| {
    let opts = QrOptions {
        ecc: Ecc::from_u8(input.ecc % 4).unwrap_or_default(),
        min_version: input.min_version % 42,
        max_version: input.max_version % 42,
        mask: input.mask.map(|m| m % 9),
        boost_ecc: input.boost_ecc,
    };
    let text = if input.text { std::str::from_utf8(&input.data).ok() } else { None };
    let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
    let ours: Result<QrCode, Error> = match text {
        Some(t) => encode_text(t, &mut temp, &mut out, &opts),
        None => encode_binary(&input.data, &mut temp, &mut out, &opts),
    };
    if opts.validate().is_err() {
        assert_eq!(ours.err(), Some(Error::InvalidQrOption));
        return;
    }
    let want = oracle(&input.data, text, &opts);
    let qr = match ours {
        Ok(qr) => qr,
        Err(e) => {
            assert!(want.is_none(), "qrcodegen encodes what we refuse: {e:?}");
            return;
        }
    };
    assert_eq!(Some(qr.as_bytes().to_vec()), want);
    let r = RenderOptions {
        scale: usize::from(input.scale % 4),
        quiet_zone: usize::from(input.quiet_zone % 6),
        invert: input.invert,
    };
    let size = qr.size();
    exact(bitmap_len(size, &r), |b| render_bitmap(&qr, b, &r));
    exact(escpos_len(size, &r), |b| render_escpos(&qr, b, &r));
    exact(pbm_ascii_len(size, &r), |b| render_pbm_ascii(&qr, b, &r));
    exact(pbm_binary_len(size, &r), |b| render_pbm_binary(&qr, b, &r));
    exact(svg_len(&qr, &r), |b| render_svg(&qr, b, &r));
    exact(terminal_len(&qr, &r), |b| render_terminal(&qr, b, &r));
});
