//! QR encoding against qrcodegen-no-heap itself (the oracle): every symbol, bit for bit, equals
//! qrcodegen's own automatic-mask output; each mask's penalty equals a module-by-module
//! transcription of qrcodegen's `get_penalty_score` (the reference model below); bad options and
//! small buffers give their errors, never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use qrcodegen_no_heap::{DataTooLong, Mask, QrCode as Oracle, QrCodeEcc, Version};
use qrsign::Error;
use qrsign::qr::{
    BUFFER_LEN_MAX, Ecc, QrCode, QrOptions, buffer_len, encode_binary, encode_text, mask_penalties,
};

/// What to encode: text (numeric, alphanumeric or byte mode, qrcodegen chooses) or bytes.
#[derive(Clone, Debug)]
enum Payload {
    Text(String),
    Bytes(Vec<u8>),
}

fn oracle_ecc(ecc: Ecc) -> QrCodeEcc {
    match ecc {
        Ecc::Low => QrCodeEcc::Low,
        Ecc::Medium => QrCodeEcc::Medium,
        Ecc::Quartile => QrCodeEcc::Quartile,
        Ecc::High => QrCodeEcc::High,
    }
}

/// qrcodegen's own encoding with full-size buffers: the symbol's bytes, or its error.
fn oracle(payload: &Payload, opts: &QrOptions) -> Result<Vec<u8>, DataTooLong> {
    let mut temp = vec![0u8; BUFFER_LEN_MAX];
    let mut out = vec![0u8; BUFFER_LEN_MAX];
    let (ecc, min, max) = (
        oracle_ecc(opts.ecc),
        Version::new(opts.min_version),
        Version::new(opts.max_version),
    );
    let mask = opts.mask.map(Mask::new);
    let qr = match payload {
        Payload::Text(t) => {
            Oracle::encode_text(t, &mut temp, &mut out, ecc, min, max, mask, opts.boost_ecc)?
        }
        Payload::Bytes(b) => {
            temp[..b.len()].copy_from_slice(b);
            Oracle::encode_binary(
                &mut temp,
                b.len(),
                &mut out,
                ecc,
                min,
                max,
                mask,
                opts.boost_ecc,
            )?
        }
    };
    let len = qr.version().buffer_len();
    Ok(out[..len].to_vec())
}

/// Our encoding into buffers of `len` bytes.
fn ours(payload: &Payload, opts: &QrOptions, len: usize) -> Result<Vec<u8>, Error> {
    let (mut temp, mut out) = (vec![0u8; len], vec![0u8; len]);
    let qr = match payload {
        Payload::Text(t) => encode_text(t, &mut temp, &mut out, opts)?,
        Payload::Bytes(b) => encode_binary(b, &mut temp, &mut out, opts)?,
    };
    Ok(qr.as_bytes().to_vec())
}

/// qrcodegen's `get_penalty_score`, transcribed module by module (the reference model).
fn reference_penalty(qr: &QrCode<'_>) -> u32 {
    let size = qr.size() as i64;
    let module = |x: i64, y: i64| qr.get(x as usize, y as usize);
    let mut result: i64 = 0;
    for horizontal in [true, false] {
        for a in 0..size {
            let at = |b: i64| {
                if horizontal {
                    module(b, a)
                } else {
                    module(a, b)
                }
            };
            let (mut colour, mut run) = (false, 0i64);
            let mut history = [0i64; 7];
            let push = |history: &mut [i64; 7], mut run: i64| {
                if history[0] == 0 {
                    run += size;
                }
                history.copy_within(0..6, 1);
                history[0] = run;
            };
            let patterns = |h: &[i64; 7]| {
                let n = h[1];
                let core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
                i64::from(core && h[0] >= n * 4 && h[6] >= n)
                    + i64::from(core && h[6] >= n * 4 && h[0] >= n)
            };
            for b in 0..size {
                if at(b) == colour {
                    run += 1;
                    if run == 5 {
                        result += 3;
                    } else if run > 5 {
                        result += 1;
                    }
                } else {
                    push(&mut history, run);
                    if !colour {
                        result += patterns(&history) * 40;
                    }
                    colour = at(b);
                    run = 1;
                }
            }
            if colour {
                push(&mut history, run);
                run = 0;
            }
            run += size;
            push(&mut history, run);
            result += patterns(&history) * 40;
        }
    }
    for y in 0..size - 1 {
        for x in 0..size - 1 {
            let c = module(x, y);
            if c == module(x + 1, y) && c == module(x, y + 1) && c == module(x + 1, y + 1) {
                result += 3;
            }
        }
    }
    let mut dark = 0i64;
    for y in 0..size {
        for x in 0..size {
            dark += i64::from(module(x, y));
        }
    }
    let total = size * size;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    result += k * 10;
    u32::try_from(result).unwrap()
}

