//! The fake's WebSocket gateway: HELLO, IDENTIFY → READY, heartbeats → ACKs, dispatches
//! pushed by the test (zlib-compressed when large), and the closing handshake.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};
use tokio::sync::mpsc;

use super::fake::Inner;
use super::payloads;

/// Frames above this size go out zlib-compressed, as Discord does for clients that identify
/// with `compress: true`.
const COMPRESS_ABOVE: usize = 1024;
/// Heartbeat interval told to the bot in HELLO; short enough that tests see heartbeats.
const HEARTBEAT_MS: u64 = 1000;
/// Pushed like a frame, makes the session drop the connection without a close frame, as a
/// network failure would.
pub(super) const DROP_CONNECTION: &str = "\u{0}drop";

/// serenity must parse the frame as the intended event, or it would drop it without a word.
fn check_frame(frame: &Value) {
    match serde_json::from_value::<GatewayEvent>(frame.clone()) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(unknown))) => {
            panic!("serenity does not know {unknown:?}")
        }
        Ok(GatewayEvent::Dispatch(..)) => {}
        Ok(other) => panic!("not a dispatch: {other:?}"),
        Err(e) => panic!("serenity would drop this frame ({e}):\n{frame:#}"),
    }
}

/// `GET /gateway`: the WebSocket upgrade serenity connects to (with `?v=10`).
pub(super) async fn gateway(State(inner): State<Arc<Inner>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(inner, socket))
}

/// One gateway session: HELLO, then IDENTIFY → READY, heartbeats → ACKs, and dispatches
/// pushed by the test, until the bot closes the connection.
async fn session(inner: Arc<Inner>, mut socket: WebSocket) {
    let (sender, mut outgoing) = mpsc::unbounded_channel::<String>();
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": HEARTBEAT_MS}});
    if socket.send(Message::Text(hello.to_string().into())).await.is_err() {
        return;
    }
    let close = loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    for reply in on_frame(&inner, &sender, text.as_str()) {
                        if socket.send(encode(reply)).await.is_err() { break; }
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    finish_close(&mut socket).await;
                    break Some(frame.map_or(1005, |f| f.code));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break None,
            },
            Some(frame) = outgoing.recv() => {
                if frame == DROP_CONNECTION {
                    break None;
                }
                let message = encode(frame);
                if matches!(message, Message::Binary(_)) {
                    inner.lock().compressed += 1;
                }
                if socket.send(message).await.is_err() { break None; }
            }
        }
    };
    let mut shared = inner.lock();
    shared.closes.push(close);
    // Only this session's own sender: an old session can end after the bot's next one has
    // identified (its connection dropped once the new one is up), and that one must stay.
    if shared.gateway.as_ref().is_some_and(|live| live.same_channel(&sender)) {
        shared.gateway = None;
    }
}

/// Completes the closing handshake: reading on lets the WebSocket send the close frame it
/// queued in reply, which the client waits for.
async fn finish_close(socket: &mut WebSocket) {
    let drain = async { while let Some(Ok(_)) = socket.recv().await {} };
    let _ = tokio::time::timeout(Duration::from_secs(2), drain).await;
}

/// Handles one client frame; returns the frames to send back directly.
fn on_frame(inner: &Inner, sender: &mpsc::UnboundedSender<String>, text: &str) -> Vec<String> {
    let frame: Value = serde_json::from_str(text).expect("the bot sends JSON");
    match frame["op"].as_u64() {
        Some(1) => {
            inner.lock().heartbeats += 1;
            vec![json!({"op": 11, "s": null, "t": null, "d": null}).to_string()]
        }
        Some(2) => {
            let mut shared = inner.lock();
            shared.identifies.push(frame["d"].clone());
            shared.gateway = Some(sender.clone());
            let ready = dispatch_frame(inner, "READY", payloads::ready(&inner.gateway_url()));
            let guild = dispatch_frame(inner, "GUILD_CREATE", payloads::guild_create());
            vec![ready, guild]
        }
        Some(6) => vec![json!({"op": 9, "s": null, "t": null, "d": false}).to_string()],
        _ => Vec::new(),
    }
}

/// A checked dispatch frame with the next sequence number.
pub(super) fn dispatch_frame(inner: &Inner, event: &str, data: Value) -> String {
    let seq = inner.seq.fetch_add(1, Ordering::Relaxed);
    let frame = json!({"op": 0, "s": seq, "t": event, "d": data});
    check_frame(&frame);
    frame.to_string()
}

/// Text frame, or a zlib-compressed binary frame when large.
fn encode(frame: String) -> Message {
    if frame.len() <= COMPRESS_ABOVE {
        return Message::Text(frame.into());
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(frame.as_bytes()).expect("compress in memory");
    Message::Binary(encoder.finish().expect("compress in memory").into())
}
