//! Links (ids, English names) and coreference clusters, through
//! `link::resolve` on hand-made entity lists, and on the reference article.

mod common;

use alam::internals::link;
use alam::internals::Gazetteer;
use alam::{Attrs, Entity, Label, Source, Span};

/// Entities of `text` from (label, mention) pairs, each found after the
/// previous one.
fn ents(text: &str, spec: &[(&str, &str)]) -> Vec<Entity> {
    let mut from = 0;
    spec.iter()
        .map(|&(label, m)| {
            let at = from
                + text[from..]
                    .find(m)
                    .unwrap_or_else(|| panic!("{m} not in {text}"));
            from = at + m.len();
            Entity {
                span: Span::new(at, at + m.len()),
                label: Label::parse(label).expect("label"),
                source: Source::Model,
                attrs: Attrs::default(),
                cluster: u32::MAX,
            }
        })
        .collect()
}

fn resolved(text: &str, spec: &[(&str, &str)]) -> Vec<Entity> {
    let mut e = ents(text, spec);
    link::resolve(text, Gazetteer::embedded(), &mut e);
    e
}

fn id(e: &Entity) -> &str {
    e.attrs.id.as_deref().unwrap_or("-")
}

/// (text, entities, index of the entity checked, expected id, expected English name).
type LinkCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    usize,
    &'static str,
    &'static str,
);

#[test]
fn link_table() {
    let cases: &[LinkCase] = &[
        // Countries and cities.
        ("سافرت إلى مصر", &[("LOC", "مصر")], 0, "EG", "Egypt"),
        (
            "وصل الوفد إلى القاهرة",
            &[("LOC", "القاهرة")],
            0,
            "geonames:360630",
            "Cairo",
        ),
        // Hamza and ta marbuta spelt differently still link.
        (
            "وصل الوفد إلى القاهره",
            &[("LOC", "القاهره")],
            0,
            "geonames:360630",
            "Cairo",
        ),
        // Homonyms: the big city wins on population alone...
        (
            "حطت الطائرة في موسكو مساء",
            &[("LOC", "موسكو")],
            0,
            "geonames:524901",
            "Moscow",
        ),
        // ...and keeps winning in a story that names the US twice.
        (
            "ردت واشنطن على موسكو، وقال المسؤول الأمريكي إن الرد قادم",
            &[("LOC", "واشنطن"), ("LOC", "موسكو"), ("NORP", "الأمريكي")],
            1,
            "geonames:524901",
            "Moscow",
        ),
        // A country beats a same-named city without context...
        ("زار الوزير عمان أمس", &[("LOC", "عمان")], 0, "OM", "Oman"),
        // ...but the city wins when its country is in the document.
        (
            "زار الوزير عمان عاصمة الأردن",
            &[("LOC", "عمان"), ("LOC", "الأردن")],
            0,
            "geonames:250441",
            "Amman",
        ),
        (
            "انفجار قرب طرابلس",
            &[("LOC", "طرابلس")],
            0,
            "geonames:2210247",
            "Tripoli",
        ),
        (
            "انفجار قرب طرابلس شمال لبنان",
            &[("LOC", "طرابلس"), ("LOC", "لبنان")],
            0,
            "geonames:266826",
            "Tripoli",
        ),
        (
            "رحلة إلى أرمينيا",
            &[("LOC", "أرمينيا")],
            0,
            "AM",
            "Armenia",
        ),
        // Nationality adjectives: the country they name.
        (
            "قال الوزير التركي",
            &[("NORP", "التركي")],
            0,
            "TR",
            "Türkiye",
        ),
        ("الحكومة الأردنية", &[("NORP", "الأردنية")], 0, "JO", "Jordan"),
        // Language-derived adjectives map to the nation's country...
        (
            "الجالية الأرمنية",
            &[("NORP", "الأرمنية")],
            0,
            "AM",
            "Armenia",
        ),
        ("الصحافة العبرية", &[("NORP", "العبرية")], 0, "IL", "Israel"),
        // ...except peoples no single country stands for.
        (
            "الأحزاب الكردية",
            &[("NORP", "الكردية")],
            0,
            "lang:ku",
            "Kurdish",
        ),
        (
            "الدول العربية",
            &[("NORP", "العربية")],
            0,
            "lang:ar",
            "Arabic",
        ),
    ];
    for &(text, spec, i, want_id, want_name) in cases {
        let e = resolved(text, spec);
        assert_eq!(id(&e[i]), want_id, "{text}");
        assert_eq!(e[i].attrs.name_en.as_deref(), Some(want_name), "{text}");
    }
}

#[test]
fn close_homonym_cities_get_no_link_unless_the_context_decides() {
    // Two cities of 150,000 and 130,000 people (GB, CA) and a third
    // (US): nothing in the text tells them apart.
    let e = resolved("محاضرة في كامبريدج", &[("LOC", "كامبريدج")]);
    assert_eq!(e[0].attrs.id, None, "{:?}", e[0].attrs);
    // Canada named once decides it.
    let e = resolved(
        "محاضرة في كامبريدج بكندا",
        &[("LOC", "كامبريدج"), ("LOC", "كندا")],
    );
    assert_eq!(e[0].attrs.id.as_deref(), Some("geonames:5913695"));
    // Far apart in size, the larger wins without context (Geneva, CH).
    let e = resolved("مؤتمر في جنيف", &[("LOC", "جنيف")]);
    assert_eq!(e[0].attrs.id.as_deref(), Some("geonames:2660646"));
}