/// A small seeded generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn string(&mut self, alphabet: &[char], len: usize) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

/// Random payloads of every kind and random options (some forced into big versions).
fn random_case(rng: &mut Rng) -> (Payload, QrOptions) {
    let hex: Vec<char> = "0123456789abcdef".chars().collect();
    let cyrillic: Vec<char> = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГД оплата №1,."
        .chars()
        .collect();
    let digits: Vec<char> = "0123456789".chars().collect();
    let alnum: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
        .chars()
        .collect();
    let long = rng.below(8) == 0;
    let len = if long {
        rng.below(1200)
    } else {
        rng.below(150)
    };
    let payload = match rng.below(5) {
        0 => Payload::Text(format!(
            "https://pay.example.com/qr/{}?amount={}",
            rng.string(&hex, len),
            rng.below(100_000_000)
        )),
        1 => Payload::Text(rng.string(&cyrillic, len / 2)),
        2 => Payload::Bytes((0..len).map(|_| rng.next() as u8).collect()),
        3 => Payload::Text(rng.string(&digits, len * 2)),
        _ => Payload::Text(rng.string(&alnum, len)),
    };
    let min_version = if rng.below(4) == 0 {
        1 + rng.below(40) as u8
    } else {
        1
    };
    let opts = QrOptions {
        ecc: Ecc::from_u8(rng.below(4) as u8).unwrap(),
        min_version,
        max_version: 40,
        mask: None,
        boost_ecc: rng.below(2) == 0,
    };
    (payload, opts)
}

#[test]
fn symbols_equal_qrcodegen_automatic_mask() {
    let mut rng = Rng(0x5eed_0001);
    let mut versions = [false; 41];
    for case in 0..400 {
        let (payload, opts) = random_case(&mut rng);
        let expected = oracle(&payload, &opts);
        let got = ours(&payload, &opts, BUFFER_LEN_MAX);
        match expected {
            Ok(expected) => {
                assert_eq!(
                    got.as_ref(),
                    Ok(&expected),
                    "case {case}: {payload:?} {opts:?}"
                );
                versions[usize::from(QrCode::from_bytes(&expected).unwrap().version())] = true;
            }
            Err(_) => assert!(matches!(got, Err(Error::DataTooLong { .. })), "case {case}"),
        }
    }
    let covered = versions.iter().filter(|&&v| v).count();
    assert!(covered >= 35, "only {covered} versions covered");
}

#[test]
fn the_60_character_url_at_every_level() {
    let url =
        &"https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b-2e5d7c1a0b3e?amount=150000"[..60];
    for ecc in [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High] {
        for boost_ecc in [false, true] {
            let opts = QrOptions {
                ecc,
                boost_ecc,
                ..QrOptions::default()
            };
            let payload = Payload::Text(url.to_string());
            assert_eq!(
                ours(&payload, &opts, BUFFER_LEN_MAX).unwrap(),
                oracle(&payload, &opts).unwrap()
            );
        }
    }
}

