//! DATE and TIME expressions through the public API: label, text (as a slice
//! of the input) and value. Table-driven: one row per expression.

mod common;

use alam::{Extractor, Label, Options, Value};

/// (reference date or "", input, entity text, label, value or "", Hijri value or "").
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Label,
    &'static str,
    &'static str,
);

macro_rules! t {
    ($input:expr, $ent:expr, $value:expr) => {
        ("", $input, $ent, Label::Date, $value, "")
    };
    (ref $r:expr, $input:expr, $ent:expr, $value:expr) => {
        ($r, $input, $ent, Label::Date, $value, "")
    };
    (time $input:expr, $ent:expr, $value:expr) => {
        ("", $input, $ent, Label::Time, $value, "")
    };
    (hijri $input:expr, $ent:expr, $value:expr, $h:expr) => {
        ("", $input, $ent, Label::Date, $value, $h)
    };
}

const R: &str = "2024-10-15"; // a Tuesday, ISO week 42

const TABLE: &[Row] = &[
    // Weekdays need no context.
    t!("وصل الوفد يوم الثلاثاء.", "يوم الثلاثاء", "XXXX-WXX-2"),
    t!("أكدت تركيا، الثلاثاء، التزامها", "الثلاثاء", "XXXX-WXX-2"),
    t!("اجتمعوا الاثنين في الرياض", "الاثنين", "XXXX-WXX-1"),
    t!("ويعقد الاجتماع الأحد المقبل", "الأحد المقبل", "XXXX-WXX-7"),
    t!("صدر القرار السبت", "السبت", "XXXX-WXX-6"),
    t!("بعد صلاة الجمعة", "الجمعة", "XXXX-WXX-5"),
    t!("والخميس", "الخميس", "XXXX-WXX-4"),
    t!(
        "الأربعاء 16 أكتوبر 2024",
        "الأربعاء 16 أكتوبر 2024",
        "2024-10-16"
    ),
    // Months in every naming system, paired forms as one date.
    t!("وفي يناير الماضي", "يناير الماضي", "XXXX-01"),
    t!("في كانون الثاني", "كانون الثاني", "XXXX-01"),
    t!("منذ شباط", "شباط", "XXXX-02"),
    t!("في آذار/مارس", "آذار/مارس", "XXXX-03"),
    t!("في جانفي", "جانفي", "XXXX-01"),
    t!("في شتنبر", "شتنبر", "XXXX-09"),
    t!("وفي يوليو/تموز، قال", "يوليو/تموز", "XXXX-07"),
    t!("في يوليو (تموز) الماضي", "يوليو (تموز) الماضي", "XXXX-07"),
    t!("في تموز/يوليو 2023", "تموز/يوليو 2023", "2023-07"),
    t!("خلال تشرين الأول", "تشرين الأول", "XXXX-10"),
    t!("في شهر مايو", "شهر مايو", "XXXX-05"),
    t!("منذ آب 2020", "آب 2020", "2020-08"),
    // Years.
    t!("وفي عام 2020، اندلعت", "عام 2020", "2020"),
    t!("في العام 2019", "العام 2019", "2019"),
    // A proclitic the segmenter leaves on the word stays outside the span.
    t!("الميزانية المقترحة لعام 2020", "عام 2020", "2020"),
    t!("بعام 2021 بدأ المشروع", "عام 2021", "2021"),
    t!("خطة لِعامِ 2024", "عامِ 2024", "2024"),
    t!(hijri "التقرير السنوي لسنة 1445 هـ", "سنة 1445 هـ", "", "1445"),
    t!("سنة 1990", "سنة 1990", "1990"),
    t!("منذ عام ١٩٤٨", "عام ١٩٤٨", "1948"),
    t!("عامي 2019 و2020", "عامي 2019", "2019"),
    t!("عامي 2019 و2020", "2020", "2020"),
    t!("في 2019، ارتفع", "2019", "2019"),
    t!("منذ 2011 وحتى اليوم", "2011", "2011"),
    t!("بني عام 1875م", "عام 1875م", "1875"),
    t!("عام 500 قبل الميلاد", "عام 500 قبل الميلاد", "BC0500"),
    // Decades and centuries.
    t!("في التسعينيات وفي عام 2020", "التسعينيات", "199X"),
    t!("والثمانينات", "الثمانينات", "198X"),
    t!("في تسعينيات القرن الماضي", "تسعينيات القرن الماضي", "199X"),
    t!("ستينيات القرن العشرين", "ستينيات القرن العشرين", "196X"),
    t!(
        "عشرينيات القرن التاسع عشر",
        "عشرينيات القرن التاسع عشر",
        "182X"
    ),
    t!("في القرن العشرين", "القرن العشرين", "19"),
    t!("القرن الحادي والعشرين", "القرن الحادي والعشرين", "20"),
    t!("بالتسعينيات", "التسعينيات", "199X"),
    // Full dates.
    t!("في 15 أكتوبر 2024", "15 أكتوبر 2024", "2024-10-15"),
    t!("وفي 15 أكتوبر", "15 أكتوبر", "XXXX-10-15"),
    t!("بتاريخ ١٥/١٠/٢٠٢٤", "١٥/١٠/٢٠٢٤", "2024-10-15"),
    t!("بتاريخ ۱۵/۱۰/۲۰۲۴", "۱۵/۱۰/۲۰۲۴", "2024-10-15"),
    t!("صدر في 2024-10-15", "2024-10-15", "2024-10-15"),
    t!("صدر في 15.10.2024", "15.10.2024", "2024-10-15"),
    t!("يوم 3-5-2021", "3-5-2021", "2021-05-03"),
    t!("الخامس عشر من أكتوبر", "الخامس عشر من أكتوبر", "XXXX-10-15"),
    t!("الأول من يناير 2025", "الأول من يناير 2025", "2025-01-01"),
    t!(
        "الحادي والعشرين من مارس",
        "الحادي والعشرين من مارس",
        "XXXX-03-21"
    ),
    t!("في أكتوبر 2024", "أكتوبر 2024", "2024-10"),
    t!("في أكتوبر من عام 2024", "أكتوبر من عام 2024", "2024-10"),
    t!("٣ مارس ٢٠٢٢", "٣ مارس ٢٠٢٢", "2022-03-03"),
    t!("29 فبراير 2024", "29 فبراير 2024", "2024-02-29"),
    t!("مطلع عام 2024", "مطلع عام 2024", "2024"),
    t!("منتصف يونيو", "منتصف يونيو", "XXXX-06"),
    t!("أواخر الثمانينيات", "أواخر الثمانينيات", "198X"),
    t!("الربع الأول من 2024", "الربع الأول من 2024", "2024-Q1"),
    t!(
        "النصف الثاني من عام 2023",
        "النصف الثاني من عام 2023",
        "2023-H2"
    ),
    t!("صيف 2023", "صيف 2023", "2023-SU"),
    // Relative, without a reference date.
    t!("حققت باكو العام الماضي انتصارا", "العام الماضي", "REF-P1Y"),
    t!("إلى باكو الأسبوع الماضي", "الأسبوع الماضي", "REF-P1W"),
    t!("الشهر المقبل", "الشهر المقبل", "REF+P1M"),
    t!("في اجتماعنا اليوم، أكدنا", "اليوم", "REF+P0D"),
    t!("وصل أمس", "أمس", "REF-P1D"),
    t!("يصل غداً إلى عمان", "غداً", "REF+P1D"),
    t!("يصل غداً الأربعاء", "غداً الأربعاء", "XXXX-WXX-3"),
    t!(
        "خلال العامين الماضيين",
        "العامين الماضيين",
        "REF-P2Y/REF-P1Y"
    ),
    t!("خلال السنوات الماضية", "السنوات الماضية", "PAST_REF"),
    t!("في الأشهر المقبلة", "الأشهر المقبلة", "FUTURE_REF"),
    t!("هذا العام", "هذا العام", "REF+P0Y"),
    t!("مساء أمس", "مساء أمس", "REF-P1D"),
    t!("صباح الثلاثاء", "صباح الثلاثاء", "XXXX-WXX-2TMO"),
    t!("أمس الأول", "أمس الأول", "REF-P2D"),
    t!("بعد غد", "بعد غد", "REF+P2D"),
    t!("يوم أمس", "يوم أمس", "REF-P1D"),
    t!("العام الجاري", "العام الجاري", "REF+P0Y"),
    // Colloquial and other relative words.
    t!("نلتقي بكرة في المقهى", "بكرة", "REF+P1D"),
    t!("وبكرة يبدأ العمل", "بكرة", "REF+P1D"),
    t!("شفته امبارح في السوق", "امبارح", "REF-P1D"),
    t!("وصلت البعثة البارحة", "البارحة", "REF-P1D"),
    t!("لم يعلن حتى الآن عن موعد", "الآن", "PRESENT_REF"),
    t!("نحن الحين في الطريق", "الحين", "PRESENT_REF"),
    t!("تقام الحفلة الليلة في الساحة", "الليلة", "REF+P0D"),
    t!("نراكم الأسبوع الجاي", "الأسبوع الجاي", "REF+P1W"),
    t!("تبدأ الدورة الأسبوع المقبل", "الأسبوع المقبل", "REF+P1W"),
    t!("تراجع الإنتاج العام المنصرم", "العام المنصرم", "REF-P1Y"),
    t!("ارتفعت الأسعار الشهر الفائت", "الشهر الفائت", "REF-P1M"),
    t!("يصل السبت الجاي", "السبت الجاي", "XXXX-WXX-6"),
    // Months by number.
    t!("تنتهي المهلة في الشهر 11", "الشهر 11", "XXXX-11"),
    t!("سافر في شهر عشرة", "شهر عشرة", "XXXX-10"),
    t!("صدر العدد في 11/2025", "11/2025", "2025-11"),
    t!("مدة شهر واحد", "شهر واحد", "P1M"), // a duration, not January
    t!(ref R, "سافر في بكرة", "بكرة", "2024-10-16"),
    t!(ref R, "جاء امبارح", "امبارح", "2024-10-14"),
    t!(ref R, "قالها الآن", "الآن", "2024-10-15"),
    t!(ref R, "نسهر الليلة", "الليلة", "2024-10-15TNI"),
    t!(
        ref R,
        "لم ينم الليلة الماضية",
        "الليلة الماضية",
        "2024-10-14TNI"
    ),
    t!(ref R, "الشهر الجاي", "الشهر الجاي", "2024-11"),
    t!(ref R, "الخميس الجاي", "الخميس الجاي", "2024-10-17"),
    // Relative, with a reference date.
    t!(ref R, "العام الماضي", "العام الماضي", "2023"),
    t!(ref R, "الأسبوع الماضي", "الأسبوع الماضي", "2024-W41"),
    t!(ref R, "الشهر المقبل", "الشهر المقبل", "2024-11"),
    t!(ref R, "الشهر الماضي", "الشهر الماضي", "2024-09"),
    t!(ref R, "اليوم", "اليوم", "2024-10-15"),
    t!(ref R, "أمس", "أمس", "2024-10-14"),
    t!(ref R, "غدا", "غدا", "2024-10-16"),
    t!(ref R, "العامين الماضيين", "العامين الماضيين", "2022/2023"),
    t!(
        ref R,
        "السنوات الثلاث الماضية",
        "السنوات الثلاث الماضية",
        "2021/2023"
    ),
    t!(
        ref R,
        "الأسبوعين المقبلين",
        "الأسبوعين المقبلين",
        "2024-W43/2024-W44"
    ),
    t!(ref R, "الثلاثاء", "الثلاثاء", "2024-10-15"),
    t!(ref R, "الاثنين", "الاثنين", "2024-10-14"),
    t!(ref R, "الأربعاء", "الأربعاء", "2024-10-09"),
    t!(ref R, "الثلاثاء المقبل", "الثلاثاء المقبل", "2024-10-22"),
    t!(ref R, "الثلاثاء الماضي", "الثلاثاء الماضي", "2024-10-08"),
    t!(ref R, "أكتوبر الماضي", "أكتوبر الماضي", "2023-10"),
    t!(ref R, "مارس الماضي", "مارس الماضي", "2024-03"),
    t!(ref R, "يناير المقبل", "يناير المقبل", "2025-01"),
    t!(ref R, "20 أكتوبر الجاري", "20 أكتوبر الجاري", "2024-10-20"),
    t!(ref R, "مساء أمس", "مساء أمس", "2024-10-14TEV"),
    t!(ref R, "هذا الشهر", "هذا الشهر", "2024-10"),
    t!(ref R, "العقد الماضي", "العقد الماضي", "201X"),
    t!(
        ref R,
        "الربع الثالث من العام الجاري",
        "الربع الثالث من العام الجاري",
        "2024-Q3"
    ),
    t!(ref R, "اليوم الثلاثاء", "اليوم الثلاثاء", "2024-10-15"),
    t!(ref R, "أمس الاثنين", "أمس الاثنين", "2024-10-14"),
    t!("شهد العراق أمس الأحد يوما داميا", "أمس الأحد", "XXXX-WXX-7"),
    t!("يعقد يوم غد الاثنين", "يوم غد الاثنين", "XXXX-WXX-1"),
    t!("فاز 4 - 1 مساء السبت", "مساء السبت", "XXXX-WXX-6TEV"),
    t!(ref R, "نهاية العام الماضي", "نهاية العام الماضي", "2023"),
    t!(ref R, "عام 2020", "عام 2020", "2020"),
    t!(ref R, "يوليو/تموز", "يوليو/تموز", "XXXX-07"),
    // Durations.
    t!("استمر ثلاث سنوات", "ثلاث سنوات", "P3Y"),
    t!("هجوم استمر يومًا واحدًا", "يومًا واحدًا", "P1D"),
    t!("منذ 70 عاما", "70 عاما", "P70Y"),
    t!("بعد عامين", "عامين", "P2Y"),
    t!("خلال ستة أشهر", "ستة أشهر", "P6M"),
    // Hijri.
    t!(hijri "في 12 رمضان 1445 هـ", "12 رمضان 1445 هـ", "2024-03-22", "1445-09-12"),
    t!(hijri "1 شوال 1445هـ", "1 شوال 1445هـ", "2024-04-10", "1445-10-01"),
    t!(hijri "عام 1445 هـ", "عام 1445 هـ", "", "1445"),
    t!(hijri "خلال شهر رمضان", "شهر رمضان", "", "XXXX-09"),
    t!(hijri "في ذي الحجة", "ذي الحجة", "", "XXXX-12"),
    t!(hijri "١٢/٩/١٤٤٥ هـ", "١٢/٩/١٤٤٥ هـ", "2024-03-22", "1445-09-12"),
    t!(hijri "الأول من محرم 1446 هـ", "الأول من محرم 1446 هـ", "2024-07-07", "1446-01-01"),
    t!(hijri "في ربيع الأول 1446", "ربيع الأول 1446", "", "1446-03"),
    // Times.
    t!(time "الساعة 14:30", "الساعة 14:30", "T14:30"),
    t!(time "الساعة الثالثة مساء", "الساعة الثالثة مساء", "T15:00"),
    t!(time "في تمام الساعة العاشرة صباحا", "الساعة العاشرة صباحا", "T10:00"),
    t!(time "يبدأ 14:30 بالتوقيت المحلي", "14:30", "T14:30"),
    t!(time "الساعة الثانية عشرة ظهرا", "الساعة الثانية عشرة ظهرا", "T12:00"),
    t!(time "الساعة التاسعة والنصف", "الساعة التاسعة والنصف", "T09:30"),
    t!(time "الساعة 9 مساء", "الساعة 9 مساء", "T21:00"),
    t!(time "عند ٨:٠٥", "٨:٠٥", "T08:05"),
    t!(time "الساعة الخامسة إلا ربعا", "الساعة الخامسة إلا ربعا", "T04:45"),
    t!(time "في 3 مساء", "3 مساء", "T15:00"),
    t!(time "الساعة الثامنة مساء السبت", "الساعة الثامنة", "T08:00"),
    t!(time "لمدة ساعتين", "ساعتين", "PT2H"),
    t!(time "منتصف الليل", "منتصف الليل", "T00:00"),
    // Minutes in words, a free-standing "و" included.
    t!(time "يبدأ البث الساعة السابعة وربع", "الساعة السابعة وربع", "T07:15"),
    t!(time "الساعة الرابعة ونصف", "الساعة الرابعة ونصف", "T04:30"),
    t!(time "الساعة العاشرة و نصف", "الساعة العاشرة و نصف", "T10:30"),
    t!(time "الساعة الثانية إلا ثلثا", "الساعة الثانية إلا ثلثا", "T01:40"),
    t!(time "وصل القطار الساعة السادسة و عشر دقائق", "الساعة السادسة و عشر دقائق", "T06:10"),
    t!(time "الساعة الثالثة وخمس وعشرين دقيقة", "الساعة الثالثة وخمس وعشرين دقيقة", "T03:25"),
    t!(time "الساعة 7 و 20 دقيقة", "الساعة 7 و 20 دقيقة", "T07:20"),
    // Parts of the day that move the hour.
    t!(time "يلتقون الساعة 9 بعد المغرب", "الساعة 9 بعد المغرب", "T21:00"),
    t!(time "الساعة الرابعة بعد العصر", "الساعة الرابعة بعد العصر", "T16:00"),
    t!(time "الساعة 10 ليلا", "الساعة 10 ليلا", "T22:00"),
    t!(time "الساعة 2 ظهرا", "الساعة 2 ظهرا", "T14:00"),
    t!(time "الساعة 11 قبل الظهر", "الساعة 11 قبل الظهر", "T11:00"),
    // An ordinal hour with a part of the day is a time, not a rank.
    t!(time "انطلقت القافلة الرابعة فجرا", "الرابعة فجرا", "T04:00"),
    t!(time "عاد في الحادية عشرة ليلا", "الحادية عشرة ليلا", "T23:00"),
    t!(time "نلتقي السابعة مساء", "السابعة مساء", "T19:00"),
];

