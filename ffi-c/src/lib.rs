//! C ABI for qrsign (work in progress).
