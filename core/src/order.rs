//! The three sort orders of canonical lines, and PHP's natural comparison (`strnatcmp`).

use core::cmp::Ordering;

/// How the canonical lines are ordered before joining.
///
/// `Natural` is the platform's (PHP SDK, `ksort(..., SORT_NATURAL)`); the others reproduce
/// official SDKs that sort differently, for merchants whose integration was built on them.
///
/// ```
/// use qrsign_core::SortOrder;
/// assert_eq!(SortOrder::default(), SortOrder::Natural);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortOrder {
    /// By path, PHP natural order (`strnatcmp`): digit runs compare as numbers. The platform's.
    #[default]
    Natural,
    /// By path, plain byte order (the Python SDKs).
    PathBytewise,
    /// Whole `path:value` lines in byte order (the Java and Go SDKs).
    LineBytewise,
}

impl SortOrder {
    /// All orders, the platform's first.
    ///
    /// ```
    /// assert_eq!(qrsign_core::SortOrder::ALL.len(), 3);
    /// ```
    pub const ALL: [SortOrder; 3] = [
        SortOrder::Natural,
        SortOrder::PathBytewise,
        SortOrder::LineBytewise,
    ];
}

/// A forward byte cursor; `None` past the end.
pub(crate) trait Cursor: Clone {
    /// The byte at the cursor.
    fn peek(&self) -> Option<u8>;
    /// Moves one byte on (no-op at the end).
    fn bump(&mut self);
}

/// A cursor over any byte iterator.
#[derive(Clone)]
pub(crate) struct IterCursor<I: Iterator<Item = u8> + Clone> {
    iter: I,
    head: Option<u8>,
}

impl<I: Iterator<Item = u8> + Clone> IterCursor<I> {
    /// A cursor at the first byte of `iter`.
    pub(crate) fn new(mut iter: I) -> Self {
        let head = iter.next();
        IterCursor { iter, head }
    }
}

impl<I: Iterator<Item = u8> + Clone> Cursor for IterCursor<I> {
    fn peek(&self) -> Option<u8> {
        self.head
    }
    fn bump(&mut self) {
        if self.head.is_some() {
            self.head = self.iter.next();
        }
    }
}

fn is_digit(b: Option<u8>) -> bool {
    matches!(b, Some(b'0'..=b'9'))
}