#[test]
fn a_capital_wins_over_homonym_towns_unless_the_context_says_otherwise() {
    // Washington, D.C. (from the capitals supplement) over two US towns.
    let e = resolved("وصل المبعوث إلى واشنطن", &[("LOC", "واشنطن")]);
    assert_eq!(e[0].attrs.id.as_deref(), Some("geonames:4140963"));
    assert_eq!(e[0].attrs.name_en.as_deref(), Some("Washington"));
    // Kingston, Jamaica over Kingston, Ontario (130,000 people)...
    let e = resolved("أمطار غزيرة في كينغستون", &[("LOC", "كينغستون")]);
    assert_eq!(e[0].attrs.id.as_deref(), Some("geonames:3489854"));
    // ...until the story keeps naming Canada.
    let text = "كندا تستضيف المؤتمر في كينغستون، ووفود كندا وصلت، وقالت كندا إن كندا مستعدة";
    let spec = [
        ("LOC", "كندا"),
        ("LOC", "كينغستون"),
        ("LOC", "كندا"),
        ("LOC", "كندا"),
        ("LOC", "كندا"),
    ];
    let e = resolved(text, &spec);
    assert_eq!(
        e[1].attrs.id.as_deref(),
        Some("geonames:5992500"),
        "{:?}",
        e[1].attrs
    );
    // The capital flag comes from the compiled gazetteer.
    assert!(Gazetteer::embedded()
        .get("واشنطن")
        .iter()
        .any(|x| x.capital && x.id == "geonames:4140963"));
}

#[test]
fn a_us_town_wins_when_the_document_is_about_the_us() {
    let text = "جولة من شيكاغو إلى هيوستن ثم نيويورك، وأخيرا موسكو في الولايات المتحدة";
    let e = resolved(
        text,
        &[
            ("LOC", "شيكاغو"),
            ("LOC", "هيوستن"),
            ("LOC", "نيويورك"),
            ("LOC", "موسكو"),
            ("LOC", "الولايات المتحدة"),
        ],
    );
    let us_ids: Vec<String> = Gazetteer::embedded()
        .get("موسكو")
        .iter()
        .filter(|x| x.cc == "US")
        .map(|x| x.id.to_string())
        .collect();
    assert!(
        us_ids.iter().any(|u| u == id(&e[3])),
        "{:?} not in {us_ids:?}",
        e[3].attrs
    );
}

#[test]
fn people_link_through_full_name_entries() {
    // A gazetteer with one full name (normalized key) and nothing else.
    let gaz = Gazetteer::parse("سلمي داود\tFULLNAME\tQ4242\tSalma Dawud\t0\tJO\t\n");
    let text = "قالت سلمى داود إن الاتفاق قريب، وأضافت داود أن الوفد سيعود";
    let mut e = ents(text, &[("PER", "سلمى داود"), ("PER", "داود")]);
    link::resolve(text, &gaz, &mut e);
    assert_eq!(e[0].attrs.name_en.as_deref(), Some("Salma Dawud"));
    assert_eq!(e[0].attrs.id.as_deref(), Some("Q4242"));
    // The surname alone joins the full name's cluster and its link.
    assert_eq!(e[1].cluster, e[0].cluster);
    assert_eq!(e[1].attrs.name_en.as_deref(), Some("Salma Dawud"));
    // Without the entry there is no link, and no crash.
    let mut e = ents(text, &[("PER", "سلمى داود"), ("PER", "داود")]);
    link::resolve(text, &Gazetteer::default(), &mut e);
    assert_eq!(e[0].attrs.name_en, None);
    assert_eq!(e[1].cluster, e[0].cluster);
}

#[test]
fn clusters() {
    let text = "وصلت ليلى حداد إلى أنقرة. قالت حداد إن انقرة جميلة. التقى كمال منصور \
                بالوفد التركي في تركيا، وقال منصور إن الحكومة التركية مستعدة. ثم عاد كمال.";
    let e = resolved(
        text,
        &[
            ("PER", "ليلى حداد"),
            ("LOC", "أنقرة"),
            ("PER", "حداد"),
            ("LOC", "انقرة"),
            ("PER", "كمال منصور"),
            ("NORP", "التركي"),
            ("LOC", "تركيا"),
            ("PER", "منصور"),
            ("NORP", "التركية"),
            ("PER", "كمال"),
        ],
    );
    let got: Vec<u32> = e.iter().map(|x| x.cluster).collect();
    // Numbers in order of first mention; a country and its adjective differ.
    assert_eq!(got, [0, 1, 0, 1, 2, 3, 4, 2, 3, 2]);
}

