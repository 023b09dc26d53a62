//! QR codes: encoding into caller-owned buffers, renderers, `display_data` and `img_src`.
//! (Work in progress: owned by the QR issue.)

mod display_data;
mod img_src;

pub use display_data::{DisplayData, DisplayText};
pub use img_src::ImgSrc;