fn is_space(b: Option<u8>) -> bool {
    // C's isspace() in the "C" locale.
    matches!(b, Some(b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
}

/// Byte comparison of two optional bytes, `None` (past the end) as PHP's terminating NUL.
fn cmp_bytes(a: Option<u8>, b: Option<u8>) -> Ordering {
    a.unwrap_or(0).cmp(&b.unwrap_or(0))
}

/// Compares two digit runs as numbers ("the longest run wins; else the first difference").
fn compare_right<C: Cursor>(a: &mut C, b: &mut C) -> Ordering {
    let mut bias = Ordering::Equal;
    loop {
        let (x, y) = (a.peek(), b.peek());
        match (is_digit(x), is_digit(y)) {
            (false, false) => return bias,
            (false, true) => return Ordering::Less,
            (true, false) => return Ordering::Greater,
            (true, true) => {
                if bias == Ordering::Equal {
                    bias = cmp_bytes(x, y);
                }
            }
        }
        a.bump();
        b.bump();
    }
}

/// Compares two digit runs left-aligned (a run starting with `0` is a fraction).
fn compare_left<C: Cursor>(a: &mut C, b: &mut C) -> Ordering {
    loop {
        let (x, y) = (a.peek(), b.peek());
        match (is_digit(x), is_digit(y)) {
            (false, false) => return Ordering::Equal,
            (false, true) => return Ordering::Less,
            (true, false) => return Ordering::Greater,
            (true, true) => match cmp_bytes(x, y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
        a.bump();
        b.bump();
    }
}

/// PHP 8's `strnatcmp_ex(a, b, case_insensitive = false)`, step for step, over cursors.
///
/// Besides the documented digit-run rule this keeps PHP's two quirks (measured against PHP 8.2
/// in tests/php_oracle.rs): ASCII whitespace is skipped (`"a b"` equals `"ab"`), and leading
/// zeros of the very first digit run are skipped when `at_start` (`"0a"` equals `"00a"`).
pub(crate) fn strnatcmp<C: Cursor>(mut a: C, mut b: C, at_start: bool) -> Ordering {
    match (a.peek().is_none(), b.peek().is_none()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        (false, false) => {}
    }
    let mut leading = at_start;
    loop {
        if leading {
            skip_leading_zeros(&mut a);
            skip_leading_zeros(&mut b);
            leading = false;
        }
        while is_space(a.peek()) {
            a.bump();
        }
        while is_space(b.peek()) {
            b.bump();
        }
        if is_digit(a.peek()) && is_digit(b.peek()) {
            let fractional = a.peek() == Some(b'0') || b.peek() == Some(b'0');
            let result = if fractional {
                compare_left(&mut a, &mut b)
            } else {
                compare_right(&mut a, &mut b)
            };
            if result != Ordering::Equal {
                return result;
            }
            match (a.peek().is_none(), b.peek().is_none()) {
                (true, true) => return Ordering::Equal,
                (true, false) => return Ordering::Less,
                (false, true) => return Ordering::Greater,
                (false, false) => {}
            }
        }
        match cmp_bytes(a.peek(), b.peek()) {
            Ordering::Equal => {}
            other => return other,
        }
        a.bump();
        b.bump();
        match (a.peek().is_none(), b.peek().is_none()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
    }
}

/// PHP: `while (leading && ca == '0' && (ap+1 < aend) && isdigit(*(ap+1))) ca = *++ap;`
fn skip_leading_zeros<C: Cursor>(c: &mut C) {
    while c.peek() == Some(b'0') {
        let mut next = c.clone();
        next.bump();
        if !is_digit(next.peek()) {
            break;
        }
        *c = next;
    }
}

/// A key followed by what comes after it in a path: `None` (the path ends: a leaf's key under
/// a path order) or a byte (`:` before a child, or before the value in a line).
#[derive(Clone, Copy)]
pub(crate) struct Keyed<'a> {
    pub(crate) key: &'a [u8],
    pub(crate) then: Option<u8>,
}

impl Keyed<'_> {
    /// The first eight bytes of the key followed by its `then` byte, big-endian, zero-padded:
    /// comparing two heads as integers is comparing those bytes in order.
    pub(crate) fn head(&self) -> u64 {
        self.word_at(0)
    }

    /// Like [`Keyed::head`], for the eight bytes from `offset` on (zero past the `then` byte).
    fn word_at(&self, offset: usize) -> u64 {
        let len = self.key.len();
        if let Some(chunk) = self.key.get(offset..).and_then(|r| r.first_chunk::<8>()) {
            return u64::from_be_bytes(*chunk);
        }
        // Fewer than eight key bytes remain: `rest` of them, then the `then` byte.
        let Some(rest) = len.checked_sub(offset) else {
            return 0;
        };
        let then = self.then.map_or(0, |t| u64::from(t) << (56 - 8 * rest));
        let body = match self.key.last_chunk::<8>() {
            // One load of the key's last eight bytes, shifted, rather than a byte loop.
            Some(last) => u64::from_be_bytes(*last)
                .checked_shl(8 * (8 - rest) as u32)
                .unwrap_or(0),
            None => self
                .key
                .iter()
                .enumerate()
                .fold(0, |w, (i, &b)| w | u64::from(b) << (56 - 8 * i)),
        };
        body | then
    }

    fn at(&self, i: usize) -> Option<u8> {
        match self.key.get(i) {
            Some(&b) => Some(b),
            None if i == self.key.len() => self.then,
            None => None,
        }
    }
}

/// An object key's first eight bytes (followed by its `then` byte when it has fewer) computed
/// once before sorting, as one big-endian integer, with whether they alone can decide a
/// comparison (the key is plain and, under the natural order, its head holds no digit or
/// whitespace, so natural and byte order agree on it).
///
/// Sorting compares each key several times: reading the heads from a small array instead of
/// re-reading the keys made the sibling sort of the 1.6 KB callback ~4x cheaper (callgrind).
///
/// Eight bytes: sixteen-byte (`u128`) heads for object keys cost ~2.4K more instructions on the
/// 1.6 KB callback (callgrind); parameter names have their own sixteen-byte heads
/// (`params::NameHead`).
///
/// Two words: the head table of a sort is then zeroed as plain memory, and a head is written
/// with two stores.
#[derive(Clone, Copy, Default)]
pub(crate) struct Head {
    word: u64,
    /// The node being sorted (low sixteen bits) and [`DECISIVE`].
    tag: u64,
}

/// The bit of a [`Head`]'s tag that says it decides.
const DECISIVE: u64 = 1 << 16;

/// How many siblings are sorted by their heads; larger groups (rare) sort by key alone. A
/// power of two: positions in a [`HeadTable`] are masked with `HEADS - 1`, which needs no
/// bounds check.
pub(crate) const HEADS: usize = 32;

/// The heads of one group of siblings, from the front (one table serves every group).
pub(crate) type HeadTable = [Head; HEADS];

impl Head {
    /// A head for node `index` whose key starts with `word` ([`Keyed::head`]); `plain` says
    /// whether the key is written as is (an escaped key or an array index never decides).
    /// Under the natural order [`settle_natural`] then takes back the heads with a digit or
    /// whitespace.
    pub(crate) fn new(word: u64, index: u16, plain: bool) -> Self {
        Head {
            word,
            tag: u64::from(index) | (u64::from(plain) * DECISIVE),
        }
    }

    /// The key's word ([`Keyed::head`]).
    pub(crate) fn word(&self) -> u64 {
        self.word
    }

    /// The node being sorted.
    pub(crate) fn index(&self) -> u16 {
        self.tag as u16
    }

    fn decisive(&self) -> bool {
        self.tag & DECISIVE != 0
    }

    /// The order of two keys when their heads decide it.
    pub(crate) fn decide(&self, other: &Head) -> Option<Ordering> {
        (self.decisive() && other.decisive() && self.word != other.word)
            .then(|| self.word.cmp(&other.word))
    }
}

/// Under the natural order: marks the heads holding a digit or whitespace as not decisive;
/// returns whether all of `heads` still decide. Run only for groups where
/// [`maybe_digit_or_space`] flagged some head (most keys are letters and `_`), or that go to
/// the full comparison.
pub(crate) fn settle_natural(heads: &mut [Head]) -> bool {
    heads.iter_mut().fold(true, |all, h| {
        if digit_or_space(h.word) != 0 {
            h.tag &= !DECISIVE;
        }
        all & h.decisive()
    })
}

/// Sorts the first `n` heads of `heads`, all of plain keys (the caller checked), by their words
/// alone, when that is the whole answer: no two words equal (and, under the natural order, no
/// digit or whitespace in them: the caller checks that after, with [`maybe_digit_or_space`]).
/// Otherwise returns `false` with the heads permuted (nothing lost), and the caller sorts them
/// with the full comparison.
///
/// An insertion sort over the words, in a loop of its own: groups are small (a callback's
/// objects have 2 to 13 members) and often partly in order. Against `sort_unstable_by` with the
/// `decide`-or-compare closure: ~1.6K fewer instructions on the 1.6 KB callback; on signing
/// (a), together with sixteen-byte name heads and `has_colon`, 31.4K down to 28.4K (callgrind).
/// Over a fixed-size table, every position below `HEADS`: no bounds checks in the loop.
pub(crate) fn sort_by_heads(heads: &mut HeadTable, n: usize) -> bool {
    for i in 1..n.min(HEADS) {
        let Some(&cur) = heads.get(i) else {
            break;
        };
        // `cur`'s place; the heads before it are moved up one by one until it is found.
        let mut at = i;
        for k in (0..i).rev() {
            let Some(&prev) = heads.get(k) else {
                break;
            };
            if prev.word < cur.word {
                break;
            }
            if prev.word == cur.word {
                // Fill the hole `cur` left: the heads stay a permutation.
                if let Some(slot) = heads.get_mut(at) {
                    *slot = cur;
                }
                return false;
            }
            if let Some(slot) = heads.get_mut(k + 1) {
                *slot = prev;
            }
            at = k;
        }
        if let Some(slot) = heads.get_mut(at) {
            *slot = cur;
        }
    }
    true
}

/// A cursor over a [`Keyed`].
#[derive(Clone)]
pub(crate) struct KeyedCursor<'a> {
    keyed: Keyed<'a>,
    pos: usize,
}

impl<'a> KeyedCursor<'a> {
    pub(crate) fn new(keyed: Keyed<'a>) -> Self {
        KeyedCursor { keyed, pos: 0 }
    }
}

impl Cursor for KeyedCursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.keyed.at(self.pos)
    }
    fn bump(&mut self) {
        if self.peek().is_some() {
            self.pos += 1;
        }
    }
}