#[test]
fn clusters_table() {
    // (text, entities, expected clusters)
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [u32],
    );
    let cases: &[Case] = &[
        // A short name joins the most recent full name containing it.
        (
            "التقت سعاد منصور بعلي منصور ثم قال منصور كلمته",
            &[
                ("PER", "سعاد منصور"),
                ("PER", "علي منصور"),
                ("PER", "منصور"),
            ],
            &[0, 1, 1],
        ),
        // A full name after a short one does not merge backwards.
        (
            "قال منصور ثم وصل علي منصور",
            &[("PER", "منصور"), ("PER", "علي منصور")],
            &[0, 1],
        ),
        // Same text, different labels: different clusters.
        (
            "زار الأردن ولقي الأردني",
            &[("LOC", "الأردن"), ("PER", "الأردني")],
            &[0, 1],
        ),
        // Same normalized form for any label.
        (
            "الثلاثاء ثم الثلاثاء",
            &[("DATE", "الثلاثاء"), ("DATE", "الثلاثاء")],
            &[0, 0],
        ),
        // Two spellings of one linked city.
        (
            "من القاهرة إلى القاهره",
            &[("LOC", "القاهرة"), ("LOC", "القاهره")],
            &[0, 0],
        ),
        // A name repeated in a longer one that is not a superset stays apart.
        (
            "وصل كمال حداد ثم كمال منصور",
            &[("PER", "كمال حداد"), ("PER", "كمال منصور")],
            &[0, 1],
        ),
        ("", &[], &[]),
    ];
    for &(text, spec, want) in cases {
        let e = resolved(text, spec);
        let got: Vec<u32> = e.iter().map(|x| x.cluster).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn resolve_survives_odd_spans() {
    // Empty and punctuation-only entities: no panic, clusters still assigned.
    let text = "،، 😀 x";
    let mut e = ents(text, &[("LOC", "،،"), ("PER", "😀"), ("ORG", "x")]);
    e.push(Entity {
        span: Span::new(0, 0),
        ..e[0].clone()
    });
    link::resolve(text, Gazetteer::embedded(), &mut e);
    assert!(e.iter().all(|x| x.cluster != u32::MAX));
}

/// Done-when of the issue on the reference article (skipped when absent).
#[test]
#[ignore = "needs ../shared: scripts/test.sh runs it with --ignored when ../shared is there"]
fn article_links_and_clusters() {
    let text = common::article();
    let doc = alam::Extractor::new().extract(&text);
    common::check_offsets(&text, &doc);
    let of = |label: &str, t: &str| -> Vec<&Entity> {
        doc.entities
            .iter()
            .filter(|e| e.label.as_str() == label && doc.slice(e.span) == t)
            .collect()
    };
    let all_linked = |label: &str, t: &str, want_id: Option<&str>, want_name: Option<&str>| {
        let found = of(label, t);
        assert!(!found.is_empty(), "{label} {t} not found");
        for e in found {
            if let Some(w) = want_id {
                assert_eq!(e.attrs.id.as_deref(), Some(w), "{label} {t}");
            }
            if let Some(w) = want_name {
                assert_eq!(e.attrs.name_en.as_deref(), Some(w), "{label} {t}");
            }
        }
    };
    for (t, cc) in [
        ("تركيا", "TR"),
        ("أذربيجان", "AZ"),
        ("أرمينيا", "AM"),
        ("روسيا", "RU"),
        ("أوكرانيا", "UA"),
    ] {
        all_linked("LOC", t, Some(cc), None);
    }
    all_linked("LOC", "أنقرة", Some("geonames:323786"), Some("Ankara"));
    all_linked("LOC", "انقرة", Some("geonames:323786"), Some("Ankara"));
    for (t, en) in [("باكو", "Baku"), ("يريفان", "Yerevan"), ("موسكو", "Moscow")] {
        all_linked("LOC", t, None, Some(en));
    }
    // "واشنطن" is the capital, not the two US towns of that name.
    all_linked(
        "LOC",
        "واشنطن",
        Some("geonames:4140963"),
        Some("Washington"),
    );
    for (t, cc) in [
        ("التركي", "TR"),
        ("الروسي", "RU"),
        ("الأمريكي", "US"),
        ("الأرمنية", "AM"),
    ] {
        all_linked("NORP", t, Some(cc), None);
    }
    // Same place, two spellings: one cluster.
    let a = of("LOC", "أنقرة");
    let b = of("LOC", "انقرة");
    assert!(a.iter().chain(&b).all(|e| e.cluster == b[0].cluster));
    // Country and adjective never share a cluster.
    assert_ne!(
        of("LOC", "تركيا")[0].cluster,
        of("NORP", "التركي")[0].cluster
    );
    // Cluster numbers are in order of first mention.
    let mut next = 0;
    for e in &doc.entities {
        assert!(e.cluster <= next, "cluster {} before {next}", e.cluster);
        if e.cluster == next {
            next += 1;
        }
    }
    // People wait on the tagger: checked once it finds both mentions.
    let full = of("PER", "جيهون بيراموف");
    let short = of("PER", "بيراموف");
    if full.is_empty() || short.is_empty() {
        println!("waiting on the tagger: no PER entities for the surname check");
    } else {
        assert!(short.iter().all(|e| e.cluster == full[0].cluster));
    }
}