/// Anchoring: (reference date or "", input, entity text, value, anchor,
/// anchor source). An empty anchor means the entity carries none.
const ANCHORED: &[(&str, &str, &str, &str, &str, &str)] = &[
    // The text's own full date anchors what follows it.
    (
        "",
        "أعلنت الهيئة، الخميس 12 مارس 2026، أن المبيعات تراجعت الشهر الماضي",
        "الشهر الماضي",
        "2026-02",
        "2026-03-12",
        "text",
    ),
    (
        "",
        "في 12/3/2026 قال المدير إن الفريق وصل أمس",
        "أمس",
        "2026-03-11",
        "2026-03-12",
        "text",
    ),
    (
        "",
        "بيان صدر في 2 يناير 2025: ارتفعت الأسعار العام الماضي",
        "العام الماضي",
        "2024",
        "2025-01-02",
        "text",
    ),
    (
        "",
        "نشر التقرير في 3 مايو 2023. وسيعقد المؤتمر العام المقبل",
        "العام المقبل",
        "2024",
        "2023-05-03",
        "text",
    ),
    (
        "",
        "الأحد 5 أكتوبر 2025 - أكدت اللجنة أن الاجتماع عقد الأربعاء الماضي",
        "الأربعاء الماضي",
        "2025-10-01",
        "2025-10-05",
        "text",
    ),
    // Across lines: the anchor holds for the rest of the text.
    (
        "",
        "عمّان، 20 يونيو 2024\nوفي الأسبوع الماضي زار الوفد المدينة",
        "الأسبوع الماضي",
        "2024-W24",
        "2024-06-20",
        "text",
    ),
    // The nearest preceding full date wins over an earlier one.
    (
        "",
        "في 1 يناير 2020 بدأت الخطة، وفي 10 أبريل 2022 أعلنت الوزارة أنها أنجزت الشهر الماضي نصفها",
        "الشهر الماضي",
        "2022-03",
        "2022-04-10",
        "text",
    ),
    // A reference date wins over the text's date.
    (
        "2024-10-15",
        "أعلنت الهيئة، الخميس 12 مارس 2026، أن المبيعات تراجعت الشهر الماضي",
        "الشهر الماضي",
        "2024-09",
        "2024-10-15",
        "reference",
    ),
    (
        "2024-10-15",
        "وصل أمس",
        "أمس",
        "2024-10-14",
        "2024-10-15",
        "reference",
    ),
    // No anchor: the relative form stays.
    (
        "",
        "تراجعت المبيعات الشهر الماضي",
        "الشهر الماضي",
        "REF-P1M",
        "",
        "",
    ),
    // A date after the relative expression is not used.
    (
        "",
        "تراجعت المبيعات الشهر الماضي بحسب تقرير نشر في 12 مارس 2026",
        "الشهر الماضي",
        "REF-P1M",
        "",
        "",
    ),
    // The full date itself is not anchored, nor a date without a year, a
    // month and year, or a year.
    (
        "",
        "في 12 مارس 2026 وفي 2 أبريل 2026",
        "2 أبريل 2026",
        "2026-04-02",
        "",
        "",
    ),
    (
        "",
        "في أكتوبر 2024 قال إنه زارها أمس",
        "أمس",
        "REF-P1D",
        "",
        "",
    ),
    (
        "",
        "عام 2020، ثم العام الماضي",
        "العام الماضي",
        "REF-P1Y",
        "",
        "",
    ),
    // A day and month without a year take the anchor's year.
    (
        "2025-06-01",
        "يبدأ المهرجان في 3 أبريل",
        "3 أبريل",
        "2025-04-03",
        "2025-06-01",
        "reference",
    ),
    (
        "",
        "الرباط، 14 يناير 2026 - ستفتتح القاعة في 3 أبريل",
        "3 أبريل",
        "2026-04-03",
        "2026-01-14",
        "text",
    ),
    (
        "",
        "ستفتتح القاعة في 3 أبريل",
        "3 أبريل",
        "XXXX-04-03",
        "",
        "",
    ),
    // With a weekday: the year nearest the anchor's in which the day is
    // that weekday (7 November was a Friday in 2025, not in 2024).
    (
        "2024-10-15",
        "تقام المباراة الجمعة 7 نوفمبر",
        "الجمعة 7 نوفمبر",
        "2025-11-07",
        "2024-10-15",
        "reference",
    ),
    (
        "2024-03-01",
        "وصل الوفد الأحد 3 مارس",
        "الأحد 3 مارس",
        "2024-03-03",
        "2024-03-01",
        "reference",
    ),
    (
        "",
        "تقام المباراة الجمعة 7 نوفمبر",
        "الجمعة 7 نوفمبر",
        "XXXX-11-07",
        "",
        "",
    ),
    // A bare month stays without a year (its year depends on tense).
    ("2024-10-15", "في يونيو", "يونيو", "XXXX-06", "", ""),
    // A date resolved against an anchor does not become one: after "أمس"
    // (11 March), "بعد غد" is still counted from 12 March.
    (
        "",
        "الخميس 12 مارس 2026: وصل أمس، وغادر بعد غد",
        "بعد غد",
        "2026-03-14",
        "2026-03-12",
        "text",
    ),
];

