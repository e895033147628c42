//! The socket protocol: length-prefixed frames of bincode-encoded serde types.
//!
//! A frame is a 4-byte little-endian length, then that many bytes of one `ClientFrame` or
//! `ServerFrame`. A client first sends `Hello`; the server answers `Welcome` (or `Refused`
//! and closes). Then each `Call` carries an id that its `Reply` repeats; `Push` frames
//! (changes committed by anyone) arrive in between, never with an id. A frame over
//! `MAX_FRAME`, or one that does not decode whole, closes that connection and nothing else.

use super::api::{Push, Request, Response};
use super::identity::Identity;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::io::{self, Read, Write};

/// Bumped whenever a frame's layout changes.
pub const PROTOCOL: u32 = 1;

/// The largest frame either side accepts: an import chunk or a demo batch fits easily.
pub const MAX_FRAME: usize = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    Tui,
    Cli,
}

impl ClientKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Tui => "tui",
            ClientKind::Cli => "cli",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub version: String,
    pub client: ClientKind,
    /// Test builds only: act as this user instead of the socket's peer. A release server
    /// refuses a hello that carries one.
    pub as_user: Option<String>,
}

// A call is built once and moved to the socket; boxing it would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClientFrame {
    Hello(Hello),
    Call { id: u64, request: Request },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The peer's Unix account has no role here.
    UnknownUser { user: String },
    /// The server runs another version. `clients`: how many are still on it; `replacing`:
    /// it is shutting down so that the new version can start (an auto-started server with
    /// no clients left); `managed`: it runs under `ngoaivu serve` (systemd) and must be
    /// upgraded by an admin.
    OtherVersion {
        server: String,
        clients: usize,
        replacing: bool,
        managed: bool,
    },
    /// The hello was not understood (or injected an identity into a release server).
    BadHello { reason: String },
}

// Replies are built once and moved; boxing them would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerFrame {
    Welcome {
        version: String,
        pid: u32,
        identity: Identity,
    },
    Refused(Refusal),
    Reply {
        id: u64,
        response: Response,
    },
    Push(Push),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_FRAME>()
}

/// This program's version as the handshake states it. Debug builds may pretend another
/// (`NGOAIVU_TEST_VERSION`), so tests can try a version change.
pub fn version() -> String {
    if cfg!(debug_assertions)
        && let Ok(v) = std::env::var("NGOAIVU_TEST_VERSION")
        && !v.is_empty()
    {
        return v;
    }
    env!("CARGO_PKG_VERSION").to_string()
}

fn invalid(detail: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, detail.to_string())
}

pub fn encode<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    let body = bincode::serde::encode_to_vec(value, config()).map_err(invalid)?;
    if body.len() > MAX_FRAME {
        return Err(invalid(format!(
            "a frame of {} bytes is over the {MAX_FRAME}-byte limit",
            body.len()
        )));
    }
    let mut frame = Vec::with_capacity(4 + body.len());
    frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
    frame.extend_from_slice(&body);
    Ok(frame)
}

/// Writes one frame (header and body in one write, so frames never interleave).
pub fn write_frame<T: Serialize>(out: &mut impl Write, value: &T) -> io::Result<()> {
    out.write_all(&encode(value)?)?;
    out.flush()
}

/// Reads one frame's bytes; `None` at a clean end of stream (before a header).
pub fn read_body(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut header = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match input.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(header) as usize;
    if len > MAX_FRAME {
        return Err(invalid(format!(
            "a frame of {len} bytes is over the {MAX_FRAME}-byte limit"
        )));
    }
    let mut body = vec![0u8; len];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

/// Decodes a whole frame body; trailing bytes are an error like any other damage.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> io::Result<T> {
    let (value, used) = bincode::serde::decode_from_slice(body, config()).map_err(invalid)?;
    if used != body.len() {
        return Err(invalid(format!("{} trailing bytes", body.len() - used)));
    }
    Ok(value)
}

/// Reads and decodes one frame; `None` at a clean end of stream.
pub fn read_frame<T: DeserializeOwned>(input: &mut impl Read) -> io::Result<Option<T>> {
    match read_body(input)? {
        Some(body) => decode(&body).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips_and_a_hostile_length_is_refused() {
        let frame = ClientFrame::Call {
            id: 7,
            request: Request::Get {
                code: "CD-000001".into(),
            },
        };
        let bytes = encode(&frame).unwrap();
        let back: ClientFrame = read_frame(&mut bytes.as_slice()).unwrap().unwrap();
        assert_eq!(back, frame);
        let mut huge = u32::MAX.to_le_bytes().to_vec();
        huge.extend_from_slice(b"xx");
        let e = read_frame::<ClientFrame>(&mut huge.as_slice()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        let truncated = &bytes[..bytes.len() - 1];
        assert!(read_frame::<ClientFrame>(&mut &truncated[..]).is_err());
        let mut trailing = bytes.clone();
        trailing[0] += 1;
        trailing.push(0);
        assert!(read_frame::<ClientFrame>(&mut trailing.as_slice()).is_err());
        assert!(
            read_frame::<ClientFrame>(&mut &[][..]).unwrap().is_none(),
            "a clean end"
        );
    }
}
