//! A real SMTP server inside the test (mailin-embedded) that keeps what it receives.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::{Handler, Response, Server, SslConfig, response};

#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

#[derive(Clone)]
struct Sink {
    store: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    buffer: Vec<u8>,
}

impl Handler for Sink {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.buffer.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buffer.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        if let Ok(mut store) = self.store.lock() {
            store.push(Received {
                to: std::mem::take(&mut self.to),
                data: String::from_utf8_lossy(&self.buffer).into_owned(),
            });
        }
        response::OK
    }
}

/// Starts the server on a free port; returns its `smtp://` URL and the mailbox.
pub fn start() -> (String, Arc<Mutex<Vec<Received>>>) {
    let store = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP");
    let port = listener.local_addr().expect("addr").port();
    let mut server = Server::new(Sink {
        store: store.clone(),
        to: Vec::new(),
        buffer: Vec::new(),
    });
    server
        .with_name("smtp.test")
        .with_ssl(SslConfig::None)
        .expect("no TLS")
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (format!("smtp://127.0.0.1:{port}"), store)
}

pub fn received(store: &Arc<Mutex<Vec<Received>>>) -> Vec<Received> {
    store.lock().map(|v| v.clone()).unwrap_or_default()
}
