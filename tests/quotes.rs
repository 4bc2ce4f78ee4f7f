//! Quotes: marks, cues and speakers; unbalanced marks; the reference article.

mod common;

use alam::internals::quote;
use alam::internals::Analysis;
use alam::internals::Gazetteer;
use alam::{Attrs, Entity, Extractor, Label, Quote, Source, Span};

/// (quote text, speaker text, cue text) of every quote of `text`. The
/// tables run without the trained tagger so that they test these rules
/// alone; PER entities are given by hand in `person_entities_are_preferred`.
fn quotes(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = Extractor::without_model().extract(text);
    common::check_offsets(text, &doc);
    check_quotes(text, &doc.quotes);
    doc.quotes.iter().map(|q| triple(text, q)).collect()
}

fn triple(text: &str, q: &Quote) -> (String, Option<String>, Option<String>) {
    let s = |sp: Span| text[sp.start..sp.end].to_string();
    (s(q.span), q.speaker.map(s), q.cue.map(s))
}

/// Every span of every quote is a non-empty slice on char boundaries, and
/// quotes are sorted.
fn check_quotes(text: &str, qs: &[Quote]) {
    let mut prev = 0;
    for q in qs {
        let spans = [Some(q.span), q.speaker, q.cue];
        for sp in spans.into_iter().flatten() {
            assert!(sp.start < sp.end && sp.end <= text.len(), "{q:?}");
            assert!(
                text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
                "{q:?}"
            );
        }
        assert!(q.span.start >= prev, "unsorted {q:?}");
        prev = q.span.start;
    }
}

