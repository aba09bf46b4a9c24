//! `notebot bench`: figures per scale and the plain Tantivy baseline measured beside them.

use std::process::Command;

use serde_json::Value;

use crate::common::Fixture;

const NOTE: &str = "# 네트워크\n\n## TCP\n\nTCP는 연결 지향 프로토콜로 3-way handshake로 연결을 맺는다.\n\n## UDP\n\nUDP는 비연결형이라 순서와 도착을 보장하지 않는다.\n";

fn bench(fixture: &Fixture, extra: &[&str]) -> Vec<Value> {
    let questions = fixture.root.path().join("questions.jsonl");
    std::fs::write(
        &questions,
        "{\"id\": \"b1\", \"question\": \"TCP 연결은 어떻게 맺어?\", \"expect\": [], \"answerable\": false}\n\
         {\"id\": \"b2\", \"question\": \"UDP는 순서를 보장해?\", \"expect\": [], \"answerable\": false}\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_notebot"))
        .arg("--knowledge")
        .arg(fixture.knowledge())
        .args(["bench", "--scales", "1,3", "--json", "--questions"])
        .arg(&questions)
        .args(extra)
        .env_remove("RUST_LOG")
        .output()
        .expect("notebot runs");
    assert!(output.status.success(), "bench failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

#[test]
fn bench_reports_the_baseline_over_the_same_chunks_with_ratios() {
    let fixture = Fixture::new();
    fixture.write("net.md", NOTE.as_bytes());
    let lines = bench(&fixture, &[]);
    assert_eq!(lines.len(), 4, "figures and comparison per scale: {lines:?}");
    for pair in lines.chunks(2) {
        let (ours, compared) = (&pair[0], &pair[1]);
        let baseline = &compared["baseline"];
        assert_eq!(baseline["scale"], ours["scale"]);
        assert_eq!(baseline["chunks"], ours["chunks"], "the baseline indexes the same chunks");
        for key in ["build_s", "p50_ms", "p99_ms", "peak_rss_mb"] {
            assert!(baseline[key].as_f64().unwrap() > 0.0, "baseline {key} measured: {baseline}");
        }
        let build = compared["build"].as_f64().unwrap();
        let expected = ours["build_s"].as_f64().unwrap() / baseline["build_s"].as_f64().unwrap();
        assert!((build - expected).abs() < 1e-9, "build ratio is notebot / baseline");
        assert!(compared["p50"].as_f64().unwrap() > 0.0 && compared["peak_rss"].as_f64().unwrap() > 0.0);
    }
    let chunks = |line: &Value| line["chunks"].as_u64().unwrap();
    assert_eq!(chunks(&lines[2]), 3 * chunks(&lines[0]), "scale 3 holds three copies");
}

#[test]
fn bench_without_baseline_reports_notebot_only() {
    let fixture = Fixture::new();
    fixture.write("net.md", NOTE.as_bytes());
    let lines = bench(&fixture, &["--no-baseline"]);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|line| line.get("baseline").is_none() && line["chunks"].as_u64().unwrap() > 0));
}
