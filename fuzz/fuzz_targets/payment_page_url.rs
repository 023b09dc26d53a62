//! Payment Page URL building: the size query is exact, and the URL's query parses back to the
//! same parameters (in order, `frame_mode` left out) followed by their signature.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use qrsign_core::{Error, Key, Param, Value};

#[derive(Arbitrary, Debug)]
enum V {
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
}

#[derive(Arbitrary, Debug)]
struct Input {
    base_query: bool,
    params: Vec<(String, V)>,
}

fuzz_target!(|input: Input| {
    let key = Key::new(b"fuzz").unwrap();
    let params: Vec<Param> = input
        .params
        .iter()
        .map(|(name, v)| {
            Param::new(
                name,
                match v {
                    V::Str(s) => Value::Str(s),
                    V::Int(i) => Value::Int(*i),
                    V::Bool(b) => Value::Bool(*b),
                    V::Null => Value::Null,
                },
            )
        })
        .collect();
    let base = if input.base_query {
        "https://pp.example/payment?lang=en"
    } else {
        "https://pp.example/payment"
    };
    let needed = match key.payment_page_url(base, &params, &mut []) {
        Err(Error::BufferTooSmall { needed }) => needed,
        Ok(_) => unreachable!("a URL is never empty"),
        Err(e) => {
            assert_eq!(key.sign_params(&params).err(), Some(e));
            return;
        }
    };
    let mut out = vec![0u8; needed];
    assert_eq!(key.payment_page_url(base, &params, &mut out), Ok(needed));
    assert_eq!(
        key.payment_page_url(base, &params, &mut out[..needed - 1]),
        Err(Error::BufferTooSmall { needed })
    );
    let url = std::str::from_utf8(&out).expect("URL is ASCII");
    assert!(url.is_ascii() && url.starts_with(base));
    let query = &url[base.len() + 1..];
    let got: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let mut want: Vec<(String, String)> = input
        .params
        .iter()
        .filter(|(n, _)| n != "frame_mode")
        .map(|(n, v)| {
            let text = match v {
                V::Str(s) => s.clone(),
                V::Int(i) => i.to_string(),
                V::Bool(b) => if *b { "1" } else { "0" }.to_string(),
                V::Null => String::new(),
            };
            (n.clone(), text)
        })
        .collect();
    want.push(("signature".into(), key.sign_params(&params).unwrap().as_str().into()));
    assert_eq!(got, want);
});
