//! The `alam` command line: formats, exit codes, error messages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn alam(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alam"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run alam");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn one_line_error(out: &Output) {
    assert_eq!(out.status.code(), Some(2), "exit code");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout, got {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one-line message, got {err:?}"
    );
    assert!(err.starts_with("alam: "), "{err:?}");
}

#[test]
fn json_from_stdin() {
    let out = alam(&["extract"], "زار الوفد تركيا".as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ents = v["entities"].as_array().expect("entities");
    assert!(ents.iter().any(|e| e["text"] == "تركيا"
        && e["label"] == "LOC"
        && e["start"] == 10
        && e["end"] == 15));
    assert!(v["quotes"].is_array());
}

#[test]
fn jsonl_one_object_per_line() {
    let out = alam(
        &["extract", "--format", "jsonl", "-"],
        "تركيا\n\nمصر\n".as_bytes(),
    );
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 3);
    for (l, want) in lines.iter().zip([Some("تركيا"), None, Some("مصر")]) {
        let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
        let ents = v["entities"].as_array().expect("entities");
        match want {
            Some(w) => assert_eq!(ents[0]["text"], w),
            None => assert!(ents.is_empty()),
        }
    }
}

#[test]
fn utf16_offsets_in_json() {
    let out = alam(&["extract"], "😀 زرت القاهرة".as_bytes());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let e = &v["entities"][0];
    assert_eq!(
        (e["start"].as_u64(), e["end"].as_u64()),
        (Some(7), Some(14))
    );
}

#[test]
fn invalid_utf8_is_exit_2() {
    one_line_error(&alam(&["extract"], b"abc \xff\xfe def"));
}

#[test]
fn missing_file_is_exit_2() {
    one_line_error(&alam(&["extract", "/nonexistent/file.txt"], b""));
}

#[test]
fn directory_is_exit_2() {
    one_line_error(&alam(&["extract", "/"], b""));
}

#[test]
fn bad_usage_is_exit_2() {
    one_line_error(&alam(&["extract", "--format", "xml"], b""));
    one_line_error(&alam(&["frobnicate"], b""));
    one_line_error(&alam(&[], b""));
    one_line_error(&alam(&["extract", "--reference-date", "tomorrow"], b""));
}

#[test]
fn file_argument() {
    let dir = std::env::temp_dir().join(format!("alam-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let f = dir.join("in.txt");
    std::fs::write(&f, "الرحلة من موسكو").expect("write");
    let out = alam(&["extract", f.to_str().expect("path")], b"");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["entities"][0]["text"], "موسكو");
    let _ = std::fs::remove_dir_all(dir);
}