/// Inputs where the given text must NOT be a DATE or TIME entity.
const NOT: &[(&str, &str)] = &[
    ("مارس الضغط على الحكومة", "مارس"),
    ("ولد من أب سوري", "أب"),
    ("قال رمضان إن الاتفاق قريب", "رمضان"),
    ("التقى محمد رجب بالوزير", "رجب"),
    ("بدأ من الصفر", "الصفر"),
    ("نسبة صفر", "صفر"),
    ("يشعر بكره شديد للظلم", "بكره"),
    ("منذ ذلك الحين تغير كل شيء", "الحين"),
    ("في تلك الليلة لم ينم أحد", "الليلة"),
    ("الليلة التي سبقت المعركة", "الليلة"),
    ("الليلة الأولى من المهرجان", "الليلة"),
    ("دفع الشهر 3 آلاف دولار", "الشهر 3"),
    ("القرار رقم 5/2024", "5/2024"),
    ("في 3/11/2025", "11/2025"),
    ("حل الفريق 2 بعد المغرب في الترتيب", "2 بعد المغرب"),
    ("جاء الثالث بعد العصر الذهبي", "الثالث بعد العصر"),
    (
        "الساعة الخامسة ومعه عشر دقائق",
        "الساعة الخامسة ومعه عشر دقائق",
    ),
    ("غدا الوضع خطيرا", "غدا"),
    ("في اليوم التالي", "اليوم"),
    ("احتفلت بـاليوم الوطني", "اليوم الوطني"),
    ("في ذلك اليوم", "اليوم"),
    ("عشر سجائر في اليوم", "اليوم"),
    ("منذ حوالي 10 ، 000 سنة", "000 سنة"),
    ("فاز 4 - 1 مساء السبت", "1 مساء"),
    ("حتى 2000 شخص", "2000"),
    ("منذ 2000 عام", "2000"), // a duration "2000 عام", not the year 2000
    ("كلا الاثنين", "الاثنين"),
    ("الرأي العام", "العام"),
    ("الأمين العام للأمم المتحدة", "العام"),
    ("اشترى سيارة نيسان", "نيسان"),
    ("الآية 1:2:3:4", "1:2"),
    ("في 32/13/2024", "32/13/2024"),
    ("سجل 2:1 في المباراة", "2:1"),
    ("ربح 2020 دولارا", "2020"),
    ("شعبان عبد الرحيم", "شعبان"),
    ("ماي فريند", "ماي"),
];

