//! Reed–Solomon error-correction codewords over GF(2^8) modulo 0x11D (the QR field), with
//! log/antilog tables and the generator polynomials of every degree built at compile time.
//!
//! The same arithmetic as qrcodegen's `ReedSolomonGenerator` (whose multiply goes bit by bit);
//! hand-written because qrcodegen keeps it private and no small no-std crate offers QR's exact
//! field and generator convention. Bit-identical results are checked by the encoder tests,
//! which compare every symbol with qrcodegen's.

/// Largest ECC length per block in any QR version and level.
pub(crate) const MAX_DEGREE: usize = 30;

/// `x · y` in GF(2^8) modulo 0x11D, bit by bit (compile time only).
const fn multiply(x: u8, y: u8) -> u8 {
    let mut z: u8 = 0;
    let mut i = 8;
    while i > 0 {
        i -= 1;
        z = (z << 1) ^ ((z >> 7) * 0x1D);
        z ^= ((y >> i) & 1) * x;
    }
    z
}

/// `EXP[i] = 2^i`, for `i < 512` (so a sum of two logs needs no reduction modulo 255).
#[allow(clippy::indexing_slicing)] // compile time: an index out of bounds fails the build
const EXP: [u8; 512] = {
    let mut table = [0u8; 512];
    let mut value: u8 = 1;
    let mut i = 0;
    while i < 512 {
        table[i] = value;
        value = multiply(value, 2);
        i += 1;
    }
    table
};

/// `LOG[x]` = the `i < 255` with `2^i = x`, for `x != 0` (`LOG[0]` is unused).
#[allow(clippy::indexing_slicing)] // compile time
const LOG: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        table[EXP[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// For each degree `d` (index), the logs of the generator's coefficients
/// `(x - 2^0)(x - 2^1)...(x - 2^(d-1))` from the highest power down, without the leading 1
/// (qrcodegen's `divisor`), padded with zeros. Every coefficient is non-zero (checked here).
#[allow(clippy::indexing_slicing)] // compile time
const GENERATOR_LOGS: [[u8; MAX_DEGREE]; MAX_DEGREE + 1] = {
    let mut table = [[0u8; MAX_DEGREE]; MAX_DEGREE + 1];
    let mut degree = 1;
    while degree <= MAX_DEGREE {
        // qrcodegen's construction, coefficient by coefficient.
        let mut divisor = [0u8; MAX_DEGREE];
        divisor[degree - 1] = 1;
        let mut root: u8 = 1;
        let mut k = 0;
        while k < degree {
            let mut j = 0;
            while j < degree {
                divisor[j] = multiply(divisor[j], root);
                if j + 1 < degree {
                    divisor[j] ^= divisor[j + 1];
                }
                j += 1;
            }
            root = multiply(root, 2);
            k += 1;
        }
        let mut j = 0;
        while j < degree {
            assert!(divisor[j] != 0, "a zero generator coefficient has no log");
            table[degree][j] = LOG[divisor[j] as usize];
            j += 1;
        }
        degree += 1;
    }
    table
};

/// Writes the `ecc.len()` (1..=30) error-correction codewords of the block `data` into `ecc`:
/// the remainder of `data · x^degree` divided by the generator of that degree.
pub(crate) fn remainder(data: &[u8], ecc: &mut [u8]) {
    let degree = ecc.len().min(MAX_DEGREE);
    let generator = GENERATOR_LOGS.get(degree).copied().unwrap_or_default();
    let generator = generator.get(..degree).unwrap_or(&[]);
    // One spare zero at the end: the shift brings it into position `degree - 1` and beyond.
    let mut rem = [0u8; MAX_DEGREE + 2];
    for &byte in data {
        let factor = byte ^ rem[0];
        rem.copy_within(1.., 0);
        if factor != 0 {
            let log = usize::from(LOG.get(usize::from(factor)).copied().unwrap_or(0));
            for (r, &g) in rem.iter_mut().zip(generator) {
                *r ^= EXP.get(log + usize::from(g)).copied().unwrap_or(0);
            }
        }
    }
    for (e, r) in ecc.iter_mut().zip(rem) {
        *e = r;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn tables_invert_each_other_and_multiply_like_the_bitwise_product() {
        for x in 1..=255u8 {
            assert_eq!(EXP[usize::from(LOG[usize::from(x)])], x);
            for y in [1u8, 2, 3, 0x1D, 0x80, 0xFF] {
                let by_logs =
                    EXP[usize::from(LOG[usize::from(x)]) + usize::from(LOG[usize::from(y)])];
                assert_eq!(by_logs, multiply(x, y));
            }
        }
        assert_eq!(multiply(0x80, 2), 0x1D);
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn a_codeword_with_its_ecc_is_divisible_by_the_generator() {
        // c(x) = data · x^d + ecc must vanish at the generator's roots 2^0 .. 2^(d-1).
        let data: [u8; 16] = core::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0x5A);
        for degree in [7, 10, 18, 30] {
            let mut ecc = [0u8; MAX_DEGREE];
            remainder(&data, &mut ecc[..degree]);
            for (k, &root) in EXP.iter().enumerate().take(degree) {
                let value = data
                    .iter()
                    .chain(&ecc[..degree])
                    .fold(0u8, |acc, &c| multiply(acc, root) ^ c);
                assert_eq!(value, 0, "degree {degree}, root 2^{k}");
            }
        }
    }
}
