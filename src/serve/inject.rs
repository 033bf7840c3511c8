//! The live-reload script, added to every HTML page as it streams out: before the first
//! `</body>`, or at the end. The page is never held whole in memory, and its answer stays true:
//! `Content-Length` (of a GET and of a HEAD) counts the script, and a `Range` on a page is not
//! honoured (the whole page, 200, no `Accept-Ranges`), since ranges of the file on disk are not
//! ranges of the page served.

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;

pub const SCRIPT_TAG: &str = "<script src=\"/__sopbook/live.js\" defer></script>";

/// Where the script goes: before this, matched without regard to case.
const BEFORE: &[u8] = b"</body>";

/// The middleware: drops `Range` on requests that may answer with a page, and adds the script
/// to the pages answered.
pub async fn live_script(mut request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    if may_be_a_page(request.uri().path()) {
        request.headers_mut().remove(header::RANGE);
        request.headers_mut().remove(header::IF_RANGE);
    }
    add_script(next.run(request).await, head)
}

/// Whether a request for `path` may be answered with HTML: a folder (its `index.html`), a path
/// without an extension (a folder, or the 404 page), or a name the file server types as HTML.
fn may_be_a_page(path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let last = decoded.rsplit(['/', '\\']).next().unwrap_or_default();
    match std::path::Path::new(last).extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => mime_guess::from_ext(ext).first_raw() == Some("text/html"),
    }
}

/// Adds the script to a whole HTML page (200 or the 404 page), fixing its length.
fn add_script(response: Response, head: bool) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let whole = matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND)
        && !response.headers().contains_key(header::CONTENT_RANGE);
    if !is_html || !whole {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let length = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .or_else(|| body.size_hint().exact());
    match length {
        Some(length) => {
            parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length + SCRIPT_TAG.len() as u64));
        }
        None => {
            parts.headers.remove(header::CONTENT_LENGTH);
        }
    }
    parts.headers.remove(header::ACCEPT_RANGES);
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if head {
        // A HEAD answer has no body to add to; its length is the GET's.
        return Response::from_parts(parts, body);
    }
    let chunks = body.into_data_stream();
    let spliced = futures_util::stream::unfold(Some((chunks, Splice::default())), |state| async move {
        let (mut chunks, mut splice) = state?;
        match chunks.next().await {
            Some(Ok(chunk)) => Some((Ok(splice.push(&chunk)), Some((chunks, splice)))),
            Some(Err(error)) => Some((Err(error), None)),
            None => Some((Ok(splice.finish()), None)),
        }
    });
    Response::from_parts(parts, Body::from_stream(spliced))
}

/// Inserts [`SCRIPT_TAG`] into a page given chunk by chunk, keeping back only the few bytes
/// that may be the start of a `</body>` split between two chunks.
#[derive(Default)]
struct Splice {
    kept: Vec<u8>,
    done: bool,
}

impl Splice {
    fn push(&mut self, chunk: &[u8]) -> Bytes {
        if self.done {
            return Bytes::copy_from_slice(chunk);
        }
        let mut data = std::mem::take(&mut self.kept);
        data.extend_from_slice(chunk);
        if let Some(at) = data.windows(BEFORE.len()).position(|w| w.eq_ignore_ascii_case(BEFORE)) {
            self.done = true;
            let mut out = Vec::with_capacity(data.len() + SCRIPT_TAG.len());
            out.extend_from_slice(&data[..at]);
            out.extend_from_slice(SCRIPT_TAG.as_bytes());
            out.extend_from_slice(&data[at..]);
            return out.into();
        }
        let keep = data.len().min(BEFORE.len() - 1);
        self.kept = data.split_off(data.len() - keep);
        data.into()
    }

    /// The end of the page: what was kept back, and the script if no `</body>` came.
    fn finish(&mut self) -> Bytes {
        let mut out = std::mem::take(&mut self.kept);
        if !self.done {
            self.done = true;
            out.extend_from_slice(SCRIPT_TAG.as_bytes());
        }
        out.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spliced(page: &str, chunk: usize) -> String {
        let mut splice = Splice::default();
        let mut out = Vec::new();
        for piece in page.as_bytes().chunks(chunk.max(1)) {
            out.extend_from_slice(&splice.push(piece));
        }
        out.extend_from_slice(&splice.finish());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_script_goes_before_the_body_ends_whatever_the_chunks() {
        let page = "<html><body><p>olá</p></BODY>\n</html>\n";
        let expected = format!("<html><body><p>olá</p>{SCRIPT_TAG}</BODY>\n</html>\n");
        for chunk in 1..=page.len() {
            assert_eq!(spliced(page, chunk), expected, "chunks of {chunk}");
        }
        assert_eq!(spliced("<p>sem corpo</p>", 3), format!("<p>sem corpo</p>{SCRIPT_TAG}"));
        assert_eq!(spliced("", 1), SCRIPT_TAG);
        let twice = "a</body>b</body>";
        assert_eq!(spliced(twice, 4), format!("a{SCRIPT_TAG}</body>b</body>"), "once, at the first");
    }

    #[test]
    fn pages_are_told_from_other_files_by_their_path() {
        for page in ["/", "/index.html", "/a/b.HTML", "/a/", "/a", "/x.htm", "/%62.html", "/nao-existe"] {
            assert!(may_be_a_page(page), "{page}");
        }
        for other in ["/search/index.js", "/assets/style.css", "/a.png", "/a.json"] {
            assert!(!may_be_a_page(other), "{other}");
        }
    }
}