fn value_text(v: &Option<Value>) -> String {
    match v {
        Some(Value::Text(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        None => String::new(),
    }
}

#[test]
fn date_table() {
    let ex = Extractor::without_model();
    let mut failures = Vec::new();
    for &(r, input, ent, label, value, hijri) in TABLE {
        let mut opts = Options::default();
        if !r.is_empty() {
            opts = opts.with_reference_date(r).expect("reference date");
        }
        let doc = ex.extract_with(input, &opts);
        common::check_offsets(input, &doc);
        let found = doc
            .entities
            .iter()
            .find(|e| &input[e.span.start..e.span.end] == ent);
        let Some(e) = found else {
            failures.push(format!(
                "{input:?}: no entity {ent:?}; got {:?}",
                common::pairs(&doc)
            ));
            continue;
        };
        let got_v = value_text(&e.attrs.value);
        let got_h = e.attrs.value_hijri.clone().unwrap_or_default();
        if e.label != label || got_v != value || got_h != hijri {
            failures.push(format!(
                "{input:?} {ent:?}: want {label} {value:?} {hijri:?}, got {} {got_v:?} {got_h:?}",
                e.label
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn anchors_of_relative_dates() {
    let ex = Extractor::without_model();
    let mut failures = Vec::new();
    for &(r, input, ent, value, anchor, source) in ANCHORED {
        let mut opts = Options::default();
        if !r.is_empty() {
            opts = opts.with_reference_date(r).expect("reference date");
        }
        let doc = ex.extract_with(input, &opts);
        common::check_offsets(input, &doc);
        let Some(e) = doc.entities.iter().find(|e| doc.slice(e.span) == ent) else {
            failures.push(format!(
                "{input:?}: no {ent:?}; got {:?}",
                common::pairs(&doc)
            ));
            continue;
        };
        let got = (
            value_text(&e.attrs.value),
            e.attrs.anchor.clone().unwrap_or_default(),
            e.attrs.anchor_source.clone().unwrap_or_default(),
        );
        if got != (value.to_string(), anchor.to_string(), source.to_string()) {
            failures.push(format!(
                "{input:?} {ent:?}: want {value:?} {anchor:?} {source:?}, got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        ANCHORED.len(),
        failures.join("\n")
    );
}

/// The anchor carries over from one chunk of a long document to the next.
#[test]
fn anchor_across_chunks() {
    let filler = "وتحدث المشاركون عن المشروع في جلسات طويلة.\n".repeat(2_000);
    let text = format!("الخميس 12 مارس 2026\n{filler}وقال إن العمل بدأ الشهر الماضي");
    assert!(text.len() > 64 * 1024, "spans several chunks");
    let doc = Extractor::without_model().extract(&text);
    let e = doc
        .entities
        .iter()
        .rev()
        .find(|e| doc.slice(e.span) == "الشهر الماضي")
        .expect("the relative date");
    assert_eq!(value_text(&e.attrs.value), "2026-02");
    assert_eq!(e.attrs.anchor.as_deref(), Some("2026-03-12"));
    assert_eq!(e.attrs.anchor_source.as_deref(), Some("text"));
}

#[test]
fn not_dates() {
    let ex = Extractor::without_model();
    let mut failures = Vec::new();
    for &(input, text) in NOT {
        let doc = ex.extract(input);
        common::check_offsets(input, &doc);
        for e in &doc.entities {
            let t = &input[e.span.start..e.span.end];
            if matches!(e.label, Label::Date | Label::Time) && t == text {
                failures.push(format!("{input:?}: {} {t:?}", e.label));
            }
        }
    }
    assert!(failures.is_empty(), "false dates:\n{}", failures.join("\n"));
}

#[test]
fn modifiers_of_dates() {
    let ex = Extractor::without_model();
    for (input, ent, m) in [
        ("مطلع عام 2024", "مطلع عام 2024", "start"),
        ("منتصف الشهر المقبل", "منتصف الشهر المقبل", "mid"),
        ("أواخر الثمانينيات", "أواخر الثمانينيات", "end"),
    ] {
        let doc = ex.extract(input);
        let e = doc
            .entities
            .iter()
            .find(|e| doc.slice(e.span) == ent)
            .unwrap_or_else(|| panic!("{input}: {:?}", common::pairs(&doc)));
        assert_eq!(e.attrs.modifier.as_deref(), Some(m), "{input}");
    }
}

/// The reference article: every weekday, month, year and decade is a DATE.
#[test]
fn article_dates() {
    let Some(text) = common::article() else {
        return;
    };
    let doc = Extractor::without_model().extract(&text);
    common::check_offsets(&text, &doc);
    let dates: Vec<(&str, String)> = doc
        .entities
        .iter()
        .filter(|e| e.label == Label::Date)
        .map(|e| (doc.slice(e.span), value_text(&e.attrs.value)))
        .collect();
    let has = |t: &str, v: &str| dates.iter().any(|(a, b)| *a == t && b == v);
    assert_eq!(
        dates.iter().filter(|(t, _)| *t == "الثلاثاء").count(),
        text.matches("الثلاثاء").count(),
        "{dates:?}"
    );
    assert!(has("الثلاثاء", "XXXX-WXX-2"), "{dates:?}");
    assert!(has("يوليو/تموز", "XXXX-07"), "{dates:?}");
    assert!(!dates.iter().any(|(t, _)| *t == "يوليو" || *t == "تموز"));
    assert!(has("عام 2020", "2020"), "{dates:?}");
    assert!(has("التسعينيات", "199X"), "{dates:?}");
    for y in ["عام 2022", "عام 2023"] {
        assert!(dates.iter().any(|(t, _)| *t == y), "{y}: {dates:?}");
    }
    for rel in ["العام الماضي", "الأسبوع الماضي", "العامين الماضيين"]
    {
        assert!(dates.iter().any(|(t, _)| *t == rel), "{rel}: {dates:?}");
    }
    // With a reference date the relative ones resolve.
    let opts = Options::default()
        .with_reference_date("2024-10-15")
        .expect("date");
    let doc = Extractor::without_model().extract_with(&text, &opts);
    let v = |t: &str| {
        doc.entities
            .iter()
            .find(|e| doc.slice(e.span) == t)
            .map(|e| value_text(&e.attrs.value))
    };
    assert_eq!(v("العام الماضي").as_deref(), Some("2023"));
    assert_eq!(v("الأسبوع الماضي").as_deref(), Some("2024-W41"));
    assert_eq!(v("الثلاثاء").as_deref(), Some("2024-10-15"));
}

/// Long runs of tokens that rules look at must stay fast (linear).
#[test]
fn hostile_runs_are_linear() {
    let ex = Extractor::without_model();
    let inputs = [
        "و ".repeat(200_000),
        "٣".repeat(20_000),
        "1/".repeat(20_000),
        "عام ".repeat(50_000),
        "الثلاثاء ".repeat(30_000),
        "يوليو/".repeat(30_000),
        "12:".repeat(30_000),
        "مليون و".repeat(30_000),
        "الساعة ".repeat(30_000),
        "السنوات ".repeat(30_000),
    ];
    for s in &inputs {
        let t = std::time::Instant::now();
        let doc = ex.extract(s);
        common::check_offsets(s, &doc);
        assert!(
            t.elapsed().as_secs() < 20,
            "{:?}... took {:?}",
            &s[..20],
            t.elapsed()
        );
    }
}
