//! Arabic texts of the wait-time comparison.

use super::ar::days;
use super::compare_texts::CompareTexts;
use super::plural::{Plural, arabic};
use vardkoll_domain::api::KpiMeasure;

/// "N hospitals and clinics", the noun's number following CLDR's category of N.
fn hospitals(n: usize) -> String {
    match arabic(n as u64) {
        Plural::One => "مستشفى أو عيادة واحدة".to_owned(),
        Plural::Two => "مستشفيين أو عيادتين".to_owned(),
        Plural::Few => format!("{n} مستشفيات وعيادات"),
        Plural::Zero | Plural::Many | Plural::Other => format!("{n} مستشفى وعيادة"),
    }
}

pub const AR_COMPARE: CompareTexts = CompareTexts {
    search_label: "ابحث عن علاج أو زيارة",
    search_hint: "الأسماء السويدية تعطي أفضل النتائج، مثلًا höft (الورك) أو gråstarr (الساد) أو hud (الجلد).",
    category_label: "نوع الرعاية",
    category_all: "كل الأنواع",
    category_visit: "زيارات أولى",
    category_examination: "فحوص",
    category_operation: "عمليات وعلاجات",
    results_count: |n| match arabic(n as u64) {
        Plural::Zero => "لا توجد نتائج".to_owned(),
        Plural::One => "نتيجة واحدة".to_owned(),
        Plural::Two => "نتيجتان".to_owned(),
        Plural::Few => format!("{n} نتائج"),
        Plural::Many | Plural::Other => format!("{n} نتيجة"),
    },
    no_results: "لا يوجد علاج أو زيارة يطابق البحث. جرّب كلمة أخرى.",
    choose_service: "اختر علاجًا أو زيارة من القائمة لرؤية أوقات الانتظار.",

    home_region_label: "منطقتك",
    home_region_hint: "تُحفظ في هذا المتصفح. تُقارن أوقات الانتظار بمنطقتك.",
    home_region_none: "لم تُختر",
    home_wait: |region, wait| format!("في {region} الانتظار المقدّر {}.", days(wait)),
    shorter: |d| format!("أقصر بـ{} مما في منطقتك", days(d)),
    longer: |d| format!("أطول بـ{} مما في منطقتك", days(d)),
    same: "مثل منطقتك",
    versus_heading: "مقارنة بمنطقتك",
    percent: |p| format!("{p}٪"),

    providers_heading: "المستشفيات والعيادات",
    providers_caption: |service| format!("{service}: أوقات الانتظار لكل مستشفى وعيادة، آخر شهر"),
    sort_hint: "اختر عنوان عمود لترتيب الجدول.",
    sorted_ascending: "مرتّب تصاعديًا",
    sorted_descending: "مرتّب تنازليًا",
    provider_column: "المستشفى أو العيادة",
    waiting_column: "عدد المنتظرين",
    reported_column: "الشهر والمصدر",
    distance_column: "المسافة",
    own_region_only: "تستقبل المرضى من منطقتها فقط.",

    filters_heading: "تصفية",
    region_filter: "المنطقة",
    all_regions: "كل المناطق",
    capacity_filter: "فقط التي تُبلّغ عن سعة متاحة",
    origin_label: "المسافة من",
    origin_none: "اختر مدينة",
    origin_position: "موقعي",
    use_position: "استخدم موقعي",
    position_denied: "لم يُسمح لنا باستخدام موقعك. اختر مدينة بدلًا من ذلك.",
    position_needed: "اختر «استخدم موقعي» لقياس المسافات من مكانك. لا يُحفظ الموقع.",
    within_label: "بحد أقصى",
    within_any: "أي مسافة",
    km: |km| format!("{km} كم"),
    rows_shown: |shown, matching, all| {
        if matching == all {
            format!("يُعرض {shown} من أصل {}.", hospitals(all))
        } else {
            format!(
                "يُعرض {shown} من أصل {matching} تطابق التصفية ({} إجمالًا).",
                hospitals(all)
            )
        }
    },
    show_more: |n| format!("اعرض {n} أخرى"),
    no_rows: "لا توجد مستشفيات أو عيادات تطابق التصفية.",

    show_trend: "اعرض الاتجاه",
    trend_heading: |name| format!("الاتجاه: {name}"),
    // The months are in digits (2026-10): left-to-right runs.
    trend_summary: |from, first, to, last| {
        format!(
            "الانتظار المقدّر {} في \u{2066}{from}\u{2069} و{} في \u{2066}{to}\u{2069}.",
            days(first),
            days(last)
        )
    },
    trend_no_data: "لا توجد أرقام لآخر 24 شهرًا.",
    trend_numbers: "اعرض الأرقام",
    month_column: "الشهر",
    region_series: |region| format!("كامل {region}"),
    close_trend: "أغلق الاتجاه",

    request_referral: "اطلب الرعاية هنا",

    map_heading: "المناطق على الخريطة",
    measure_label: "اعرض على الخريطة",
    waiting_measure: "عدد المنتظرين",
    map_label: |measure| {
        format!(
            "خريطة مناطق السويد الـ21 ملوّنة حسب {measure}. الأرقام نفسها في الجدول أسفل الخريطة."
        )
    },
    legend_better: "أفضل",
    legend_worse: "أسوأ",
    regions_caption: |measure| format!("{measure} لكل منطقة، آخر شهر"),
    your_region: "منطقتك",

    // `when` is a date and time in digits (2026-12-07 16:57): one
    // left-to-right run, not 16:57 07-12-2026.
    stale_data: |when| {
        format!("تُعرض المعلومات التي جُلبت في \u{2066}{when}\u{2069}. قد لا تكون محدّثة.")
    },
    fetched_label: |when| format!("جُلبت في \u{2066}{when}\u{2069}"),
    out_of_date: "قديمة",
    sources_label: "المصادر",
    // The licence may come from the API as it words it (Latin letters): an
    // isolate of its own direction.
    licence: |licence| format!("الترخيص: \u{2068}{licence}\u{2069}"),
    source_name: |id| match id {
        "sample" => Some("بيانات Vårdkoll التجريبية"),
        _ => None,
    },
    source_licence: |id| match id {
        "vantetider" => Some(
            "إحصاءات رسمية من المناطق (رابطة البلديات والمناطق SKR، ومنذ 1 يوليو 2025 المجلس الوطني للصحة والرعاية الاجتماعية Socialstyrelsen)",
        ),
        "sample" => Some("مولّدة، حرة الاستخدام (\u{2066}CC0 1.0\u{2069})"),
        _ => None,
    },
    regional_heading: |region| format!("أرقام \u{2068}{region}\u{2069} نفسها للمنطقة كلها"),
    kpi_label: |measure| match measure {
        KpiMeasure::MedianDaysWaiting => "وسيط مدة الانتظار لمن لا يزالون ينتظرون",
        KpiMeasure::MedianDaysDone => "وسيط مدة الانتظار لمن تلقّوا الرعاية",
        KpiMeasure::ShareWithin90Days => "النسبة خلال 90 يومًا",
        KpiMeasure::Bup => "الطب النفسي للأطفال والمراهقين",
    },
    regional_value: |value, year| format!("{value} (\u{2066}{year}\u{2069})"),
};