#[test]
fn every_mask_penalty_equals_the_reference_model() {
    let mut rng = Rng(0x5eed_0002);
    for case in 0..120 {
        let (payload, mut opts) = random_case(&mut rng);
        opts.min_version = opts.min_version.min(20);
        let Ok(auto) = ours(&payload, &opts, BUFFER_LEN_MAX) else {
            continue;
        };
        let scores = mask_penalties(&auto).unwrap();
        let mut reference = [0u32; 8];
        for m in 0..8u8 {
            let fixed = oracle(
                &payload,
                &QrOptions {
                    mask: Some(m),
                    ..opts
                },
            )
            .unwrap();
            let qr = QrCode::from_bytes(&fixed).unwrap();
            assert_eq!(qr.mask(), m);
            assert_eq!(mask_penalties(&fixed).unwrap(), scores, "case {case}");
            reference[usize::from(m)] = reference_penalty(&qr);
        }
        assert_eq!(scores, reference, "case {case}: {payload:?} {opts:?}");
        let min = reference.iter().min().unwrap();
        let first = reference.iter().position(|s| s == min).unwrap() as u8;
        assert_eq!(QrCode::from_bytes(&auto).unwrap().mask(), first);
    }
}

#[test]
fn forced_masks_and_levels_read_back() {
    for m in 0..8u8 {
        for ecc in [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High] {
            let opts = QrOptions {
                ecc,
                mask: Some(m),
                boost_ecc: false,
                ..QrOptions::default()
            };
            let payload = Payload::Text("https://example.com/".into());
            let bytes = ours(&payload, &opts, BUFFER_LEN_MAX).unwrap();
            assert_eq!(bytes, oracle(&payload, &opts).unwrap());
            let qr = QrCode::from_bytes(&bytes).unwrap();
            assert_eq!((qr.mask(), qr.ecc()), (m, ecc));
        }
    }
}

#[test]
fn bad_options_are_rejected() {
    let bad = [
        QrOptions {
            min_version: 0,
            ..QrOptions::default()
        },
        QrOptions {
            max_version: 41,
            ..QrOptions::default()
        },
        QrOptions {
            min_version: 7,
            max_version: 6,
            ..QrOptions::default()
        },
        QrOptions {
            mask: Some(8),
            ..QrOptions::default()
        },
    ];
    for opts in bad {
        for payload in [Payload::Text("x".into()), Payload::Bytes(vec![1])] {
            assert_eq!(
                ours(&payload, &opts, BUFFER_LEN_MAX),
                Err(Error::InvalidQrOption)
            );
        }
    }
}

/// The buffer size the oracle's version needs, for data that fits.
fn oracle_needed(payload: &Payload, opts: &QrOptions) -> usize {
    let bytes = oracle(payload, opts).unwrap();
    buffer_len(QrCode::from_bytes(&bytes).unwrap().version())
}

#[test]
fn small_buffers_say_how_much_is_needed() {
    let url = Payload::Text("https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b".repeat(4));
    let opts = QrOptions::default();
    let needed = oracle_needed(&url, &opts);
    assert!(needed > buffer_len(5));
    for len in [0, 1, 56, buffer_len(1), buffer_len(5), needed - 1] {
        assert_eq!(
            ours(&url, &opts, len),
            Err(Error::BufferTooSmall { needed }),
            "len {len}"
        );
    }
    assert_eq!(
        ours(&url, &opts, needed).unwrap(),
        oracle(&url, &opts).unwrap()
    );
    // Byte mode, longer than the scratch buffer itself.
    let bytes = Payload::Bytes(vec![0xA5; 500]);
    let needed = oracle_needed(&bytes, &opts);
    assert_eq!(
        ours(&bytes, &opts, 300),
        Err(Error::BufferTooSmall { needed })
    );
    // A forced minimum version needs its own buffer size even for tiny data.
    let min10 = QrOptions {
        min_version: 10,
        ..opts
    };
    let tiny = Payload::Text("A".into());
    assert_eq!(
        ours(&tiny, &min10, buffer_len(9)),
        Err(Error::BufferTooSmall {
            needed: buffer_len(10)
        })
    );
}