/// Compares two sibling keys (each followed by its `then` byte) under `order`.
///
/// For the natural order a fast path decides by plain bytes when no digit or whitespace is
/// near the first difference (then `strnatcmp` and bytes agree); otherwise `strnatcmp` runs.
pub(crate) fn compare_keyed(
    a: Keyed<'_>,
    b: Keyed<'_>,
    order: SortOrder,
    at_start: bool,
) -> Ordering {
    // Fast path: most sibling keys differ within their first eight bytes. Compared as
    // big-endian words, the heads order as the bytes do (the zero padding of a short key sorts
    // like its end: below any byte, or equal to a NUL, where the words don't decide). Under the
    // natural order that is also `strnatcmp`'s answer when no digit or whitespace lies at or
    // before the first difference. Measured (callgrind, 1.6 KB callback): the sibling sort went
    // from ~195 to ~40 instructions per comparison; signing's (a) parameters that share their
    // first eight bytes from ~250 to ~60.
    // Keys sharing their first eight bytes (`customer_id`, `customer_email`) go on word by word.
    let mut special = 0;
    let end = a.key.len().max(b.key.len());
    let mut offset = 0;
    while offset <= end {
        let (ha, hb) = (a.word_at(offset), b.word_at(offset));
        let diff = ha ^ hb;
        if diff == 0 {
            special |= digit_or_space(ha);
            offset += 8;
            continue;
        }
        if order != SortOrder::Natural {
            return ha.cmp(&hb);
        }
        // The bytes up to and including the first difference.
        let upto = !u64::MAX
            .checked_shr((diff.leading_zeros() / 8 + 1) * 8)
            .unwrap_or(0);
        if special == 0 && (digit_or_space(ha) | digit_or_space(hb)) & upto == 0 {
            return ha.cmp(&hb);
        }
        break;
    }
    let n = a.key.len().min(b.key.len());
    let common = a
        .key
        .iter()
        .zip(b.key)
        .position(|(x, y)| x != y)
        .unwrap_or(n);
    // Bytes at the first difference (the `then` byte or the end when a key is exhausted).
    let (mut x, mut y) = (a.at(common), b.at(common));
    let mut i = common;
    while x == y && x.is_some() {
        i += 1;
        x = a.at(i);
        y = b.at(i);
    }
    if order != SortOrder::Natural {
        return cmp_bytes_end(x, y);
    }
    let prefix = a.key.get(..common).unwrap_or(&[]);
    let quirky = is_digit(x)
        || is_digit(y)
        || is_space(x)
        || is_space(y)
        || (i > 0 && is_digit(a.at(i - 1)))
        || prefix.iter().any(|&c| is_space(Some(c)))
        || (at_start && (a.key.first() == Some(&b'0') || b.key.first() == Some(&b'0')));
    if !quirky {
        return cmp_bytes_end(x, y);
    }
    strnatcmp(KeyedCursor::new(a), KeyedCursor::new(b), at_start)
}