type Want = (&'static str, Option<&'static str>, Option<&'static str>);

fn check(text: &str, want: &[Want]) {
    let got = quotes(text);
    let want: Vec<(String, Option<String>, Option<String>)> = want
        .iter()
        .map(|&(q, s, c)| (q.to_string(), s.map(str::to_string), c.map(str::to_string)))
        .collect();
    assert_eq!(got, want, "\n{text}");
}

#[test]
fn marks() {
    let cases: &[(&str, &[Want])] = &[
        // Curly, angle, straight, reversed curly.
        (
            "قال المدرب يوسف داود: “سنلعب للفوز”.",
            &[("سنلعب للفوز", Some("يوسف داود"), Some("قال"))],
        ),
        (
            "ذكرت الكاتبة منى سالم: «الرواية لم تكتمل بعد».",
            &[("الرواية لم تكتمل بعد", Some("منى سالم"), Some("ذكرت"))],
        ),
        (
            "قال المدرب يوسف داود \"سنلعب للفوز\".",
            &[("سنلعب للفوز", Some("يوسف داود"), Some("قال"))],
        ),
        (
            "قالت المتحدثة سعاد نور: ”انتهى الاجتماع“.",
            &[("انتهى الاجتماع", Some("سعاد نور"), Some("قالت"))],
        ),
        // Whitespace inside the marks is not part of the quote.
        ("قال: “  نعم  ”", &[("نعم", None, Some("قال"))]),
        // Empty quotes are dropped.
        ("“” و“  ” و\"\"", &[]),
        // Nesting of different kinds: both quotes, inner without a cue of its own.
        (
            "«قالت لي “لا” ثم غادرت»",
            &[("قالت لي “لا” ثم غادرت", None, None), ("لا", None, None)],
        ),
        // Single quotes, with an apostrophe inside.
        (
            "كتب على اللوحة: ‘it’s fine’",
            &[("it’s fine", None, Some("كتب"))],
        ),
        // A quote never crosses a line break; the unpaired marks are dropped.
        ("قال: “كلام بلا نهاية\nوسطر جديد” ثم انتهى", &[]),
        // Straight quotes pair in order.
        (
            "\"أ\" ثم \"ب\" ثم \"ج",
            &[("أ", None, None), ("ب", None, None)],
        ),
        // A repeated open mark replaces the earlier one.
        ("“أول “ثاني”", &[("ثاني", None, None)]),
    ];
    for &(text, want) in cases {
        check(text, want);
    }
}

#[test]
fn speakers() {
    let cases: &[(&str, &[Want])] = &[
        // Verb, title, name, then the quote after a colon.
        (
            "وقالت وزيرة الصحة الأردنية سلمى عبد الرحمن في مؤتمر صحفي: “سنفتح المستشفى الجديد قريبا”.",
            &[("سنفتح المستشفى الجديد قريبا", Some("سلمى عبد الرحمن"), Some("قالت"))],
        ),
        // The cue after the quote; a name of two words (not the word after it).
        (
            "“الاقتصاد يتعافى ببطء”، قال الخبير سامر نجار لوكالة الأنباء.",
            &[("الاقتصاد يتعافى ببطء", Some("سامر نجار"), Some("قال"))],
        ),
        // "وقال" / "وأضاف أن" with no name: the previous speaker.
        (
            "وقال رئيس البلدية كريم حداد: “الطريق سيفتح غدا”. وقال “نعتذر عن التأخير”. \
             وأضاف أن “العمل مستمر ليلا ونهارا”.",
            &[
                ("الطريق سيفتح غدا", Some("كريم حداد"), Some("قال")),
                ("نعتذر عن التأخير", Some("كريم حداد"), Some("قال")),
                ("العمل مستمر ليلا ونهارا", Some("كريم حداد"), Some("أضاف")),
            ],
        ),
        // The previous speaker can come from indirect speech; a surname alone
        // is recognised after the full name was seen after a title.
        (
            "التقى السفير نادر عيسى بالصحفيين. وأكد عيسى، أمس، أن الزيارة ناجحة. \
             وأضاف: “سنعود في الربيع”.",
            &[("سنعود في الربيع", Some("عيسى"), Some("أضاف"))],
        ),
        // Scare quotes: no cue at all, or inside indirect speech.
        ("وصف المقال الخطة بأنها “مغامرة” غير محسوبة.", &[("مغامرة", None, None)]),
        (
            "قال المدير سامر نجار إن الشركة تريد حلا “عادلا” للأزمة.",
            &[("عادلا", None, None)],
        ),
        // After a named speaker: a title alone refers back to them, a common
        // noun as the subject does not.
        (
            "قال رئيس البلدية كريم حداد: “الطريق سيفتح غدا”. وقال الرئيس: “لا تأخير”. \
             وقال مسؤول آخر: “لا تعليق”. وقال في بيان: “نعمل”.",
            &[
                ("الطريق سيفتح غدا", Some("كريم حداد"), Some("قال")),
                ("لا تأخير", Some("كريم حداد"), Some("قال")),
                ("لا تعليق", None, Some("قال")),
                ("نعمل", Some("كريم حداد"), Some("قال")),
            ],
        ),
        // A word with a preposition does not extend a name.
        (
            "قال المدرب يوسف للصحفيين: “سنلعب للفوز”.",
            &[("سنلعب للفوز", Some("يوسف"), Some("قال"))],
        ),
        // A cue whose subject is a common noun, with nobody before: no speaker.
        ("ذكرت الصحيفة: «الانتخابات في موعدها».", &[("الانتخابات في موعدها", None, Some("ذكرت"))]),
        // A country as the subject speaks for itself.
        ("وأعلنت مصر: “المعبر مفتوح”.", &[("المعبر مفتوح", Some("مصر"), Some("أعلنت"))]),
        // A cue in the previous sentence does not reach the quote.
        ("قال الوزير كلاما كثيرا. الكلمة “سلام” تتكرر.", &[("سلام", None, None)]),
        // The verb inside a quote is not a cue for the quote after it.
        (
            "“قال لي إنه سيأتي” “وهذا غريب”",
            &[("قال لي إنه سيأتي", None, None), ("وهذا غريب", None, None)],
        ),
    ];
    for &(text, want) in cases {
        check(text, want);
    }
}

/// Entities of `text` from (label, mention) pairs, each after the previous.
fn ents(text: &str, spec: &[(&str, &str)]) -> Vec<Entity> {
    let mut from = 0;
    spec.iter()
        .map(|&(label, m)| {
            let at = from + text[from..].find(m).expect("mention in text");
            from = at + m.len();
            Entity {
                span: Span::new(at, at + m.len()),
                label: Label::parse(label).expect("label"),
                source: Source::Model,
                attrs: Attrs::default(),
                cluster: 0,
            }
        })
        .collect()
}

/// Quotes of `text` given hand-made entities (what the tagger will give).
fn quotes_with(text: &str, spec: &[(&str, &str)]) -> Vec<(String, Option<String>, Option<String>)> {
    let a = Analysis::new(text, Gazetteer::embedded());
    let e = ents(text, spec);
    let mut out = Vec::new();
    quote::find(&a, &e, 0, &mut quote::QuoteMemory::default(), &mut out);
    check_quotes(text, &out);
    out.iter().map(|q| triple(text, q)).collect()
}

#[test]
fn person_entities_are_preferred() {
    // The subject after a title, not the counterpart closer to the quote.
    let t = "وقال وزير الداخلية رامي صباغ في لقاء مع نظيره هشام قاسم: “الحدود آمنة”.";
    let got = quotes_with(t, &[("PER", "رامي صباغ"), ("PER", "هشام قاسم")]);
    assert_eq!(got[0].1.as_deref(), Some("رامي صباغ"));
    // A PER right before the cue (subject first).
    let t = "رامي صباغ قال: “الحدود آمنة”.";
    let got = quotes_with(t, &[("PER", "رامي صباغ")]);
    assert_eq!(got[0].1.as_deref(), Some("رامي صباغ"));
    // A name the heuristics would not accept, found by the tagger.
    let t = "قالت زوي: “وصلنا”.";
    assert_eq!(quotes_with(t, &[])[0].1, None);
    assert_eq!(
        quotes_with(t, &[("PER", "زوي")])[0].1.as_deref(),
        Some("زوي")
    );
    // A date between the verb and its subject.
    let t = "وقال، الثلاثاء، رامي صباغ: “انتهينا”.";
    let got = quotes_with(t, &[("DATE", "الثلاثاء"), ("PER", "رامي صباغ")]);
    assert_eq!(got[0].1.as_deref(), Some("رامي صباغ"));
    // Chunk offsets: `base` shifts every span.
    let pre = "سطر أول.\n";
    let doc = format!("{pre}{t}");
    let a = Analysis::new(t, Gazetteer::embedded());
    let mut e = ents(t, &[("DATE", "الثلاثاء"), ("PER", "رامي صباغ")]);
    for x in &mut e {
        x.span = Span::new(x.span.start + pre.len(), x.span.end + pre.len());
    }
    let mut out = Vec::new();
    quote::find(
        &a,
        &e,
        pre.len(),
        &mut quote::QuoteMemory::default(),
        &mut out,
    );
    check_quotes(&doc, &out);
    assert_eq!(triple(&doc, &out[0]).1.as_deref(), Some("رامي صباغ"));
    assert_eq!(triple(&doc, &out[0]).0, "انتهينا");
}

#[test]
fn speaker_after_a_title_phrase_and_complementizer() {
    // Verb, a title with an adjective and a complement with the
    // preposition ل, the name, then إن/أن before the quote.
    let t = "وقال المدير التنفيذي للمصرف رياض منصور إن “الودائع في أمان”.";
    let got = quotes_with(t, &[("PER", "رياض منصور")]);
    assert_eq!(got[0].1.as_deref(), Some("رياض منصور"));
    assert_eq!(got[0].2.as_deref(), Some("قال"));
    // A chain in construct ("مجلس إدارة الميناء"), and أن.
    let t = "وأكد رئيس مجلس إدارة الميناء نبيل حجازي أن “السفن ستعود الشهر المقبل”.";
    let got = quotes_with(t, &[("PER", "نبيل حجازي")]);
    assert_eq!(got[0].1.as_deref(), Some("نبيل حجازي"));
    // An organisation inside the title phrase.
    let t = "وأضافت المتحدثة باسم شركة الواحة للطيران ليلى فارس أن “الرحلات مستمرة”.";
    let got = quotes_with(t, &[("ORG", "الواحة للطيران"), ("PER", "ليلى فارس")]);
    assert_eq!(got[0].1.as_deref(), Some("ليلى فارس"));
    // The person met after the title phrase is not the speaker.
    let t = "وقال الوزير عقب لقائه هشام قاسم إن “الحدود آمنة”.";
    assert_eq!(quotes_with(t, &[("PER", "هشام قاسم")])[0].1, None);
    // Without the tagger, the words after the title phrase.
    check(
        "وقال المدير التنفيذي للمصرف سامي خوري إن “الودائع محفوظة”.",
        &[("الودائع محفوظة", Some("سامي خوري"), Some("قال"))],
    );
}

#[test]
fn no_speaker_across_a_line_break() {
    // The cue ends its line; the person on the next line is not its subject.
    let t = "“الأسعار سترتفع”، قال\nسامي خوري إن السوق هادئة.";
    assert_eq!(quotes_with(t, &[("PER", "سامي خوري")])[0].1, None);
    // A dateline (a line holding only a place) opens another story: its
    // first cue does not take the speaker of the story before.
    check(
        "قال المدرب سامي خوري: “سنفوز غدا”.\nعمّان\nوقال “الجولة انتهت”.",
        &[
            ("سنفوز غدا", Some("سامي خوري"), Some("قال")),
            ("الجولة انتهت", None, Some("قال")),
        ],
    );
}

#[test]
fn no_speaker_from_far_away() {
    let named = "قال المدرب سامي خوري: “سنفوز غدا”.";
    let other = "وتستمر البطولة أسبوعين في ثلاث مدن.";
    let then = "وقال “الجولة انتهت”.";
    let speaker = |between: usize| {
        let mut t = vec![named];
        t.extend(std::iter::repeat_n(other, between));
        t.push(then);
        quotes(&t.join("\n"))[1].1.clone()
    };
    // The next paragraph, or two later, still continues the speaker's
    // story (as the reference article does); three paragraphs later, or
    // more, it does not.
    assert_eq!(speaker(0).as_deref(), Some("سامي خوري"));
    assert_eq!(speaker(2).as_deref(), Some("سامي خوري"));
    assert_eq!(speaker(3), None);
    assert_eq!(speaker(10), None);
    // Sentences on one line count alike.
    let t = format!("{named} {other} {other} {other} {then}");
    assert_eq!(quotes(&t)[1].1, None);
    // A cue that takes the speaker carries them on.
    let t = format!("{named} وأضاف: “لا خوف”. {other} {other} {then}");
    assert_eq!(quotes(&t)[2].1.as_deref(), Some("سامي خوري"));
}

#[test]
fn speakers_across_chunks() {
    // Extraction runs on chunks of 32 KB cut at line ends: the speaker of a
    // chunk's last line carries to the next chunk's first line, and not past
    // 40 KB of text without quotes.
    let line = "وتستمر البطولة أسبوعين في ثلاث مدن.\n";
    let filler = line.repeat(32 * 1024 / line.len());
    let named = "قال المدرب سامي خوري: “سنفوز غدا”.\n";
    let then = "وقال “الجولة انتهت”.";
    // The first chunk ends with the line of `named`.
    assert!(filler.len() < 32 * 1024 && filler.len() + named.len() > 32 * 1024);
    let near = format!("{filler}{named}{then}");
    let got = quotes(&near);
    assert_eq!(got[1].1.as_deref(), Some("سامي خوري"));
    let far = format!("{named}{filler}{filler}{then}");
    let got = quotes(&far);
    assert_eq!(got[1].1, None);
}

#[test]
fn a_name_never_swallows_the_complementizer() {
    // Repeated, this story made the tagger's second pass run the name into
    // إن ("كريم الصالح إن", 16 times), and consistency copy that to the
    // last line (source "document"); the quotes took it as their speaker.
    let story = "عمّان\n\
        أعلن المصرف الوطني، الأربعاء، ارتفاع أرباحه السنوية بنسبة 6% إلى 3.1 مليار دينار، \
        بفضل زيادة القروض العقارية.\n\
        وقال المدير العام للمصرف كريم الصالح إن \"الإقراض سيتضاعف خلال عامين\".\n\
        وفي بيروت، قررت الحكومة رفع أسعار الوقود بعد أن ارتفعت كلفة الاستيراد خلال الشهر الماضي.\n";
    let text = story.repeat(16) + "وكتب كريم الصالح إن السوق هادئة.";
    let doc = Extractor::new().extract(&text);
    common::check_offsets(&text, &doc);
    let complementizer = |s: &str| s.split_whitespace().any(|w| matches!(w, "إن" | "أن"));
    for e in doc.entities.iter().filter(|e| e.label == Label::Per) {
        assert!(!complementizer(doc.slice(e.span)), "{e:?}");
    }
    assert_eq!(doc.quotes.len(), 16);
    for q in &doc.quotes {
        assert_eq!(q.speaker.map(|s| doc.slice(s)), Some("كريم الصالح"));
    }
}

#[test]
fn offsets_survive_diacritics_emoji_and_marks() {
    let text = "😀 وَقَالَ المدرب يوسف داود: “سَنَلْعَبُ\u{200F} للفوز”\u{200F} 😀";
    let got = quotes(text);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "سَنَلْعَبُ\u{200F} للفوز");
    assert_eq!(got[0].2.as_deref(), Some("قَالَ"));
    // UTF-16 offsets in the wire form slice back too (checked in `quotes`).
    let doc = Extractor::new().extract(text);
    let wire = doc.to_wire(alam::Unit::Utf16);
    let units: Vec<u16> = text.encode_utf16().collect();
    let w = &wire.quotes[0];
    assert_eq!(
        String::from_utf16(&units[w.start..w.end]).expect("utf16"),
        w.text
    );
    assert_eq!(w.cue, Some("قَالَ"));
}

