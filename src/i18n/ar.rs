//! Arabic (written right to left; the page's `dir` is set from [`super::Lang::dir`]).
//! Numbers, dates and formats written left to right inside a sentence are wrapped
//! in Unicode isolates (U+2066 … U+2069), so `19121212-1212` is not reordered.

use super::plural::{Plural, arabic};
use super::texts::{
    AdviceTexts, ChoiceTexts, ErrorTexts, StatusTexts, StepTexts, Texts, UncoveredTexts,
};

/// Arabic counts by CLDR's six plural forms ([`super::plural::arabic`]):
/// 0 يوم، يوم واحد، يومان، 3–10 أيام، 11–99 يومًا، 100–102 يوم.
pub(super) fn days(days: u32) -> String {
    match arabic(u64::from(days)) {
        Plural::One => "يوم واحد".to_owned(),
        Plural::Two => "يومان".to_owned(),
        Plural::Few => format!("{days} أيام"),
        Plural::Many => format!("{days} يومًا"),
        Plural::Zero | Plural::Other => format!("{days} يوم"),
    }
}

fn days_left(days_left: i64) -> String {
    match days_left {
        0 => "اليوم هو اليوم الأخير".to_owned(),
        d if d < 0 => format!("مضى منذ {}", days(u32::try_from(-d).unwrap_or(u32::MAX))),
        d => format!("بقي {}", days(u32::try_from(d).unwrap_or(u32::MAX))),
    }
}

fn regional_note(region: &str, regional: u32, national: u32) -> String {
    format!(
        "لدى \u{2068}{region}\u{2069} حدّ أقصر: {}. الحدّ الوطني {}.",
        days(regional),
        days(national)
    )
}

fn excluded_note(excluded: u64) -> String {
    format!(
        "لا تُحتسب {} (انتظار اخترته أنت أو انتظار لأسباب طبية).",
        days(u32::try_from(excluded).unwrap_or(u32::MAX))
    )
}

const STEPS: StepTexts = StepTexts {
    contact: "التواصل مع المركز الصحي",
    assessment: "تقييم طبي في الرعاية الأولية",
    specialist: "أول زيارة في الرعاية التخصصية",
    treatment: "علاج أو عملية",
    bup_assessment: "أول تقييم في الطب النفسي للأطفال والمراهقين (BUP)",
    bup_in_depth: "تقييم معمّق أو علاج في الطب النفسي للأطفال والمراهقين (BUP)",
};

