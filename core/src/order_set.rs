//! A set of sort orders: which orders reproduce a signature ([`crate::Diagnosis::matching`]).

use crate::order::SortOrder;

/// A set of [`SortOrder`]s, one bit each (bit `i` is `SortOrder::ALL[i]`).
///
/// A signature made by the Python SDKs (path-bytewise) and one made by the Java/Go SDKs
/// (line-bytewise) are often the same bytes: whenever the two orders give the same canonical
/// string. A diagnosis therefore reports every order that reproduces a signature.
///
/// ```
/// use qrsign_core::{OrderSet, SortOrder};
/// let set = OrderSet::EMPTY.with(SortOrder::PathBytewise).with(SortOrder::LineBytewise);
/// assert!(set.contains(SortOrder::LineBytewise) && !set.contains(SortOrder::Natural));
/// assert_eq!(set.iter().collect::<Vec<_>>(), [SortOrder::PathBytewise, SortOrder::LineBytewise]);
/// assert_eq!(set.bits(), 0b110);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OrderSet(u8);

impl OrderSet {
    /// No order.
    ///
    /// ```
    /// assert!(qrsign_core::OrderSet::EMPTY.is_empty());
    /// ```
    pub const EMPTY: OrderSet = OrderSet(0);

    const fn bit(order: SortOrder) -> u8 {
        1 << order as u8
    }

    /// This set with `order` added.
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// assert_eq!(OrderSet::EMPTY.with(SortOrder::Natural).len(), 1);
    /// ```
    #[must_use]
    pub const fn with(self, order: SortOrder) -> OrderSet {
        OrderSet(self.0 | Self::bit(order))
    }

    /// True if `order` is in the set.
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// assert!(!OrderSet::EMPTY.contains(SortOrder::Natural));
    /// ```
    pub const fn contains(self, order: SortOrder) -> bool {
        self.0 & Self::bit(order) != 0
    }

    /// True if the set has no order.
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// assert!(!OrderSet::EMPTY.with(SortOrder::Natural).is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many orders the set holds.
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// assert_eq!(OrderSet::EMPTY.len(), 0);
    /// ```
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The set as bits: bit `i` for `SortOrder::ALL[i]` (natural 1, path-bytewise 2,
    /// line-bytewise 4), as the C ABI's `qrsign_diagnosis.matching_orders`.
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// assert_eq!(OrderSet::EMPTY.with(SortOrder::Natural).bits(), 1);
    /// ```
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The orders in the set, in [`SortOrder::ALL`]'s order (the platform's first).
    ///
    /// ```
    /// use qrsign_core::{OrderSet, SortOrder};
    /// let set = OrderSet::EMPTY.with(SortOrder::LineBytewise).with(SortOrder::Natural);
    /// assert_eq!(set.iter().next(), Some(SortOrder::Natural));
    /// ```
    pub fn iter(self) -> impl Iterator<Item = SortOrder> {
        SortOrder::ALL
            .into_iter()
            .filter(move |&o| self.contains(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_follow_the_order_of_all() {
        for (i, order) in SortOrder::ALL.into_iter().enumerate() {
            let one = OrderSet::EMPTY.with(order);
            assert_eq!(one.bits(), 1 << i);
            assert_eq!(one.iter().collect::<heapless::Vec<_, 3>>(), [order]);
            for other in SortOrder::ALL {
                assert_eq!(one.contains(other), other == order);
            }
        }
        let all = SortOrder::ALL
            .into_iter()
            .fold(OrderSet::EMPTY, OrderSet::with);
        assert_eq!((all.bits(), all.len()), (0b111, 3));
    }
}
