//! Trigger words: short closed lists that several stages read — titles
//! before people, the head nouns of organisations and places, reporting
//! verbs, words of direction and of sport — and the class bits of a word.
//! The segmenter's heads ([`crate::lexicon::analysis::outside`]), the
//! tagger's features and its consistency pass all ask [`trigger_class`].

/// Trigger classes of a word (bits).
pub mod trig {
    /// A title or role before a person ("الرئيس", "وزير", "الشيخ").
    pub const TITLE: u8 = 1;
    /// The head noun of an organisation ("وزارة", "حزب", "جامعة").
    pub const ORG: u8 = 2;
    /// The head noun of a place ("مدينة", "جزيرة", "منطقة").
    pub const PLACE: u8 = 4;
    /// A reporting verb ("قال", "أكد"), often followed by a person.
    pub const SAY: u8 = 8;
    /// A preposition or noun of direction that often precedes places.
    pub const DIR: u8 = 16;
    /// A word of sport (clubs are named after their cities).
    pub const SPORT: u8 = 32;
}

/// Titles, without the article, normalized (ة→ه, ى→ي, أ→ا).
const TITLES: &[&str] = &[
    "رئيس",
    "رئيسه",
    "وزير",
    "وزيره",
    "شيخ",
    "دكتور",
    "ملك",
    "ملكه",
    "امير",
    "اميره",
    "سيد",
    "سيده",
    "مستشار",
    "جنرال",
    "عقيد",
    "لواء",
    "عماد",
    "فريق",
    "مشير",
    "امام",
    "بابا",
    "قس",
    "مطران",
    "حاخام",
    "نائب",
    "سفير",
    "زعيم",
    "مدرب",
    "لاعب",
    "كاتب",
    "شاعر",
    "فنان",
    "مخرج",
    "ممثل",
    "مغني",
    "صحافي",
    "صحفي",
    "متحدث",
    "ناطق",
    "قاضي",
    "محامي",
    "بروفيسور",
    "استاذ",
    "حاج",
    "مفتي",
    "سلطان",
    "قائد",
    "مبعوث",
    "منسق",
    "امين",
    "مدير",
    "مديره",
    "عضو",
    "زميل",
    "نجم",
    "بطل",
    "اسقف",
    "كاردينال",
    "رقيب",
    "نقيب",
    "رائد",
    "مقدم",
    "عميد",
    "دوق",
    "بارون",
    "المستشاره",
    "مستشاره",
    "خليفه",
    "ولي",
    "محافظ",
    "حاكم",
    "عمده",
    "مراسل",
    "الكاتبه",
];

/// Heads of organisation names, without the article.
const ORG_HEADS: &[&str] = &[
    "وزاره",
    "حزب",
    "جامعه",
    "شركه",
    "منظمه",
    "مجلس",
    "بنك",
    "وكاله",
    "جمعيه",
    "اتحاد",
    "هيئه",
    "مؤسسه",
    "مركز",
    "معهد",
    "محكمه",
    "برلمان",
    "جبهه",
    "حركه",
    "لجنه",
    "صندوق",
    "مصرف",
    "نادي",
    "صحيفه",
    "قناه",
    "اذاعه",
    "مجموعه",
    "منتدي",
    "تحالف",
    "حلف",
    "ائتلاف",
    "رابطه",
    "نقابه",
    "اكاديميه",
    "كليه",
    "مستشفي",
    "جيش",
    "قوات",
    "مكتب",
    "دائره",
    "سلطه",
    "مفوضيه",
    "امم",
    "كونغرس",
    "كونجرس",
    "مؤتمر",
    "اداره",
    "غرفه",
    "بورصه",
    "سوق",
    "مصلحه",
    "دار",
    "شرطه",
    "جريده",
    "مجله",
    "تلفزيون",
    "منظمات",
    "شركات",
    "جماعه",
    "كتائب",
    "فيلق",
];

/// Heads of place names, without the article.
const PLACE_HEADS: &[&str] = &[
    "مدينه",
    "منطقه",
    "اقليم",
    "جزيره",
    "جزر",
    "نهر",
    "بحر",
    "جبل",
    "جبال",
    "ولايه",
    "محافظه",
    "عاصمه",
    "بلده",
    "قريه",
    "خليج",
    "مضيق",
    "صحراء",
    "قطاع",
    "ضفه",
    "دوله",
    "مقاطعه",
    "بلاد",
    "مخيم",
    "حي",
    "شارع",
    "ميناء",
    "مطار",
    "بحيره",
    "وادي",
    "سهل",
    "هضبه",
];

/// Reporting verbs.
const SAY_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "اكد",
    "اكدت",
    "اضاف",
    "اضافت",
    "اعلن",
    "اعلنت",
    "اوضح",
    "اوضحت",
    "صرح",
    "صرحت",
    "ذكر",
    "ذكرت",
    "اشار",
    "اشارت",
    "طالب",
    "دعا",
    "التقي",
    "استقبل",
    "بحث",
    "زار",
];

/// Words of sport.
const SPORT_WORDS: &[&str] = &[
    "مباراه",
    "مباريات",
    "فريق",
    "نادي",
    "دوري",
    "كاس",
    "بطوله",
    "هدف",
    "اهداف",
    "لاعب",
    "لاعبين",
    "مدرب",
    "ملعب",
    "منتخب",
    "تعادل",
    "فوز",
    "فاز",
    "هزيمه",
    "مرمي",
    "شوط",
    "ضربه",
    "جزاء",
    "ابطال",
    "نهائي",
    "تصفيات",
    "ذهاب",
    "اياب",
    "الدوري",
    "المباراه",
];

/// Words of direction and place prepositions.
const DIR_WORDS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
    "في",
    "الي",
    "من",
    "داخل",
    "خارج",
    "قرب",
    "عاصمه",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

/// Words never inside a person's name, normalized: the complementizer
/// إن/أن and prepositions written as words. Not على (normalized like the
/// name علي) nor بان (Ban Ki-moon); "ان" is also آن (Anne), which only the
/// original spelling tells apart.
const NOT_IN_PERSON: &[&str] = &["ان", "في", "من", "الي", "عن", "مع"];

/// Is `word` (normalized, whole token) one that a person's name never
/// holds ([`NOT_IN_PERSON`])? `original` is its spelling in the text.
pub fn not_in_person(word: &str, original: &str) -> bool {
    NOT_IN_PERSON.contains(&word) && !(word == "ان" && original.contains(['\u{0622}', '\u{0653}']))
}

/// Trigger class of a word given its form without conj/prep and article.
pub fn trigger_class(core: &str) -> u8 {
    // One hash lookup instead of six linear scans (this ran for every token
    // and again in the tagger's consistency pass: 8% of native time).
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        for (list, class) in [
            (TITLES, trig::TITLE),
            (ORG_HEADS, trig::ORG),
            (PLACE_HEADS, trig::PLACE),
            (SAY_VERBS, trig::SAY),
            (DIR_WORDS, trig::DIR),
            (SPORT_WORDS, trig::SPORT),
        ] {
            for &w in list {
                *m.entry(w).or_insert(0) |= class;
            }
        }
        m
    });
    table.get(core).copied().unwrap_or(0)
}
