//! An in-process stand-in for Discord on 127.0.0.1: the REST endpoints the bot calls and a
//! WebSocket gateway, recording every request so tests assert on what the bot sent.
//!
//! The real serenity client talks to it unmodified: REST through `discord.api_proxy`, the
//! gateway at the URL `GET /gateway` and `GET /gateway/bot` return.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::gateway::{dispatch_frame, gateway, DROP_CONNECTION};
use super::payloads;

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Path below `/api/v10`, e.g. `/channels/1/messages`.
    pub path: String,
    /// The `Authorization` header.
    pub auth: Option<String>,
    /// JSON body (`Null` when empty).
    pub body: Value,
    /// When it arrived.
    pub at: Instant,
    /// The status the fake answered with.
    pub status: StatusCode,
}

impl Request {
    /// `"POST /channels/1/messages"`, for assertion messages.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// What the fake has seen, behind one lock.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) requests: Vec<Request>,
    pub(super) identifies: Vec<Value>,
    pub(super) heartbeats: usize,
    pub(super) compressed: usize,
    pub(super) closes: Vec<Option<u16>>,
    /// Sender into the live gateway session, once the bot has identified.
    pub(super) gateway: Option<mpsc::UnboundedSender<String>>,
    /// Threads that exist (pre-existing ones and those the bot opened).
    threads: Vec<u64>,
    /// Canned failures: the next calls to a method and path get these instead of the
    /// normal answer, one each, in order.
    scripted: Vec<(Method, String, std::collections::VecDeque<Scripted>)>,
}

/// A canned REST answer for [`FakeDiscord::script`]: status, extra headers, JSON body.
#[derive(Debug, Clone)]
pub struct Scripted {
    /// HTTP status.
    pub status: StatusCode,
    /// Headers besides the content type.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body.
    pub body: Value,
}

impl Scripted {
    /// A 429 as Discord sends it: `retry_after` in seconds in the body and the
    /// `Retry-After` header, with `X-RateLimit-Global` when the limit is the global one.
    pub fn rate_limited(retry_after: f64, global: bool) -> Scripted {
        let mut headers = vec![("retry-after", retry_after.to_string())];
        if global {
            headers.push(("x-ratelimit-global", "true".to_owned()));
        } else {
            headers.push(("x-ratelimit-scope", "user".to_owned()));
        }
        let body = json!({"message": "You are being rate limited.", "retry_after": retry_after, "global": global});
        Scripted { status: StatusCode::TOO_MANY_REQUESTS, headers, body }
    }

    /// An error status with Discord's JSON error body.
    pub fn error(status: StatusCode, code: u32, message: &str) -> Scripted {
        Scripted { status, headers: Vec::new(), body: payloads::error(code, message) }
    }

    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value.parse().expect("a header value"));
        }
        response
    }
}

/// State shared by the REST handler, the gateway sessions and the test.
pub(super) struct Inner {
    addr: SocketAddr,
    token: String,
    shared: Mutex<Shared>,
    pub(super) seq: AtomicU64,
    next_id: AtomicU64,
}

impl Inner {
    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.addr)
    }

    fn id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// The fake Discord; stops serving when dropped.
