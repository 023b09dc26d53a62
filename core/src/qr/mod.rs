//! QR codes: encoding into caller-owned buffers, renderers, `display_data` and `img_src`.
//! (Work in progress: owned by the QR issue.)
