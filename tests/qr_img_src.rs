//! JetPay `img_src`: PNGs made by the `png` crate, base64-encoded by the `base64` crate, come
//! back byte for byte (and decode to the same pixels); each kind of bad input gets its error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
mod common;

use proptest::prelude::*;
use qrsign::Error;
use qrsign::qr::ImgSrc;

/// The documentation's example response (tests/data/README.md): its base64 is elided.
const SEED_RESPONSE: &str = include_str!("data/jetpay-generate-qr-response.json");

/// A `side`×`side` grayscale PNG whose pixels follow `pixel`, encoded by the `png` crate.
fn png_image(side: u32, pixel: impl Fn(u32, u32) -> u8) -> (Vec<u8>, Vec<u8>) {
    let pixels: Vec<u8> = (0..side * side)
        .map(|i| pixel(i % side, i / side))
        .collect();
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    (file, pixels)
}

/// A QR-like 29×29 checkerboard (a few hundred bytes of PNG).
fn small_png() -> Vec<u8> {
    png_image(29, |x, y| if (x / 3 + y / 3) % 2 == 0 { 0 } else { 255 }).0
}

/// A noisy image whose PNG is many base64 chunks long.
fn large_png() -> (Vec<u8>, Vec<u8>) {
    png_image(120, |x, y| {
        (x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)).to_le_bytes()[1]
    })
}

fn uri_of(png: &[u8]) -> String {
    format!("data:image/png;base64,{}", STANDARD.encode(png))
}

/// The response as serde_json writes it, and as PHP's json_encode does (`/` as `\/`).
fn responses(uri: &str) -> [String; 2] {
    let plain = serde_json::json!({ "img_src": uri }).to_string();
    let php = plain.replace('/', "\\/");
    [plain, php]
}

/// Decodes into an exactly sized buffer; on failure checks that nothing was written.
fn decode(img: &ImgSrc<'_>) -> Result<Vec<u8>, Error> {
    let mut out = vec![0xA5u8; img.png_len()];
    match img.decode_png_into(&mut out) {
        Ok(n) => {
            assert_eq!(n, out.len());
            Ok(out)
        }
        Err(e) => {
            assert!(out.iter().all(|&b| b == 0xA5), "{e:?} left bytes written");
            Err(e)
        }
    }
}

#[test]
fn png_round_trip_through_the_response_and_the_bare_uri() {
    let (large, pixels) = large_png();
    assert!(
        STANDARD.encode(&large).len() > 4 * 256,
        "spans several chunks"
    );
    for png in [small_png(), large] {
        let uri = uri_of(&png);
        for response in responses(&uri) {
            let img = ImgSrc::parse_response(response.as_bytes()).unwrap();
            assert_eq!(img.png_len(), png.len(), "exact size before decoding");
            assert_eq!(decode(&img).unwrap(), png);
        }
        assert_eq!(
            decode(&ImgSrc::parse_uri(uri.as_bytes()).unwrap()).unwrap(),
            png
        );
    }
    // The PNG decoder reads back the same pixels.
    let out = decode(&ImgSrc::parse_uri(uri_of(&large_png().0).as_bytes()).unwrap()).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(out));
    let mut reader = decoder.read_info().unwrap();
    let mut image = vec![0u8; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut image).unwrap();
    assert_eq!(&image[..frame.buffer_size()], &pixels[..]);
}

#[test]
fn every_padding_length_is_sized_exactly() {
    // PNG lengths of each residue mod 3: 0, 1 and 2 `=`.
    let png = large_png().0;
    for len in [png.len() - 2, png.len() - 1, png.len()] {
        let uri = uri_of(&png[..len]);
        let img = ImgSrc::parse_uri(uri.as_bytes()).unwrap();
        assert_eq!(img.png_len(), len);
        assert_eq!(decode(&img).unwrap(), &png[..len]);
    }
}

