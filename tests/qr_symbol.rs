//! The symbol view: format information read back equals what was asked for, for every mask and
//! ECC level; `from_bytes` accepts exactly the symbols the encoder writes.

use qrsign::Error;
use qrsign::qr::{BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, buffer_len, encode_text};

#[test]
fn mask_and_ecc_read_back_for_all_32_combinations() {
    for ecc in [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High] {
        for mask in 0..8u8 {
            let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
            let opts = QrOptions {
                ecc,
                mask: Some(mask),
                boost_ecc: false,
                ..QrOptions::default()
            };
            let qr =
                encode_text("https://example.com/pay?id=42", &mut temp, &mut out, &opts).unwrap();
            assert_eq!(
                (qr.mask(), qr.ecc()),
                (mask, ecc),
                "asked for mask {mask} {ecc:?}"
            );
        }
    }
}

#[test]
fn from_bytes_reads_what_the_encoder_wrote() {
    for min_version in [1u8, 7, 20, 40] {
        let (mut temp, mut out) = ([0u8; BUFFER_LEN_MAX], [0u8; BUFFER_LEN_MAX]);
        let opts = QrOptions {
            min_version,
            ..QrOptions::default()
        };
        let qr = encode_text("qrsign", &mut temp, &mut out, &opts).unwrap();
        assert_eq!(qr.version(), min_version);
        assert_eq!(qr.as_bytes().len(), buffer_len(min_version));
        let bytes = qr.as_bytes();
        let again = QrCode::from_bytes(bytes).unwrap();
        assert_eq!(again, qr);
        let n = bytes.len();
        assert_eq!(
            QrCode::from_bytes(&bytes[..n - 1]),
            Err(Error::BufferTooSmall { needed: n })
        );
    }
}

#[test]
fn from_bytes_rejects_sizes_that_are_not_versions() {
    let mut bytes = [0u8; BUFFER_LEN_MAX];
    for side in 0..=255u8 {
        bytes[0] = side;
        let valid = (21..=177).contains(&side) && (side - 17) % 4 == 0;
        assert_eq!(QrCode::from_bytes(&bytes).is_ok(), valid, "side {side}");
    }
    assert_eq!(QrCode::from_bytes(&[]), Err(Error::InvalidQrOption));
}
