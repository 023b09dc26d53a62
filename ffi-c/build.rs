//! Sets the shared library's SONAME to `libqrsign.so.MAJOR` (the ABI policy of the header).
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    if os == "linux" && !major.is_empty() {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libqrsign.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