#[test]
fn the_header_is_case_insensitive_and_may_have_parameters() {
    let png = small_png();
    let data = STANDARD.encode(&png);
    for header in [
        "DATA:IMAGE/PNG;BASE64",
        "data:Image/Png;Base64",
        "data:image/png;charset=binary;base64",
    ] {
        let uri = format!("{header},{data}");
        assert_eq!(
            decode(&ImgSrc::parse_uri(uri.as_bytes()).unwrap()).unwrap(),
            png,
            "{header}"
        );
    }
}

#[test]
fn a_small_buffer_is_told_the_exact_size_and_left_alone() {
    let png = small_png();
    let uri = uri_of(&png);
    let img = ImgSrc::parse_uri(uri.as_bytes()).unwrap();
    let mut out = vec![0xAAu8; png.len() - 1];
    assert_eq!(
        img.decode_png_into(&mut out),
        Err(Error::BufferTooSmall { needed: png.len() })
    );
    assert!(out.iter().all(|&b| b == 0xAA));
    // A bigger buffer is fine: only the PNG's bytes are written.
    let mut big = vec![0xAAu8; png.len() + 10];
    assert_eq!(img.decode_png_into(&mut big), Ok(png.len()));
    assert_eq!(&big[..png.len()], &png[..]);
    assert!(big[png.len()..].iter().all(|&b| b == 0xAA));
}