pub struct FakeDiscord {
    inner: Arc<Inner>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Binds to an ephemeral port on 127.0.0.1 and serves until dropped; `token` is the only
    /// one it accepts.
    pub async fn start(token: &str) -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let inner = Arc::new(Inner {
            addr: listener.local_addr().expect("local addr"),
            token: token.to_owned(),
            shared: Mutex::new(Shared {
                threads: payloads::EXISTING_THREADS.iter().map(|t| t.0).collect(),
                ..Shared::default()
            }),
            seq: AtomicU64::new(1),
            next_id: AtomicU64::new(8_000_000_000_000_000_001),
        });
        let app = Router::new()
            .route("/gateway", get(gateway))
            .route("/api/v10/{*path}", any(rest))
            .with_state(Arc::clone(&inner));
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Discord serves");
        });
        FakeDiscord { inner, server }
    }

    /// What `discord.api_proxy` is set to.
    pub fn url(&self) -> String {
        format!("http://{}", self.inner.addr)
    }

    /// A fresh snowflake for messages and interactions.
    pub fn id(&self) -> u64 {
        self.inner.id()
    }

    /// Every REST call so far.
    pub fn requests(&self) -> Vec<Request> {
        self.inner.lock().requests.clone()
    }

    /// IDENTIFY payloads received.
    pub fn identifies(&self) -> Vec<Value> {
        self.inner.lock().identifies.clone()
    }

    /// Heartbeats received (each was acknowledged).
    pub fn heartbeats(&self) -> usize {
        self.inner.lock().heartbeats
    }

    /// Frames sent zlib-compressed (serenity must inflate them).
    pub fn compressed_frames(&self) -> usize {
        self.inner.lock().compressed
    }

    /// Close codes of gateway sessions the bot ended (`None`: dropped without a close frame).
    pub fn closes(&self) -> Vec<Option<u16>> {
        self.inner.lock().closes.clone()
    }

    /// The next `responses.len()` calls of `method` to `path` get `responses`, in order;
    /// later calls are answered normally again.
    pub fn script(&self, method: Method, path: &str, responses: Vec<Scripted>) {
        self.inner.lock().scripted.push((method, path.to_owned(), responses.into()));
    }

    /// Sends a dispatch event to the connected shard; returns when it was sent. Panics when
    /// serenity's model would reject the payload, since serenity would drop it silently.
    pub fn dispatch(&self, event: &str, data: Value) -> Instant {
        let frame = dispatch_frame(&self.inner, event, data);
        let sender = self.inner.lock().gateway.clone().expect("the bot is connected to the gateway");
        let at = Instant::now();
        sender.send(frame).expect("gateway session alive");
        at
    }

    /// True while a gateway session has identified and takes dispatches.
    pub fn connected(&self) -> bool {
        self.inner.lock().gateway.is_some()
    }

    /// Drops the live gateway connection without a close frame, as a network failure would.
    pub fn drop_connection(&self) {
        self.send_raw(DROP_CONNECTION.to_owned());
    }

    /// Sends INVALID_SESSION (op 9), not resumable: the bot must identify again.
    pub fn invalidate_session(&self) {
        self.send_raw(json!({"op": 9, "s": null, "t": null, "d": false}).to_string());
    }

    fn send_raw(&self, frame: String) {
        let sender = self.inner.lock().gateway.take().expect("the bot is connected to the gateway");
        sender.send(frame).expect("gateway session alive");
    }

    /// Waits until a request satisfying `matches` has arrived and returns the first one.
    pub async fn wait_for(&self, what: &str, matches: impl Fn(&Request) -> bool) -> Request {
        self.poll(what, || self.requests().into_iter().find(|r| matches(r))).await
    }

    /// Waits until `count` requests satisfy `matches`.
    pub async fn wait_for_n(&self, what: &str, count: usize, matches: impl Fn(&Request) -> bool) -> Vec<Request> {
        self.poll(&format!("{count} × {what}"), || {
            let found: Vec<Request> = self.requests().into_iter().filter(|r| matches(r)).collect();
            (found.len() >= count).then_some(found)
        })
        .await
    }

    /// Waits until `count` requests satisfy `matches`, counting under the lock (no copies: for
    /// floods, where copying every request each poll would dwarf what the bot allocates).
    pub async fn wait_for_count(&self, what: &str, count: usize, matches: impl Fn(&Request) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let found = self.inner.lock().requests.iter().filter(|r| matches(r)).count();
            if found >= count {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {count} × {what}; got {found}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `check` holds for the fake's state.
    pub async fn wait_until(&self, what: &str, check: impl Fn(&FakeDiscord) -> bool) {
        self.poll(what, || check(self).then_some(())).await
    }

    /// Polls `found` until it returns something; fails after 20 s, listing the requests so far.
    async fn poll<T>(&self, what: &str, found: impl Fn() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(found) = found() {
                return found;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; got:\n{}", self.summary());
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// One line per request, for failure messages.
    pub fn summary(&self) -> String {
        self.requests().iter().map(|r| format!("  {} {}", r.line(), r.body)).collect::<Vec<_>>().join("\n")
    }
}

async fn rest(State(inner): State<Arc<Inner>>, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let path = uri.path().trim_start_matches("/api/v10").to_owned();
    let mut request = Request {
        status: StatusCode::OK,
        method,
        auth: headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        at: Instant::now(),
        path,
    };
    let scripted = {
        let mut shared = inner.lock();
        let queue =
            shared.scripted.iter_mut().find(|(m, p, q)| *m == request.method && *p == request.path && !q.is_empty());
        queue.and_then(|(_, _, q)| q.pop_front())
    };
    let response = match scripted {
        Some(scripted) => scripted.into_response(),
        None => respond(&inner, &request),
    };
    request.status = response.status();
    inner.lock().requests.push(request);
    response
}

/// Discord's answer to one REST call.
fn respond(inner: &Inner, req: &Request) -> Response {
    if req.auth.as_deref() != Some(&format!("Bot {}", inner.token)) {
        return (StatusCode::UNAUTHORIZED, Json(payloads::error(0, "401: Unauthorized"))).into_response();
    }
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let id = |s: &str| s.parse::<u64>().unwrap_or_default();
    let ok = |value: Value| (StatusCode::OK, Json(value)).into_response();
    match (req.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({"url": inner.gateway_url()})),
        ("GET", ["gateway", "bot"]) => ok(payloads::bot_gateway(&inner.gateway_url())),
        ("GET", ["users", "@me"]) => ok(payloads::bot_user()),
        ("PUT", ["applications", _, "commands"]) => ok(payloads::registered_commands(&req.body, None)),
        ("PUT", ["applications", _, "guilds", guild, "commands"]) => {
            ok(payloads::registered_commands(&req.body, Some(id(guild))))
        }
        ("POST", ["channels", channel, "messages"]) => {
            ok(payloads::created_message(&req.body, inner.id(), id(channel)))
        }
        ("POST", ["channels", _, "typing"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["channels", channel, "messages", message, "threads"]) => {
            let mut shared = inner.lock();
            if shared.threads.contains(&id(channel)) {
                let error = payloads::error(50024, "Cannot execute action on this channel type");
                return (StatusCode::BAD_REQUEST, Json(error)).into_response();
            }
            shared.threads.push(id(message));
            let name = req.body["name"].as_str().unwrap_or_default();
            ok(payloads::thread(id(message), id(channel), payloads::BOT_ID, name))
        }
        ("PUT", ["channels", _, "messages", _, "reactions", _, "@me"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("POST", ["webhooks", _, _]) => ok(payloads::created_message(&req.body, inner.id(), payloads::OTHER_CHANNEL)),
        ("PATCH", ["webhooks", _, _, "messages", _]) => {
            ok(payloads::created_message(&req.body, inner.id(), payloads::OTHER_CHANNEL))
        }
        _ => (StatusCode::NOT_FOUND, Json(payloads::error(0, "404: Not Found (fake Discord)"))).into_response(),
    }
}
