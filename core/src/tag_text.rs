//! The text of a signature: standard, padded base64 of a 64-byte HMAC-SHA512 tag, always 88
//! characters.
//!
//! Hand-written rather than the `base64` crate's `encode_slice` (which the rest of the core
//! still uses, for decoding): for 64 bytes the crate's unrolled loop needs 26 readable bytes
//! per 24 it encodes, so it covers only 48 of them and encodes the last 16 three bytes at a
//! time, with a bounds check per byte (`encode_scalar_tail`): ~600 instructions per signature
//! (callgrind, signing (a)), a fifth of everything signing (a) does besides SHA-512. Here the
//! length is fixed: eleven groups of six bytes (the tag and eight zero bytes) spread into
//! eight six-bit values each by shifts and masks on one word, then all 96 values mapped to
//! characters by arithmetic, which LLVM vectorises: 275 instructions, signing (a) 26,738 down
//! to 26,413. (A plain table lookup per character, fully unrolled, was 436: five instructions
//! per character.) Tested against the crate over random tags (the tests below).

/// The six-bit values of eight characters: the top 48 bits of `word`, each moved into a byte
/// of its own (the first character in the lowest byte), by halving 24-, then 12-, then 6-bit
/// fields.
#[inline(always)]
fn sextets(word: u64) -> u64 {
    let a = word >> 16;
    let t = a >> 24 | (a & 0xff_ffff) << 32;
    let t = (t >> 12) & 0x0000_0fff_0000_0fff | (t & 0x0000_0fff_0000_0fff) << 16;
    (t >> 6) & 0x003f_003f_003f_003f | (t & 0x003f_003f_003f_003f) << 8
}

/// The character of a six-bit value, by arithmetic (no table: the loop over all characters
/// becomes a few vector compares and adds per sixteen characters).
#[inline(always)]
fn char_of(v: u8) -> u8 {
    let step = |above: u8, by: u8| u8::from(v > above).wrapping_mul(by);
    // `A`..`Z`, then `a`..`z` (+6), `0`..`9` (-75), `+` (-15), `/` (+3).
    v.wrapping_add(b'A')
        .wrapping_add(step(25, 6))
        .wrapping_sub(step(51, 75))
        .wrapping_sub(step(61, 15))
        .wrapping_add(step(62, 3))
}

/// Standard, padded base64 of `tag`.
pub(crate) fn encode_tag(tag: &[u8; 64]) -> [u8; 88] {
    // The tag and eight zero bytes: eleven groups of six bytes, each loaded with the two bytes
    // after it; the last group's zero bits make the last byte's second character right.
    let mut padded = [0u8; 72];
    if let Some(head) = padded.first_chunk_mut::<64>() {
        *head = *tag;
    }
    // Sixteen-byte multiple, so the character loop has no scalar remainder.
    let mut text = [0u8; 96];
    for (window, dst) in padded.windows(8).step_by(6).zip(text.chunks_exact_mut(8)) {
        let word = u64::from_be_bytes(window.first_chunk::<8>().copied().unwrap_or_default());
        dst.copy_from_slice(&sextets(word).to_le_bytes());
    }
    for c in text.iter_mut() {
        *c = char_of(*c);
    }
    let mut out = [b'='; 88];
    if let (Some(dst), Some(src)) = (out.first_chunk_mut::<86>(), text.first_chunk::<86>()) {
        *dst = *src;
    }
    out
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use proptest::prelude::*;

    use super::encode_tag;

    fn crate_text(tag: &[u8; 64]) -> [u8; 88] {
        let mut text = [0u8; 88];
        assert_eq!(STANDARD.encode_slice(tag, &mut text), Ok(88));
        text
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn edge_tags_match_the_base64_crate() {
        // All bits clear, all set, and every single byte set alone (each position's bits land
        // in different characters).
        assert_eq!(encode_tag(&[0; 64]), crate_text(&[0; 64]));
        assert_eq!(encode_tag(&[0xff; 64]), crate_text(&[0xff; 64]));
        for at in 0..64 {
            for byte in [0x01, 0x80, 0xfc, 0x03, 0xff] {
                let mut tag = [0u8; 64];
                tag[at] = byte;
                assert_eq!(encode_tag(&tag), crate_text(&tag), "byte {byte:#x} at {at}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        #[cfg_attr(miri, ignore = "4000 random cases: run natively by make test-rust")]
        fn random_tags_match_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 64)) {
            let mut tag = [0u8; 64];
            tag.copy_from_slice(&bytes);
            prop_assert_eq!(encode_tag(&tag), crate_text(&tag));
        }
    }
}