#[test]
fn data_too_long_reports_needed_and_capacity_bits() {
    // Over capacity at max_version: the oracle's own numbers.
    let opts = QrOptions {
        max_version: 9,
        ..QrOptions::default()
    };
    let text = Payload::Text("Z".repeat(400));
    let Err(DataTooLong::DataOverCapacity(needed_bits, capacity_bits)) = oracle(&text, &opts)
    else {
        panic!("oracle fits")
    };
    assert_eq!(
        ours(&text, &opts, BUFFER_LEN_MAX),
        Err(Error::DataTooLong {
            needed_bits,
            capacity_bits
        })
    );
    // Small buffers do not change the verdict when even max_version is too small.
    assert_eq!(
        ours(&text, &opts, buffer_len(3)),
        Err(Error::DataTooLong {
            needed_bits,
            capacity_bits
        })
    );
    // Count field overflow (qrcodegen: SegmentTooLong): 300 bytes need a 16-bit count field,
    // v1-9 have 8 bits. Needed = mode + count + data bits; capacity = the oracle's for v9.
    let bytes = Payload::Bytes(vec![7; 300]);
    assert!(matches!(
        oracle(&bytes, &opts),
        Err(DataTooLong::SegmentTooLong)
    ));
    let Err(DataTooLong::DataOverCapacity(_, v9_capacity)) =
        oracle(&Payload::Bytes(vec![7; 250]), &opts)
    else {
        panic!("oracle fits")
    };
    assert_eq!(
        ours(&bytes, &opts, BUFFER_LEN_MAX),
        Err(Error::DataTooLong {
            needed_bits: 4 + 8 + 300 * 8,
            capacity_bits: v9_capacity
        })
    );
}

#[test]
fn random_buffer_sizes_never_panic_and_agree_with_the_oracle() {
    let mut rng = Rng(0x5eed_0003);
    for case in 0..300 {
        let (payload, opts) = random_case(&mut rng);
        let len = rng.below(BUFFER_LEN_MAX + 10);
        match (ours(&payload, &opts, len), oracle(&payload, &opts)) {
            (Ok(got), Ok(expected)) => assert_eq!(got, expected, "case {case}"),
            (Err(Error::BufferTooSmall { needed }), Ok(expected)) => {
                assert!(needed > len, "case {case}");
                assert_eq!(needed, expected.len(), "case {case}");
            }
            (Err(Error::DataTooLong { .. }), Err(_)) => {}
            (got, expected) => panic!("case {case}: {got:?} vs {expected:?}"),
        }
    }
}

