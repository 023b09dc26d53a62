//! `display_data` and `img_src` on hostile bytes: never a panic; every size query is exact (the
//! decode succeeds with exactly that size and fails with one byte less).
#![no_main]

use libfuzzer_sys::fuzz_target;
use qrsign_core::Error;
use qrsign_core::qr::{DisplayData, ImgSrc};

fuzz_target!(|data: &[u8]| {
    if let Ok(shown) = DisplayData::parse(data) {
        if let Ok(len) = shown.qr_data_into(&mut []) {
            assert_eq!(len, 0);
        } else if let Err(Error::BufferTooSmall { needed }) = shown.qr_data_into(&mut []) {
            let mut out = vec![0u8; needed];
            assert_eq!(shown.qr_data_into(&mut out), Ok(needed));
            assert_eq!(
                shown.qr_data_into(&mut out[..needed - 1]),
                Err(Error::BufferTooSmall { needed })
            );
        }
    }
    for parsed in [ImgSrc::parse_response(data), ImgSrc::parse_uri(data)] {
        let Ok(img) = parsed else { continue };
        let len = img.png_len();
        let mut out = vec![0u8; len];
        match img.decode_png_into(&mut out) {
            Ok(n) => {
                assert_eq!(n, len);
                assert!(out.starts_with(b"\x89PNG\r\n\x1a\n"));
                if len > 0 {
                    assert_eq!(
                        img.decode_png_into(&mut out[..len - 1]),
                        Err(Error::BufferTooSmall { needed: len })
                    );
                }
            }
            Err(Error::InvalidDataUri { .. }) => {}
            Err(e) => panic!("decode_png_into: {e:?}"),
        }
    }
});
