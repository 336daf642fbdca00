//! The listening socket, and the one way connections are accepted from it: with `TCP_NODELAY`.
//!
//! Without it, Nagle's algorithm holds back the second write of a response until the client
//! acknowledges the first, and a client delaying its ACK (as Linux does) makes that about
//! 40 ms per invocation. hyper sends a whole response in one write, but a body larger than
//! the socket buffer still goes out in several, so every accepted socket gets the option.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener on `127.0.0.1` whose accepted sockets all have `TCP_NODELAY` set.
pub(crate) struct Listener {
    inner: TcpListener,
}

impl Listener {
    /// Binds `127.0.0.1` on a free port. A blocking std listener, so that binding (and
    /// failing to) happens on the caller's thread, before any runtime is running.
    pub fn bind_local() -> io::Result<std::net::TcpListener> {
        let listener = std::net::TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        Ok(listener)
    }

    /// Takes over a listener from [`bind_local`](Self::bind_local).
    ///
    /// Must be called within a tokio runtime (with I/O enabled).
    pub fn new(listener: std::net::TcpListener) -> io::Result<Listener> {
        Ok(Listener { inner: TcpListener::from_std(listener)? })
    }

    /// The bound address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }

    /// Waits for the next connection and sets `TCP_NODELAY` on it.
    ///
    /// A connection on which the option cannot be set is already broken, and is dropped: the
    /// error is returned instead.
    pub async fn accept(&self) -> io::Result<TokioIo<TcpStream>> {
        let (stream, _peer) = self.inner.accept().await?;
        stream.set_nodelay(true)?;
        Ok(TokioIo::new(stream))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regression test for ~40 ms invocations with events over ~1 KiB: the socket the
    /// server answers on must not wait for ACKs before sending.
    #[test]
    fn accepted_sockets_have_nodelay_set() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build().expect("a runtime");
        runtime.block_on(async {
            let listener = Listener::new(Listener::bind_local().expect("binding")).expect("a tokio listener");
            let addr = listener.local_addr().expect("bound address");
            for _ in 0..3 {
                let _client = TcpStream::connect(addr).await.expect("connecting");
                let accepted = listener.accept().await.expect("accepting");
                assert!(accepted.inner().nodelay().expect("reading TCP_NODELAY"), "accepted without TCP_NODELAY");
            }
        });
    }
}