fn payload_strategy() -> impl Strategy<Value = Payload> {
    prop_oneof![
        "\\PC{0,120}".prop_map(Payload::Text),
        "[0-9A-Z $%*+./:-]{0,200}".prop_map(Payload::Text),
        "[0-9]{0,300}".prop_map(Payload::Text),
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(Payload::Bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_payload_matches_qrcodegen(
        payload in payload_strategy(),
        ecc in 0u8..4,
        min_version in 1u8..=40,
        boost_ecc: bool,
        forced: bool,
    ) {
        let opts = QrOptions {
            ecc: Ecc::from_u8(ecc).unwrap(),
            min_version: if forced { min_version } else { 1 },
            boost_ecc,
            ..QrOptions::default()
        };
        let expected = oracle(&payload, &opts).map_err(|_| ());
        let got = ours(&payload, &opts, BUFFER_LEN_MAX).map_err(|_| ());
        prop_assert_eq!(got, expected);
    }
}

/// Any modules at all (not only real symbols): the penalty of the symbol's own mask equals the
/// reference model's. Re-masking to mask 0 and back is the identity on every module, so this
/// checks the bitwise scoring on random matrices with planted finder-like patterns of every
/// scale (n = 1..=6, rows and columns, touching the edges), at every word-count boundary.
#[test]
fn penalty_of_arbitrary_modules_equals_the_reference_model() {
    let mut rng = Rng(0x5eed_0004);
    for case in 0..400 {
        let version = [1u8, 2, 7, 10, 11, 12, 26, 27, 28, 40][case % 10];
        let size = 4 * usize::from(version) + 17;
        let density = [2u64, 8, 14][rng.below(3)];
        let mut grid = vec![vec![false; size]; size];
        for row in grid.iter_mut() {
            for m in row.iter_mut() {
                *m = rng.next() % 16 < density;
            }
        }
        for _ in 0..rng.below(12) {
            let n = 1 + rng.below(6);
            let before = rng.below(5 * n + 1);
            let after = rng.below(5 * n + 1);
            let mut line: Vec<bool> = vec![false; before];
            for (len, dark) in [(n, true), (n, false), (3 * n, true), (n, false), (n, true)] {
                line.extend(std::iter::repeat_n(dark, len));
            }
            line.extend(std::iter::repeat_n(false, after));
            if line.len() > size {
                continue;
            }
            let start = if rng.below(3) == 0 {
                [0, size - line.len()][rng.below(2)]
            } else {
                rng.below(size - line.len() + 1)
            };
            let (across, fixed) = (rng.below(2) == 0, rng.below(size));
            for (i, &m) in line.iter().enumerate() {
                if across {
                    grid[fixed][start + i] = m;
                } else {
                    grid[start + i][fixed] = m;
                }
            }
        }
        let mut bytes = vec![0u8; buffer_len(version)];
        bytes[0] = size as u8;
        for (y, row) in grid.iter().enumerate() {
            for (x, &m) in row.iter().enumerate() {
                let i = y * size + x;
                bytes[1 + i / 8] |= u8::from(m) << (i % 8);
            }
        }
        let qr = QrCode::from_bytes(&bytes).unwrap();
        let scores = mask_penalties(&bytes).unwrap();
        assert_eq!(
            scores[usize::from(qr.mask())],
            reference_penalty(&qr),
            "case {case}, version {version}"
        );
    }
}

/// Every version at every level, with the automatic mask and with a forced one (each mask
/// 0..=7 several times over), payloads of every mode filling a random share of the capacity:
/// byte for byte qrcodegen's symbol.
#[test]
fn every_version_and_level_with_automatic_and_forced_masks() {
    let mut rng = Rng(0x5eed_0005);
    let mut forced_seen = [0u32; 8];
    for version in 1u8..=40 {
        for ecc in [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High] {
            let max_bytes = data_bytes(version, ecc);
            let len = rng.below(max_bytes + 1);
            let payload = match rng.below(3) {
                0 => Payload::Bytes((0..len).map(|_| rng.next() as u8).collect()),
                1 => Payload::Text(
                    (0..len)
                        .map(|_| char::from(b'0' + rng.below(10) as u8))
                        .collect(),
                ),
                _ => Payload::Text(
                    (0..len)
                        .map(|_| {
                            char::from(
                                b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:"[rng.below(45)],
                            )
                        })
                        .collect(),
                ),
            };
            let forced = (usize::from(version) * 4 + ecc as usize) % 8;
            forced_seen[forced] += 1;
            for mask in [None, Some(forced as u8)] {
                let opts = QrOptions {
                    ecc,
                    min_version: version,
                    max_version: version,
                    mask,
                    boost_ecc: false,
                };
                let expected = oracle(&payload, &opts).unwrap();
                let got = ours(&payload, &opts, buffer_len(version)).unwrap();
                assert_eq!(got, expected, "version {version}, {ecc:?}, mask {mask:?}");
                let qr = QrCode::from_bytes(&got).unwrap();
                assert_eq!((qr.version(), qr.ecc()), (version, ecc));
            }
        }
    }
    assert!(forced_seen.iter().all(|&n| n >= 10), "{forced_seen:?}");
}

/// Bytes a byte-mode segment can carry at `version`/`ecc`, from the oracle: the largest length
/// it accepts (a binary search over its own verdicts).
fn data_bytes(version: u8, ecc: Ecc) -> usize {
    let fits = |len: usize| {
        let mut temp = vec![0u8; BUFFER_LEN_MAX];
        let mut out = vec![0u8; BUFFER_LEN_MAX];
        Oracle::encode_binary(
            &mut temp,
            len,
            &mut out,
            oracle_ecc(ecc),
            Version::new(version),
            Version::new(version),
            Some(Mask::new(0)),
            false,
        )
        .is_ok()
    };
    let (mut lo, mut hi) = (0usize, 3000usize);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    lo
}

/// On every error `out` keeps every byte it had (nothing is written before all checks pass);
/// on success nothing past the symbol's `buffer_len` is written.
#[test]
fn errors_leave_out_untouched() {
    const CANARY: u8 = 0xA5;
    let url = "https://pay.example.com/qr/3f9c2a7b-1d4e-4c8a-9f6b".repeat(4);
    let defaults = QrOptions::default();
    let bad_options = [
        QrOptions {
            min_version: 0,
            ..defaults
        },
        QrOptions {
            max_version: 41,
            ..defaults
        },
        QrOptions {
            min_version: 7,
            max_version: 6,
            ..defaults
        },
        QrOptions {
            mask: Some(8),
            ..defaults
        },
    ];
    let needed = oracle_needed(&Payload::Text(url.clone()), &defaults);
    let mut cases: Vec<(Payload, QrOptions, usize, usize)> = Vec::new();
    for opts in bad_options {
        for payload in [Payload::Text("x".into()), Payload::Bytes(vec![1])] {
            cases.push((payload, opts, BUFFER_LEN_MAX, BUFFER_LEN_MAX));
        }
    }
    for (temp_len, out_len) in [
        (needed - 1, BUFFER_LEN_MAX),
        (BUFFER_LEN_MAX, needed - 1),
        (needed - 1, needed - 1),
        (0, 0),
        (BUFFER_LEN_MAX, 0),
    ] {
        cases.push((Payload::Text(url.clone()), defaults, temp_len, out_len));
        cases.push((
            Payload::Bytes(url.clone().into_bytes()),
            defaults,
            temp_len,
            out_len,
        ));
    }
    let v9 = QrOptions {
        max_version: 9,
        ..defaults
    };
    for len in [BUFFER_LEN_MAX, buffer_len(3)] {
        cases.push((Payload::Text("Z".repeat(400)), v9, len, len));
        cases.push((Payload::Text("7".repeat(8000)), defaults, len, len));
        cases.push((Payload::Text("é".repeat(1500)), defaults, len, len));
        cases.push((Payload::Bytes(vec![7; 300]), v9, len, len));
        cases.push((Payload::Bytes(vec![7; 3000]), defaults, len, len));
    }
    for (i, (payload, opts, temp_len, out_len)) in cases.iter().enumerate() {
        let mut temp = vec![0x5A; *temp_len];
        let mut out = vec![CANARY; *out_len];
        let result = match payload {
            Payload::Text(t) => encode_text(t, &mut temp, &mut out, opts).map(|_| ()),
            Payload::Bytes(b) => encode_binary(b, &mut temp, &mut out, opts).map(|_| ()),
        };
        assert!(result.is_err(), "case {i}: {opts:?}, {temp_len}/{out_len}");
        assert!(
            out.iter().all(|&b| b == CANARY),
            "case {i}: out was written"
        );
    }
    // Success: the bytes after the symbol keep the canary.
    let mut temp = vec![0u8; BUFFER_LEN_MAX];
    let mut out = vec![CANARY; BUFFER_LEN_MAX];
    let len = encode_text(&url, &mut temp, &mut out, &defaults)
        .unwrap()
        .as_bytes()
        .len();
    assert_eq!(len, needed);
    assert!(out[len..].iter().all(|&b| b == CANARY));
}
