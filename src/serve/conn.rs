//! HTTP/1.1 connections of the dev server, bounded so that no request can
//! make the server hold more than a few kilobytes for it: the request line
//! and headers together fit in [`MAX_HEAD`] bytes (else 431, or 414 for a
//! request line alone too long), a body is at most [`MAX_BODY`] bytes and
//! is read only to be discarded (the server takes none), an idle
//! connection is closed after [`IDLE`], and at most [`MAX_CONNECTIONS`]
//! are served at once. Requests are parsed with `httparse`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The request line and headers, in bytes.
pub const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;
/// A request body, in bytes (the server answers GET and HEAD only).
pub const MAX_BODY: u64 = 64 * 1024;
const IDLE: Duration = Duration::from_secs(15);
pub const MAX_CONNECTIONS: usize = 128;
/// Requests answered on one connection before it is closed.
const MAX_REQUESTS: usize = 1000;

static OPEN: AtomicUsize = AtomicUsize::new(0);

/// One request's head, as much of it as the server uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/ru/x/?q=1`).
    pub target: String,
    pub host: Option<String>,
    pub keep_alive: bool,
}

/// What reading the next request gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Request(Request),
    /// The client closed the connection or went quiet.
    Closed,
    /// A request the server refuses: status and reason; the connection
    /// closes after the answer.
    Refused(u16, &'static str),
}

pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    served: usize,
    /// Counts this connection among the open ones until dropped.
    _slot: Slot,
}

struct Slot;

impl Drop for Slot {
    fn drop(&mut self) {
        OPEN.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Conn {
    /// A connection to serve, or `None` (answered 503 and closed) when too
    /// many are open.
    pub fn accept(mut stream: TcpStream) -> Option<Conn> {
        if OPEN.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            OPEN.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            return None;
        }
        let _ = stream.set_read_timeout(Some(IDLE));
        let _ = stream.set_write_timeout(Some(IDLE));
        Some(Conn {
            stream,
            buf: Vec::with_capacity(1024),
            served: 0,
            _slot: Slot,
        })
    }

    /// Reads the next request's head, and skips its body.
    pub fn next(&mut self) -> Next {
        if self.served >= MAX_REQUESTS {
            return Next::Closed;
        }
        loop {
            match parse(&self.buf) {
                Parsed::Complete(request, head_len, body_len) => {
                    self.buf.drain(..head_len);
                    if body_len > MAX_BODY {
                        return Next::Refused(413, "Content Too Large");
                    }
                    if !self.skip(body_len as usize) {
                        return Next::Closed;
                    }
                    self.served += 1;
                    return Next::Request(request);
                }
                Parsed::Refused(status, reason) => return Next::Refused(status, reason),
                Parsed::Partial => {}
            }
            if self.buf.len() >= MAX_HEAD {
                return if self.buf.windows(2).any(|w| w == b"\r\n") {
                    Next::Refused(431, "Request Header Fields Too Large")
                } else {
                    Next::Refused(414, "URI Too Long")
                };
            }
            let mut chunk = [0u8; 4096];
            let room = (MAX_HEAD - self.buf.len()).min(chunk.len());
            match self.stream.read(&mut chunk[..room]) {
                Ok(0) | Err(_) => return Next::Closed,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// Reads and drops `len` body bytes; `false` when the client left.
    fn skip(&mut self, mut len: usize) -> bool {
        let from_buf = len.min(self.buf.len());
        self.buf.drain(..from_buf);
        len -= from_buf;
        let mut chunk = [0u8; 4096];
        while len > 0 {
            match self.stream.read(&mut chunk[..len.min(4096)]) {
                Ok(0) | Err(_) => return false,
                Ok(n) => len -= n,
            }
        }
        true
    }

    /// Writes a whole response; `body` is left out for HEAD requests.
    pub fn respond(
        &mut self,
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
        with_body: bool,
        keep_alive: bool,
    ) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
        for (name, value) in headers {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        head.push_str(if keep_alive {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        self.stream.write_all(head.as_bytes())?;
        if with_body {
            self.stream.write_all(body)?;
        }
        self.stream.flush()
    }

    /// The socket, for a response that streams (server-sent events).
    pub fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }
}

enum Parsed {
    /// The request, the head's length and the body's.
    Complete(Request, usize, u64),
    Partial,
    Refused(u16, &'static str),
}

fn parse(buf: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut headers);
    let head_len = match req.parse(buf) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => {
            return Parsed::Refused(431, "Request Header Fields Too Large")
        }
        Err(_) => return Parsed::Refused(400, "Bad Request"),
    };
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    if header("transfer-encoding").is_some() {
        return Parsed::Refused(501, "Not Implemented");
    }
    let body_len = match header("content-length").map(|v| v.parse::<u64>()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return Parsed::Refused(400, "Bad Request"),
    };
    let http10 = req.version == Some(0);
    let connection = header("connection")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let keep_alive = if http10 {
        connection == "keep-alive"
    } else {
        connection != "close"
    };
    let request = Request {
        method: req.method.unwrap_or("").to_string(),
        target: req.path.unwrap_or("/").to_string(),
        host: header("host"),
        keep_alive,
    };
    Parsed::Complete(request, head_len, body_len)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &[u8]) -> Parsed {
        parse(raw)
    }

    #[test]
    fn reads_what_it_needs_of_a_head() {
        let raw =
            b"GET /ru/x/?q=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nContent-Length: 3\r\n\r\nabc";
        let Parsed::Complete(req, head, body) = parsed(raw) else {
            panic!("not parsed");
        };
        assert_eq!(req.target, "/ru/x/?q=1");
        assert_eq!(req.host.as_deref(), Some("127.0.0.1:1111"));
        assert!(req.keep_alive);
        assert_eq!((head, body), (raw.len() - 3, 3));
        assert!(matches!(
            parsed(b"GET / HTTP/1.1\r\nHost: x"),
            Parsed::Partial
        ));
        assert!(matches!(
            parsed(b"\x00\x01 nonsense\r\n\r\n"),
            Parsed::Refused(400, _)
        ));
    }

    #[test]
    fn many_headers_and_chunked_bodies_are_refused() {
        let mut raw = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..100 {
            raw.extend_from_slice(format!("X-{i}: y\r\n").as_bytes());
        }
        raw.extend_from_slice(b"\r\n");
        assert!(matches!(parsed(&raw), Parsed::Refused(431, _)));
        let chunked = b"GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert!(matches!(parsed(chunked), Parsed::Refused(501, _)));
    }
}
