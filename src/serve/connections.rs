//! Accepting connections under hostile clients: a bounded number at a time, a deadline for each
//! request's head, a deadline for a write the client does not read, and a deadline for the
//! shutdown, so that no client can keep `serve` alive or exhaust its file descriptors.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::Sleep;

/// How long a client has to send a request's head, from the moment the connection waits for it:
/// a new connection, or a kept-alive one after its last answer (so it is the idle timeout too).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write may wait on a client that reads nothing before the connection is dropped.
/// Open pages read their event stream at once; a keep-alive comment goes out every 15 s.
pub const STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections served at once. More wait in the kernel's queue, costing `serve` nothing: a
/// browser opens about six per site.
pub const MAX_CONNECTIONS: usize = 256;

/// After SIGTERM or Ctrl+C, how long answers under way may take to finish.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(2);

/// The address of this server that a connection reached (for the `Host` check).
#[derive(Clone, Copy, Debug)]
pub struct Reached(pub SocketAddr);

/// Serves `app` on `listener` until `stop` completes, then gives the answers under way
/// [`SHUTDOWN_DEADLINE`] to finish and drops the rest.
pub async fn serve(listener: TcpListener, app: Router, stop: impl Future<Output = ()>) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = accept(&listener, &permits) => accepted,
        };
        let Some((stream, permit)) = accepted else { continue };
        let Ok(local) = stream.local_addr() else { continue };
        let router = TowerToHyperService::new(app.clone());
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(Reached(local));
            hyper::service::Service::call(&router, request)
        });
        let connection = http.serve_connection(TokioIo::new(Stalling::new(stream)), service);
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = watched.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_DEADLINE, graceful.shutdown()).await;
}

/// The next connection, once fewer than [`MAX_CONNECTIONS`] are open. `None` after an error
/// (out of file descriptors, a connection reset while queued), after a short pause so that a
/// persistent error does not spin.
async fn accept(
    listener: &TcpListener,
    permits: &Arc<Semaphore>,
) -> Option<(tokio::net::TcpStream, tokio::sync::OwnedSemaphorePermit)> {
    let permit = permits.clone().acquire_owned().await.ok()?;
    match listener.accept().await {
        Ok((stream, _)) => Some((stream, permit)),
        Err(_) => {
            tokio::time::sleep(Duration::from_millis(50)).await;
            None
        }
    }
}

/// A connection whose writes fail once they have made no progress for [`STALL_TIMEOUT`]: a
/// client that stops reading would otherwise hold its connection, and the page being sent,
/// forever.
struct Stalling<S> {
    inner: S,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> Stalling<S> {
    fn new(inner: S) -> Self {
        Stalling { inner, stalled: None }
    }

    /// After a write that could not proceed: pending until the deadline, then an error.
    fn pending<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let deadline = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(STALL_TIMEOUT)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading"))),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Bytes written: the client reads, the deadline is lifted.
    fn written(&mut self, cx: &mut Context<'_>, result: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        match result {
            Poll::Pending => self.pending(cx),
            Poll::Ready(Ok(n)) if n > 0 => {
                self.stalled = None;
                Poll::Ready(Ok(n))
            }
            ready => ready,
        }
    }

    /// A flush or shutdown waits under the same deadline, and does not lift it (a flush of a
    /// socket is done at once, whether the client reads or not).
    fn flushed(&mut self, cx: &mut Context<'_>, result: Poll<io::Result<()>>) -> Poll<io::Result<()>> {
        match result {
            Poll::Pending => self.pending(cx),
            ready => ready,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Stalling<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Stalling<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.written(cx, result)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.written(cx, result)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let result = Pin::new(&mut self.inner).poll_flush(cx);
        self.flushed(cx, result)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let result = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.flushed(cx, result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    /// A write to a peer that never reads fails after the stall timeout (time is paused, so
    /// the test takes no time).
    #[tokio::test(start_paused = true)]
    async fn a_write_nobody_reads_fails_after_the_stall_timeout() {
        let (ours, _theirs) = tokio::io::duplex(1024);
        let mut stalling = Stalling::new(ours);
        let started = tokio::time::Instant::now();
        let error = loop {
            if let Err(error) = stalling.write_all(&[0; 4096]).await {
                break error;
            }
        };
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        assert_eq!(started.elapsed(), STALL_TIMEOUT);
    }

    /// Progress resets the deadline: a slow reader is not a stalled one.
    #[tokio::test(start_paused = true)]
    async fn a_slow_reader_is_served() {
        use tokio::io::AsyncReadExt;
        let (ours, mut theirs) = tokio::io::duplex(1024);
        let mut stalling = Stalling::new(ours);
        let reader = tokio::spawn(async move {
            let mut total = 0;
            let mut buf = [0; 1024];
            while total < 8192 {
                tokio::time::sleep(STALL_TIMEOUT / 2).await;
                total += theirs.read(&mut buf).await.unwrap();
            }
            total
        });
        stalling.write_all(&[0; 8192]).await.unwrap();
        drop(stalling);
        assert_eq!(reader.await.unwrap(), 8192);
    }
}