/// The high bit of each byte of `word` from 0x01 to 0x3f (exact): `:` and every digit and
/// whitespace byte are among them, and keys and names made of letters and `_` have none, so
/// the exact tests (`digit_or_space`, a name's `:` search: about three times the work) run only
/// when this finds something.
pub(crate) fn below_letters(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // On the low seven bits no sum or difference carries between bytes.
    let low = word & (ONES * 0x7f);
    (ONES * (0x7f + 0x40) - low) & (low + ONES * 0x7f) & !word & HIGHS
}

/// The high bit of each byte of `word` from 0x01 to 0x39 (exact): every digit and whitespace
/// byte is among them, but not `:` (what follows a container's key in its head), letters or
/// `_`, so [`settle_natural`] (the exact [`digit_or_space`]) runs only for the few sibling
/// groups where this finds something.
pub(crate) fn maybe_digit_or_space(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // As in `below_letters`, with the upper bound lowered to 0x39.
    let low = word & (ONES * 0x7f);
    (ONES * (0x7f + 0x3a) - low) & (low + ONES * 0x7f) & !word & HIGHS
}

/// The high bit of each byte of `word` that is an ASCII digit or C whitespace (exact, eight
/// bytes at a time: each test works on the low seven bits, where adding a constant below 0x80
/// cannot carry into the next byte).
pub(crate) fn digit_or_space(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let low = word & !HIGH;
    // High bit set where the low seven bits are >= c.
    let at_least = |c: u64| (low + ONES * (0x80 - c)) & HIGH;
    let digit = at_least(0x30) & !at_least(0x3a);
    let control_space = at_least(0x09) & !at_least(0x0e);
    let blank = !((low ^ (ONES * 0x20)) + ONES * 0x7f) & HIGH;
    (digit | control_space | blank) & !word & HIGH
}

