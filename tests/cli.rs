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
    // A usage error exits before reading its input: a closed pipe then is
    // expected, not a failure of the test.
    match child.stdin.take().expect("stdin").write_all(stdin) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
        _ => {}
    }
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

/// Every offset unit slices the entity's text back out of the input the
/// way its users slice: UTF-16 units (JS), bytes (Rust, Go), code points
/// (Python). The emoji before the name is 2, 4 and 1 of them.
#[test]
fn offsets_in_each_unit() {
    let text = "😀 وصلت الطائرة إلى بغداد 👍🏽 ثم إلى أربيل";
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let chars: Vec<char> = text.chars().collect();
    for unit in ["utf16", "bytes", "chars"] {
        let out = alam(&["extract", "--offsets", unit], text.as_bytes());
        assert!(out.status.success(), "{unit}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let ents = v["entities"].as_array().expect("entities");
        assert!(ents.len() >= 2, "{unit}: {ents:?}");
        for e in ents {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            let got = match unit {
                "utf16" => String::from_utf16(&utf16[s..t]).unwrap(),
                "bytes" => text[s..t].to_string(),
                _ => chars[s..t].iter().collect(),
            };
            assert_eq!(got, e["text"].as_str().unwrap(), "{unit}");
        }
    }
    one_line_error(&alam(&["extract", "--offsets", "utf8"], text.as_bytes()));
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

/// Lines for `--jobs`: empty lines, CRLF, bidi marks and emoji, Latin, and
/// one line of about 200 KB, so that the input is cut into several batches
/// and one batch is much longer than the others. Written for this test.
fn many_lines() -> String {
    let mut s = String::new();
    for i in 0..400 {
        match i % 8 {
            0 => s.push_str("زار الوفد تركيا يوم الثلاثاء"),
            1 => {}
            2 => s.push_str("😀 \u{200F}وصل\u{200F} الرئيس إلى \u{2067}القاهرة\u{2069} 🇪🇬"),
            3 => s.push_str("قال المتحدث «إن المحادثات في موسكو كانت مثمرة» ثم غادر\r"),
            4 => s.push_str("Reuters: اجتمع وزير الخارجية مع نظيره الأردني في عمّان"),
            5 => s.push_str("   "),
            6 => s.push_str(&format!("بلغ عدد الزوار {i} ألفا في دبي عام ٢٠٢٣")),
            _ => s.push_str("سافرت من بيروت إلى الرياض ثم إلى باريس"),
        }
        if i == 200 {
            s.push_str(
                &"ونقلت الصحيفة عن مسؤول في الأمم المتحدة أن الوفد سيزور دمشق. ".repeat(2_000),
            );
        }
        s.push('\n');
    }
    // The last line has no newline.
    s.push_str("وفي الكويت");
    s
}

#[test]
fn jsonl_jobs_give_the_same_bytes() {
    let input = many_lines();
    let one = alam(
        &["extract", "--format", "jsonl", "--jobs", "1"],
        input.as_bytes(),
    );
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(
        one.stdout.iter().filter(|&&b| b == b'\n').count(),
        input.lines().count(),
        "one JSON line per input line"
    );
    let text = String::from_utf8(one.stdout.clone()).expect("UTF-8");
    assert!(text.contains("\"القاهرة\"") && text.contains("\"الكويت\""));
    for jobs in ["2", "3", "7"] {
        let out = alam(
            &["extract", "--format", "jsonl", "--jobs", jobs],
            input.as_bytes(),
        );
        assert!(out.status.success(), "--jobs {jobs}");
        assert!(
            out.stdout == one.stdout,
            "--jobs {jobs} differs from --jobs 1"
        );
    }
    let default = alam(&["extract", "--format", "jsonl"], input.as_bytes());
    assert!(default.stdout == one.stdout, "default --jobs differs");
}

#[test]
fn json_ignores_jobs() {
    let input = many_lines();
    let plain = alam(&["extract"], input.as_bytes());
    let jobs = alam(&["extract", "--jobs=3"], input.as_bytes());
    assert!(plain.status.success() && jobs.status.success());
    assert!(plain.stdout == jobs.stdout);
}

#[test]
fn bad_jobs_is_exit_2() {
    for v in [
        "0",
        "-1",
        "two",
        "",
        "1.5",
        "100000",
        "99999999999999999999999",
    ] {
        // No input: alam stops before reading it.
        one_line_error(&alam(&["extract", "--format", "jsonl", "--jobs", v], b""));
    }
    one_line_error(&alam(&["extract", "--format", "jsonl", "--jobs"], b""));
    one_line_error(&alam(&["extract", "--jobs", "0"], b""));
}