#[test]
fn json_shape() {
    let text = "قال المدرب يوسف داود: “سنلعب للفوز”. وصف الخطة بأنها “مغامرة”.";
    let doc = Extractor::new().extract(text);
    let v = serde_json::to_value(doc.to_wire(alam::Unit::Utf16)).expect("json");
    let q = &v["quotes"];
    assert_eq!(q[0]["text"], "سنلعب للفوز");
    assert_eq!(q[0]["speaker"]["text"], "يوسف داود");
    assert!(q[0]["speaker"]["start"].is_u64() && q[0]["speaker"]["end"].is_u64());
    assert_eq!(q[0]["cue"], "قال");
    assert!(q[1]["speaker"].is_null() && q[1]["cue"].is_null());
    assert!(v["entities"].is_array());
}

#[test]
fn twenty_thousand_unbalanced_marks_finish() {
    // No timing assertion: it must finish, and every span must be valid.
    let inputs = [
        "“".repeat(20_000),
        "قال “كلمة ".repeat(20_000),
        "«".repeat(20_000) + "نهاية»",
        "\"".repeat(20_001),
        "قال \"نعم ".repeat(20_000),
        "”".repeat(20_000),
        "‘".repeat(20_000) + "’",
        ("“سطر\n").repeat(20_000),
    ];
    for text in &inputs {
        let doc = Extractor::new().extract(text);
        common::check_offsets(text, &doc);
        check_quotes(text, &doc.quotes);
    }
    // The one closing mark pairs with the nearest open one only.
    let doc = Extractor::new().extract(&inputs[2]);
    assert_eq!(doc.quotes.len(), 1);
    assert_eq!(doc.slice(doc.quotes[0].span), "نهاية");
}

/// Done-when of the issue on the reference article (skipped when absent).
#[test]
#[ignore = "needs ../shared: scripts/test.sh runs it with --ignored when ../shared is there"]
fn article_quotes() {
    let text = common::article();
    let doc = Extractor::new().extract(&text);
    common::check_offsets(&text, &doc);
    check_quotes(&text, &doc.quotes);
    let find = |start: &str| {
        doc.quotes
            .iter()
            .find(|q| doc.slice(q.span).starts_with(start))
            .unwrap_or_else(|| panic!("no quote starting {start}"))
    };
    let speaker = |q: &Quote| q.speaker.map(|s| doc.slice(s));
    assert_eq!(speaker(find("في اجتماعنا اليوم")), Some("هاكان فيدان"));
    assert_eq!(speaker(find("في هذا السياق")), Some("هاكان فيدان"));
    assert!(speaker(find("أذربيجان تعتقد")).is_some_and(|s| s.ends_with("بيراموف")));
    let scare = find("كريم");
    assert_eq!(doc.slice(scare.span), "كريم");
    assert_eq!((scare.speaker, scare.cue), (None, None));
}
