//! The codeword sequence a symbol carries: the data codewords split into blocks, each block's
//! Reed–Solomon codewords, all interleaved (qrcodegen's `add_ecc_and_interleave`).

use crate::qr::capacity::{blocks, raw_data_modules};
use crate::qr::reed_solomon::{MAX_DEGREE, remainder};
use crate::qr::symbol::Ecc;

/// Interleaves the data codewords `data` of a `version`/`ecc` symbol with their error
/// correction into `out` (which must hold the version's raw codewords, `raw_data_modules / 8`;
/// what does not fit is dropped) and returns the number of codewords written.
///
/// Blocks: the first `blocks - raw % blocks` are short (`raw / blocks - ecc_len` data
/// codewords), the rest one longer; the sequence is data codeword 0 of every block, then 1, ...
/// (short blocks have none at the last index), then ECC codeword 0 of every block, then 1, ...
pub(crate) fn interleave(data: &[u8], version: u8, ecc: Ecc, out: &mut [u8]) -> usize {
    let (num_blocks, ecc_len) = blocks(version, ecc);
    let raw = raw_data_modules(version) / 8;
    let num_short = num_blocks - raw % num_blocks;
    let short_len = raw / num_blocks - ecc_len;
    let mut rest = data;
    let mut block_ecc = [0u8; MAX_DEGREE];
    let block_ecc = block_ecc.get_mut(..ecc_len).unwrap_or(&mut []);
    for i in 0..num_blocks {
        let len = short_len + usize::from(i >= num_short);
        let (block, tail) = rest.split_at(len.min(rest.len()));
        rest = tail;
        remainder(block, block_ecc);
        for (j, &byte) in block.iter().enumerate() {
            // Column j of the data part; the long blocks' last column comes after all others.
            let k = if j < short_len {
                j * num_blocks + i
            } else {
                short_len * num_blocks + (i - num_short)
            };
            if let Some(slot) = out.get_mut(k) {
                *slot = byte;
            }
        }
        for (j, &byte) in block_ecc.iter().enumerate() {
            if let Some(slot) = out.get_mut(data.len() + j * num_blocks + i) {
                *slot = byte;
            }
        }
    }
    raw.min(out.len())
}