pub const AR: Texts = Texts {
    lang: super::Lang::Ar,
    app_name: "Vårdkoll",
    skip_link: "انتقل إلى المحتوى",
    nav_label: "القائمة الرئيسية",
    footer: "يحفظ Vårdkoll معلوماتك في هذا المتصفح فقط، باستثناء الطلبات التي ترسلها بنفسك. \
        لا يغني Vårdkoll عن التواصل مع الرعاية الصحية.",
    language_label: "اللغة",
    nav_requests: "طلباتي",
    requests_intro: "طلباتك للحصول على الرعاية لدى مقدّم رعاية آخر وما حدث لها.",
    no_requests: "ليست لديك طلبات. يمكنك طلب الرعاية لدى مقدّم رعاية آخر من «أوقات الانتظار» أو من حالة رعاية.",
    referral_intro: "اطلب الرعاية لدى مقدّم رعاية قائمة انتظاره أقصر. يذهب الطلب إلى منطقتك، التي تنظّم الرعاية أو \
        تساعدك في الخطوات التالية.",
    path_heading: "ما الذي ينطبق عليك",
    path_free_choice: "إذا اخترت بنفسك أين تتلقى الرعاية، فأنت تستخدم حرية اختيار الرعاية: يحق لك اختيار \
        رعاية خارجية ممولة من القطاع العام في أي مكان في السويد. لا تنتقل معك حدود ضمان الرعاية ولا \
        تعويض السفر، وبعض المناطق تشترط إحالة.",
    path_missed: |step, date| format!("كانت مهلة ضمان الرعاية لـ{step} يوم {date} وقد انقضت."),
    path_will_be_missed: |step, date| {
        format!("موعدك المحجوز بعد مهلة ضمان الرعاية لـ{step} التي تنتهي يوم {date}.")
    },
    path_region_arranges: "على منطقتك عندها أن تنظّم الرعاية لدى مقدّم رعاية آخر دون تكلفة إضافية عليك، بما في \
        ذلك السفر. يحق لك رفض عرض المنطقة، ولكن عندها ينتهي ضمان الرعاية لتلك الرعاية.",
    path_gives_up: |date| {
        format!(
            "يمنحك ضمان الرعاية الحق في الرعاية بحلول {date}. لا تنطبق هذه المهلة لدى مقدّم رعاية تختاره بنفسك."
        )
    },

    path_source: "قانون الخدمات الصحية والطبية (HSL) الفصل 9 المادة 1، قانون المريض الفصل 9.",
    request_elsewhere: "اطلب الرعاية لدى مقدّم رعاية آخر",
    update_available: "يتوفر إصدار جديد من Vårdkoll.",
    update_reload: "أعد تحميل الصفحة",
    sign_in: "تسجيل الدخول",
    sign_out: "تسجيل الخروج",
    signing_in: "جارٍ تسجيل الدخول …",
    signed_in_as: "تم تسجيل الدخول باسم",
    sign_in_failed: "تعذّر تسجيل الدخول الآن. حاول مرة أخرى بعد قليل.",
    sign_in_refused: "أُلغي تسجيل الدخول. يمكنك تسجيل الدخول مرة أخرى متى شئت.",
    sign_in_expired: "تم تسجيل خروجك لأن مدة تسجيل الدخول انتهت. سجّل الدخول مرة أخرى للمتابعة. \
        الطلبات التي تنتظر الإرسال محفوظة.",
    not_found_title: "الصفحة غير موجودة",
    not_found_text: "هذا العنوان لا يؤدي إلى أي صفحة في Vårdkoll.",
    back_home: "إلى ضمانات رعايتي",

    guarantees_title: "ضمانات رعايتي",
    guarantees_intro: "أدخل ما حدث في رعايتك، مثل إرسال إحالة. يحسب Vårdkoll آخر يوم وفق ضمان الرعاية \
        (vårdgaranti)، وعدد الأيام المتبقية، وما يمكنك فعله إذا لم يكفِ الوقت.",
    episodes_heading: "حالات رعايتك",
    new_episode_heading: "حالة رعاية جديدة",
    title_label: "بماذا تتعلق الرعاية؟",
    title_hint: "مثلًا «الورك» أو «عيادة العيون».",
    region_label: "منطقتك (اختياري)",
    region_hint: "لبعض المناطق حدود أقصر من حدود القانون.",
    region_none: "لم تُختر منطقة",
    region_line: "المنطقة",
    add_episode: "أضف حالة رعاية",
    episode_added: "أُضيفت حالة الرعاية:",
    no_episodes: "ليست لديك حالات رعاية بعد. ابدأ بإضافة حالة أعلاه.",
    save: "احفظ",
    cancel: "إلغاء",
    edit: "عدّل",
    remove: "احذف",
    confirm_remove_episode: "هل تريد حذف حالة الرعاية وجميع أحداثها؟",
    confirm_remove: "نعم، احذف",

    deadlines_heading: "المهل الزمنية",
    no_deadlines: "لا توجد مهل بعد. أضف حدثًا يبدأ به ضمان الرعاية، مثل إحالة.",
    events_heading: "الأحداث",
    no_events: "لا توجد أحداث بعد.",
    add_event_heading: "أضف حدثًا",
    edit_event_heading: "عدّل الحدث",
    choice_label: "ماذا حدث؟",
    declined_warning: "إذا رفضت الرعاية التي رتّبتها المنطقة لدى مقدّم رعاية آخر، فلن تعود ضمانة الرعاية \
        سارية على هذه الرعاية. وإذا غيّرت رأيك لاحقًا، يبدأ حساب المدة من جديد من اليوم الذي تتواصل فيه.",
    step_label: "بأي رعاية يتعلق الأمر؟",
    step_placeholder: "اختر الرعاية",
    date_label: "التاريخ",
    booked_date_label: "تاريخ الموعد المحجوز",
    from_label: "من",
    until_label: "حتى (ضمنًا)",
    until_in_sentence: "حتى (ضمنًا)",
    date_hint: "اكتبه بالشكل \u{2066}YYYY-MM-DD\u{2069}، مثلًا \u{2066}2026-09-01\u{2069}.",
    // The form as the hint and the error messages write it (Latin letters, as
    // the digits typed are): isolated, so it reads left to right.
    date_placeholder: "\u{2066}YYYY-MM-DD\u{2069}",
    add_event: "أضف الحدث",
    event_saved: "حُفظ الحدث.",
    event_removed: "حُذف الحدث.",

    deadline_label: "آخر يوم",
    started_label: "بدأ الاحتساب",
    source_label: "المصدر",
    target_note: "هذا هدف متفق عليه بين الحكومة ورابطة البلديات والمناطق (SKR)، وليس قانونًا.",
    regional_note,
    excluded_note,
    booked_note: "موعد محجوز",
    care_note: "قُدّمت الرعاية",
    done_by_later_step: |date| format!("بدأت الخطوة التالية يوم {date}، لذا اكتملت هذه الخطوة."),
    add_care_day: "أضف اليوم الذي حصلت فيه على الرعاية لتعرف إن كانت في الوقت المحدد.",
    days_left,
    days_left_label: "الأيام المتبقية",
    deadline_summary: "آخر يوم وفق ضمان الرعاية",

    advice: AdviceTexts {
        heading: "إذا لم تحصل على الرعاية في الوقت المحدد",
        steps: &[
            "تواصل مع العيادة التي تنتظر فيها واسأل متى يمكنك الحصول على موعد.",
            "إذا لم يكفِ ذلك: تواصل مع مكتب ضمان الرعاية (vårdgarantikansli) في منطقتك أو مع مرشد \
            الرعاية. سيساعدونك في الحصول على الرعاية لدى مقدّم رعاية آخر.",
            "تنظّم المنطقة الرعاية وتدفع التكاليف الإضافية، بما فيها السفر. يحق لك رفض العرض، \
            ولكن عندها ينتهي ضمان الرعاية لتلك الرعاية.",
        ],
        note: None,
    },
    bup_advice: AdviceTexts {
        heading: "إذا لم تحصل على الرعاية في الطب النفسي للأطفال والمراهقين (BUP) في الوقت المحدد",
        steps: &[
            "تواصل مع عيادة BUP التي تنتظر فيها واسأل متى يمكنك الحصول على موعد.",
            "اسأل العيادة أو المنطقة إن كان بإمكانك الحصول على الرعاية في عيادة أخرى.",
            "إذا لم تكن راضيًا، يمكنك التوجّه إلى لجنة المرضى (patientnämnden) في منطقتك.",
        ],
        note: Some(
            "هدف BUP اتفاق بين الحكومة ورابطة البلديات والمناطق (SKR)، وليس قانونًا. حدود القانون للرعاية \
            التخصصية، 90 يومًا، تنطبق على BUP أيضًا.",
        ),
    },

    export: "احفظ المهل في التقويم",
    export_hint: "ملف تقويم (.ics) يمكنك فتحه في تقويمك.",
    export_file_name: "vardgarantier.ics",
    your_data_heading: "معلوماتك",
    your_data_text: "ما تدخله يُحفظ في هذا المتصفح فقط، وليس لدى Vårdkoll.",
    delete_all: "احذف جميع معلوماتي",
    delete_all_warning: "ستُحذف جميع حالات الرعاية والأحداث وطلباتك (بما فيها التي لم تُرسل بعد) من هذا \
        المتصفح. لا يمكن التراجع عن ذلك.",
    delete_all_confirm: "نعم، احذف كل شيء",
    deleted_all: "حُذفت جميع معلوماتك.",
    storage_unreadable: "تعذّرت قراءة معلوماتك المحفوظة. إنها باقية دون تغيير في المتصفح، ولكن لا يستطيع \
        Vårdkoll عرضها.",
    storage_save_failed: "تعذّر الحفظ في المتصفح. تبقى تغييراتك ما دامت الصفحة مفتوحة.",

    wait_times_title: "أوقات الانتظار",
    navigator_title: "Vårdlotsen",
    navigator_intro: "لمنسقي الرعاية في المنطقة: طلبات الرعاية لدى مقدم رعاية آخر من مرضى مناطقك، الأكثر إلحاحًا أولًا.",
    navigator_link: "لمنسقي الرعاية في المنطقة",
    free_times_title: "Lediga tider",
    free_times_intro: "لمسؤولي المواعيد لدى مقدمي الرعاية: نشر المواعيد الشاغرة التي يمكن عرضها على المرضى في جميع أنحاء السويد، ومعرفة ما عُرض منها وما حُجز.",
    wait_times_intro: "اطّلع على مدة الانتظار في المناطق المختلفة لعلاج أو لزيارة أولى.",
    wait_times_caption: "الانتظار المقدّر لمريض جديد، آخر شهر، الأقصر أولًا",
    service_label: "العلاج أو الزيارة",
    service_placeholder: "اختر علاجًا أو زيارة",
    loading: "جارٍ جلب المعلومات …",
    retry: "حاول مرة أخرى",
    sample_data_note: "بيانات تجريبية: الأرقام مولّدة لعرض الخدمة وليست أوقات انتظار حقيقية.",
    estimated_wait: "الانتظار المقدّر",
    share_within_limit: "النسبة ضمن ضمان الرعاية",
    free_capacity: "سعة متاحة",
    capacity_yes: "نعم",
    capacity_no: "لا",
    capacity_unknown: "غير مُبلّغ عنه",
    no_figure: "غير مُبلّغ عنه",
    days,
    api_network_error: "تعذّر الوصول إلى الخادم. تحقق من اتصالك وحاول مرة أخرى.",
    api_server_error: "لم يستطع الخادم الرد الآن. حاول بعد قليل.",
    api_invalid_error: "أرسل الخادم معلومات تعذّرت قراءتها. حاول لاحقًا.",
    page_load_error: "تعذّر تحميل الصفحة. تحقق من اتصالك وحاول مرة أخرى.",

    steps: STEPS,
    // Arabic has no capitals: the same names inside a sentence.
    steps_in_sentence: STEPS,
    choices: ChoiceTexts {
        sought_primary_care: "تواصلت مع المركز الصحي",
        referral_issued: "أُرسلت إحالة إلى الرعاية التخصصية",
        self_referral_accepted: "قُبلت إحالتي الذاتية",
        treatment_decided: "قرار بعلاج أو عملية",
        bup_referral: "إحالة إلى الطب النفسي للأطفال والمراهقين (BUP) أو تواصل معه",
        booked: "حُجز موعد",
        care_received: "حصلت على الرعاية",
        patient_chosen_wait: "اخترت أن أنتظر (انتظار باختيار المريض)",
        medical_wait: "انتظار لأسباب طبية",
        declined_elsewhere: "رفضت الرعاية لدى مقدّم رعاية آخر",
        agreed_to_later_date: "وافقت على موعد بعد الحد",
        renewed: "غيّرت رأيي وطلبت الرعاية مجددًا",
        return_visit: "زيارة متابعة",
        lab_test: "تحليل مخبري",
        investigation: "أشعة أو فحص آخر",
        aid: "وسيلة مساعدة",
        private_without_agreement: "رعاية خاصة بلا اتفاق مع المنطقة",
    },
    uncovered: UncoveredTexts {
        return_visit: "لا يشمل ضمان الرعاية زيارات المتابعة. اسأل العيادة متى يجب أن تعود.",
        lab_test: "لا يشمل ضمان الرعاية التحاليل المخبرية.",
        investigation: "لا يشمل ضمان الرعاية الأشعة والفحوص الأخرى.",
        aid: "لا يشمل ضمان الرعاية الوسائل المساعدة، باستثناء تجربة سماعة الأذن.",
        private_without_agreement: "لا يشمل ضمان الرعاية مقدّمي الرعاية الخاصين الذين ليس لديهم اتفاق مع المنطقة.",
        no_rule_in_force: "لم يكن أي ضمان رعاية ساريًا في ذلك التاريخ. بدأ ضمان الرعاية في 1 يوليو 2010، \
            وهدف الطب النفسي للأطفال والمراهقين في 2011.",
    },
    status: StatusTexts {
        upcoming: "موعد محجوز ضمن الحد",
        on_track: "في الوقت المحدد",
        near_deadline: "اقترب اليوم الأخير",
        booked_after_deadline: "موعد محجوز بعد اليوم الأخير",
        missed: "تجاوز الحد",
        fulfilled: "تحقق",
        late: "جاءت الرعاية بعد الحد",
        done_date_unknown: "اكتملت – لم يُذكر التاريخ",
        declined_elsewhere: "انتهى – رفضت الرعاية لدى مقدّم رعاية آخر",
        agreed_to_later_date: "انتهى – وافقت على موعد لاحق",
        renewed: "استُبدل – يُحتسب الوقت من طلبك الرعاية مجددًا",
        not_covered: "لا يشمله ضمان الرعاية",
    },
    errors: ErrorTexts {
        date_missing: "اكتب تاريخًا.",
        not_a_date: "اكتب التاريخ بالشكل \u{2066}YYYY-MM-DD\u{2069}، مثلًا \u{2066}2026-09-01\u{2069}.",
        impossible_date: "هذا التاريخ غير موجود. تحقق من الشهر واليوم.",
        too_early: "التاريخ بعيد جدًا في الماضي. تحقق من السنة.",
        in_future: "لا يمكن أن يكون التاريخ بعد اليوم.",
        end_before_start: "لا يمكن أن يكون تاريخ النهاية قبل تاريخ البداية.",
        step_required: "اختر بأي رعاية يتعلق الأمر.",
        no_clock: "أضف أولًا الحدث الذي تبدأ به هذه المهلة، مثل إحالة أو قرار بعلاج، بتاريخ في هذا اليوم أو قبله.",
        title_missing: "اكتب بماذا تتعلق الرعاية.",
        title_too_long: "اكتب 80 حرفًا على الأكثر.",
        unknown_region: "اختر منطقة من القائمة.",
        summary_heading: "يُرجى تصحيح ما يلي:",
    },
    weekdays: [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    months: [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_arabic_number_agreement() {
        assert_eq!(days(1), "يوم واحد");
        assert_eq!(days(2), "يومان");
        assert_eq!(days(5), "5 أيام");
        assert_eq!(days(30), "30 يومًا");
        assert_eq!(days(103), "103 أيام");
        // CLDR: 0 is "zero", 100-102 are "other", not "many".
        assert_eq!(days(0), "0 يوم");
        assert_eq!(days(99), "99 يومًا");
        assert_eq!(days(100), "100 يوم");
        assert_eq!(days(101), "101 يوم");
        assert_eq!(days(111), "111 يومًا");
        assert_eq!(days_left(0), "اليوم هو اليوم الأخير");
        assert_eq!(days_left(12), "بقي 12 يومًا");
    }
}