/// Byte order where the end of a string sorts before any byte.
fn cmp_bytes_end(x: Option<u8>, y: Option<u8>) -> Ordering {
    match (x, y) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(p), Some(q)) => p.cmp(&q),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nat(a: &str, b: &str) -> Ordering {
        strnatcmp(IterCursor::new(a.bytes()), IterCursor::new(b.bytes()), true)
    }

    #[test]
    fn php_strnatcmp_cases() {
        // Results printed by PHP 8.2's strnatcmp for these pairs.
        use Ordering::*;
        for (a, b, want) in [
            ("a b", "ab", Equal),
            ("ab", "a b", Equal),
            ("007:x", "7:y", Less),
            ("items:2", "items:10", Less),
            ("a0", "a00", Less),
            ("x01", "x1", Less),
            (" a", "a", Equal),
            ("a ", "a", Greater),
            ("0", "00", Equal),
            ("00a", "0a", Equal),
            ("a:b", "a0", Greater),
            ("custom_field_9", "custom_field_10", Less),
            ("", "a", Less),
            ("a", "", Greater),
        ] {
            assert_eq!(nat(a, b), want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn sort_by_heads_sorts_distinct_decisive_words_and_keeps_the_rest() {
        // A small xorshift generator: many groups, sizes 0..=32, words drawn from a few
        // letters so that equal words (and digits, which are not decisive) come up.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..4000 {
            let n = (next() % (HEADS as u64 + 1)) as usize;
            let alphabet: &[u8] = if next() % 4 == 0 { b"ab1" } else { b"abc" };
            let mut heads = [Head::default(); HEADS];
            let mut digits = std::vec::Vec::new();
            for (i, head) in heads.iter_mut().take(n).enumerate() {
                let key: std::vec::Vec<u8> = (0..(next() % 4))
                    .map(|_| alphabet[(next() % 3) as usize])
                    .collect();
                let keyed = Keyed {
                    key: &key,
                    then: None,
                };
                *head = Head::new(keyed.head(), i as u16, true);
                digits.push(key.iter().any(|&b| is_digit(Some(b))));
            }
            let decisive = settle_natural(&mut heads[..n]);
            assert_eq!(decisive, !digits.contains(&true));
            for (head, &digit) in heads.iter().zip(&digits) {
                assert_eq!(head.decisive(), !digit);
            }
            if !decisive {
                continue;
            }
            let mut want: std::vec::Vec<(u64, u16)> =
                heads[..n].iter().map(|h| (h.word, h.index())).collect();
            want.sort_unstable();
            let distinct = want.windows(2).all(|w| w[0].0 != w[1].0);
            let sorted = sort_by_heads(&mut heads, n);
            assert_eq!(sorted, distinct);
            let mut got: std::vec::Vec<(u64, u16)> =
                heads[..n].iter().map(|h| (h.word, h.index())).collect();
            if !sorted {
                got.sort_unstable();
            }
            assert_eq!(got, want);
        }
    }

    /// Checks a word-at-a-time byte test: every byte value at every position of a word, among
    /// neighbours that are and are not flagged (to catch borrows and carries between bytes),
    /// gets its high bit set exactly when `want` says so.
    fn flags_exactly(test: fn(u64) -> u64, want: impl Fn(u8) -> bool) {
        for b in 0..=255u8 {
            for pos in 0..8 {
                for fill in [
                    b'a', b'0', b' ', b':', 0x00, 0x39, 0x3f, 0x40, 0x7f, 0x80, 0xff,
                ] {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let flags = test(u64::from_be_bytes(bytes));
                    for (i, &c) in bytes.iter().enumerate() {
                        let got = flags & (0x80 << (8 * (7 - i))) != 0;
                        assert_eq!(got, want(c), "byte {c:#x} at {i} in {bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn byte_tests_flag_exactly_their_bytes() {
        let digit_or_space_byte = |c: u8| is_digit(Some(c)) || is_space(Some(c));
        flags_exactly(digit_or_space, digit_or_space_byte);
        flags_exactly(below_letters, |c| (0x01..=0x3f).contains(&c));
        // The prefilter: a superset of the digits and whitespace.
        flags_exactly(maybe_digit_or_space, |c| (0x01..=0x39).contains(&c));
        assert!((0..=255u8).all(|c| !digit_or_space_byte(c) || (0x01..=0x39).contains(&c)));
    }

    #[test]
    #[cfg_attr(miri, ignore = "exhaustive loops: run natively by make test-rust")]
    fn keyed_fast_path_agrees_with_strnatcmp() {
        let keys = [
            "a",
            "ab",
            "a b",
            "a1",
            "a10",
            "a2",
            "a01",
            "0",
            "00",
            "b",
            "a:",
            "",
            "x9y",
            "x10y",
            " ",
            "a-b",
            "a_b",
            "abcdefgh",
            "abcdefgh1",
            "abcdefgh10",
            "abcdefgi",
            "abcdefg",
            "abcdefg:",
            "a\0",
            "a\0b",
            "ab\tc",
            "ab c",
            "ab1",
            "ac1",
            "é",
            "e\u{7f}",
        ];
        for &ka in &keys {
            for &kb in &keys {
                for ta in [None, Some(b':')] {
                    for tb in [None, Some(b':')] {
                        for at_start in [false, true] {
                            let a = Keyed {
                                key: ka.as_bytes(),
                                then: ta,
                            };
                            let b = Keyed {
                                key: kb.as_bytes(),
                                then: tb,
                            };
                            let slow =
                                strnatcmp(KeyedCursor::new(a), KeyedCursor::new(b), at_start);
                            let fast = compare_keyed(a, b, SortOrder::Natural, at_start);
                            assert_eq!(fast, slow, "{ka:?}{ta:?} vs {kb:?}{tb:?}");
                            let la: std::vec::Vec<u8> = ka.bytes().chain(ta).collect();
                            let lb: std::vec::Vec<u8> = kb.bytes().chain(tb).collect();
                            for order in [SortOrder::PathBytewise, SortOrder::LineBytewise] {
                                let bytewise = compare_keyed(a, b, order, at_start);
                                assert_eq!(bytewise, la.cmp(&lb), "{la:?} vs {lb:?}");
                            }
                        }
                    }
                }
            }
        }
    }
}
