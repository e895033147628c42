//! The socket frame decoder (`service::wire`), both directions: what a server reads from
//! a client (`ClientFrame`) and what a client reads from a server (`ServerFrame`). Input:
//! one byte whose low bit picks the direction, then the bytes on the socket, headers
//! included. Every frame that decodes must encode and read back as the same frame.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ngoaivu::service::wire::{self, ClientFrame, ServerFrame};
use serde::{Serialize, de::DeserializeOwned};
use std::fmt::Debug;

/// Reads frames as a connection does, until the stream ends or one is damaged.
fn frames<T: Serialize + DeserializeOwned + PartialEq + Debug>(mut input: &[u8]) {
    while let Ok(Some(frame)) = wire::read_frame::<T>(&mut input) {
        let bytes = wire::encode(&frame).expect("a decoded frame encodes");
        let back: T = wire::read_frame(&mut bytes.as_slice())
            .expect("an encoded frame reads")
            .expect("an encoded frame is not the end");
        assert_eq!(back, frame, "a frame changed through a re-encode");
    }
}

fuzz_target!(|data: &[u8]| {
    let [direction, stream @ ..] = data else {
        return;
    };
    if direction & 1 == 0 {
        frames::<ClientFrame>(stream);
    } else {
        frames::<ServerFrame>(stream);
    }
});