#[test]
fn bad_data_uris_get_invalid_data_uri_at_the_offending_byte() {
    let png = small_png();
    let data = STANDARD.encode(&png);
    let header = "data:image/png;base64,";
    let at = |offset: usize| Err(Error::InvalidDataUri { offset });
    let parse = |uri: &str| ImgSrc::parse_uri(uri.as_bytes()).and_then(|img| decode(&img));
    // Wrong media type, no `;base64`, not a data URI, no `,`.
    assert_eq!(parse(&format!("data:image/jpeg;base64,{data}")), at(5));
    assert_eq!(parse(&format!("data:;base64,{data}")), at(5));
    assert_eq!(parse(&format!("data:image/png,{data}")), at(14));
    assert_eq!(parse(&format!("data:image/png;base64;x=y,{data}")), at(21));
    assert_eq!(parse(&format!("data:image/png;utf8,{data}")), at(14));
    assert_eq!(parse(&format!("https://x/image/png;base64,{data}")), at(0));
    assert_eq!(parse("data:image/png;base64"), at(21));
    assert_eq!(parse(&format!("data:image/png;base64{data}")), at(128));
    // Bad base64: a byte outside the alphabet (early, and late in a later chunk), padding in
    // the middle, a length that is not whole quads, a URL-safe alphabet character.
    for i in [0, 7, 600.min(data.len() - 5)] {
        for bad in [b'!', b'-', b'=', b' '] {
            let mut broken = data.clone().into_bytes();
            broken[i] = bad;
            let uri = format!("{header}{}", String::from_utf8(broken).unwrap());
            assert_eq!(parse(&uri), at(header.len() + i), "{} at {i}", bad as char);
        }
    }
    let short = &data[..data.len() - 1];
    assert_eq!(
        parse(&format!("{header}{short}")),
        at(header.len() + short.len() / 4 * 4)
    );
    // Not a PNG: a GIF, and too short to hold a PNG signature.
    let gif = STANDARD.encode(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    assert_eq!(parse(&format!("{header}{gif}")), at(header.len()));
    assert_eq!(
        parse(&format!("{header}{}", STANDARD.encode(&png[..7]))),
        at(header.len())
    );
    // A backslash is not part of a bare URI.
    assert_eq!(parse(&format!("data:image\\/png;base64,{data}")), at(10));
}

#[test]
fn offsets_count_the_uri_after_json_unescaping() {
    let png = small_png();
    let mut uri = uri_of(&png).into_bytes();
    let i = uri.len() - 9;
    uri[i] = b'*';
    let uri = String::from_utf8(uri).unwrap();
    // Found while decoding: padding in the middle.
    let padded = uri.replacen('*', "=", 1);
    for response in responses(&padded) {
        let img = ImgSrc::parse_response(response.as_bytes()).unwrap();
        assert_eq!(decode(&img), Err(Error::InvalidDataUri { offset: i }));
    }
    for response in responses(&uri) {
        let parsed = ImgSrc::parse_response(response.as_bytes());
        assert_eq!(parsed.unwrap_err(), Error::InvalidDataUri { offset: i });
    }
}

#[test]
fn the_documentation_example_has_elided_base64() {
    let uri: serde_json::Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    let dots = uri["img_src"].as_str().unwrap().find("...").unwrap();
    assert_eq!(
        ImgSrc::parse_response(SEED_RESPONSE.as_bytes()).unwrap_err(),
        Error::InvalidDataUri { offset: dots }
    );
}

#[test]
fn bad_responses_get_their_json_errors() {
    let uri = uri_of(&small_png());
    let good = serde_json::json!({ "img_src": uri }).to_string();
    let cases: Vec<(String, Error)> = vec![
        (
            good[..good.len() - 1].to_owned(),
            Error::MalformedJson {
                offset: good.len() - 1,
            },
        ),
        (good[..40].to_owned(), Error::MalformedJson { offset: 40 }),
        (String::new(), Error::MalformedJson { offset: 0 }),
        (
            format!("{good},"),
            Error::MalformedJson { offset: good.len() },
        ),
        (
            format!(r#"{{"x":tru,"img_src":"{uri}"}}"#),
            Error::MalformedJson { offset: 5 },
        ),
        (format!(r#"["{uri}"]"#), Error::UnexpectedType { offset: 0 }),
        (
            r#" {"qr":"x"}"#.to_owned(),
            Error::UnexpectedType { offset: 1 },
        ),
        (
            r#"{"img_src":null}"#.to_owned(),
            Error::UnexpectedType { offset: 11 },
        ),
        (
            r#"{"img_src":{"src":"x"}}"#.to_owned(),
            Error::UnexpectedType { offset: 11 },
        ),
        (
            format!(r#"{{"img_src":"{uri}","img_src":"{uri}"}}"#),
            Error::DuplicateKey {
                offset: uri.len() + 15,
            },
        ),
        (
            format!(r#"{{"img_src":"{uri}","a":"\q"}}"#),
            Error::InvalidEscape {
                offset: uri.len() + 19,
            },
        ),
    ];
    for (text, want) in cases {
        assert_eq!(
            ImgSrc::parse_response(text.as_bytes()).unwrap_err(),
            want,
            "{text}"
        );
    }
    // Other members are ignored.
    let extra = format!(r#"{{"status":"ok","img_src":"{uri}","meta":{{"a":[1,2]}}}}"#);
    assert!(ImgSrc::parse_response(extra.as_bytes()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Random edits and truncations of a real response never panic; what is accepted is JSON,
    /// and a decoded image starts with the PNG signature.
    #[test]
    fn edited_responses_never_panic(
        edits in common::edits()
    ) {
        let [_, php] = responses(&uri_of(&small_png()));
        let mut body = php.into_bytes();
        common::apply_edits(&mut body, &edits);
        if let Ok(img) = ImgSrc::parse_response(&body) {
            serde_json::from_slice::<serde_json::Value>(&body).expect("accepted but not JSON");
            let mut out = vec![0xA5u8; img.png_len()];
            match img.decode_png_into(&mut out) {
                Ok(n) => {
                    prop_assert_eq!(&out[..8], b"\x89PNG\r\n\x1a\n");
                    prop_assert_eq!(n, img.png_len());
                }
                Err(_) => prop_assert!(out.iter().all(|&b| b == 0xA5), "written on failure"),
            }
        }
    }
}
