//! Arabic texts of requesting care elsewhere and following the requests.

use vardkoll_domain::api::{
    DeclineReason, MAX_MESSAGE_CHARS, PatientAnswer, ProblemCode, ReferralStatus,
};
use vardkoll_domain::referral::AnswerRefusal;

use super::plural::{Plural, arabic};
use super::referral_texts::ReferralTexts;

/// Worded for the field and the code where that helps, for the field alone
/// where one message fits every code, and otherwise for the code: every code
/// has its own arm, so a new code does not compile without its words.
fn field_error(field: &str, code: ProblemCode) -> &'static str {
    use ProblemCode::*;
    match (field, code) {
        ("personalIdentityNumber", Format) => {
            "اكتب الرقم الشخصي بـ12 رقمًا، مثلًا \u{2066}19121212-1212\u{2069}."
        }
        ("name", Required) => "اكتب اسمك.",
        ("name", TooLong) => "يجب ألا يتجاوز الاسم 100 حرف.",
        ("phone", Format) => "يجب أن يتكون رقم الهاتف من 7 إلى 15 رقمًا.",
        ("email", Format) => {
            "لا يبدو هذا عنوان بريد إلكتروني، مثلًا \u{2066}name@example.com\u{2069}."
        }
        ("currentReferral/date", InFuture) => "لا يمكن أن يكون تاريخ الإحالة بعد اليوم.",
        ("preferredProviders", TooMany) => "اختر خمسة مقدّمي رعاية على الأكثر.",
        ("preferredProviders", Duplicate) => "مقدّم الرعاية هذا موجود في القائمة بالفعل.",
        ("preferredProviders", Unknown) => "لم يعد مقدّم الرعاية هذا موجودًا. اختر غيره.",

        (_, Characters) => {
            "يحتوي النص على أحرف لا يمكن استخدامها، مثل أحرف التحكم غير المرئية. اكتبه من جديد."
        }
        ("serviceCode", _) => "اختر العلاج أو الزيارة المقصودة.",
        ("currentReferral/clinic", _) => "اكتب اسم العيادة التي كتبت الإحالة.",
        ("currentReferral/date", _) => "اكتب تاريخ الإحالة بالشكل \u{2066}YYYY-MM-DD\u{2069}.",
        ("guarantee/step", _) => "مهلتا الزيارة التخصصية والعلاج فقط تُلزمان المنطقة.",
        ("preferredProviders", _) => "اختر مقدّم رعاية واحدًا على الأقل.",
        ("interpreter/language", _) => "اكتب اللغة التي تحتاج مترجمًا لها.",
        ("message", TooLong) => "يجب ألا تتجاوز الرسالة 1000 حرف.",
        ("consentToShare", _) => "تحتاج إلى الموافقة لكي يُرسل الطلب.",
        ("homeRegion", _) => "اختر منطقتك.",

        (_, Format) => "هذه المعلومة ليست بالشكل المطلوب.",
        (_, Date) => "تاريخ الميلاد في الرقم ليس يومًا حقيقيًا.",
        (_, ControlDigit) => "الرقم الأخير غير صحيح. تحقق من الرقم.",
        (_, Required) => "هذه المعلومة مطلوبة.",
        (_, TooLong) => "النص طويل جدًا.",
        (_, ContactRequired) => "أدخل رقم هاتف أو عنوان بريد إلكتروني.",
        (_, Unknown) => "ما اخترته لم يعد موجودًا. اختر شيئًا آخر.",
        (_, InFuture) => "لا يمكن أن يكون التاريخ بعد اليوم.",
        (_, NotEnforced) => "هذه المهلة لا تُلزم المنطقة.",
        (_, TooMany) => "لقد اخترت أكثر من العدد المسموح به.",
        (_, Duplicate) => "هذا موجود في القائمة بالفعل.",
        (_, Shape) => "لم يتفاهم التطبيق والخادم. أعد تحميل الصفحة وحاول مرة أخرى.",
        (_, Range) => "القيمة خارج النطاق المسموح به.",
        (_, Unrecognised) => "تحقق من هذه المعلومة.",
    }
}

pub(super) fn status(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "مُستلم",
        ReferralStatus::UnderReview => "قيد المعالجة",
        ReferralStatus::Offered => "عُرض موعد",
        ReferralStatus::Declined => "مرفوض",
        ReferralStatus::Withdrawn => "مسحوب",
        ReferralStatus::Booked => "حُجز الموعد",
        ReferralStatus::OfferDeclined => "رُفض العرض",
    }
}

fn status_next(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "استلمت المنطقة الطلب وستبدأ بمراجعته، عادةً خلال خمسة أيام عمل.",
        ReferralStatus::UnderReview => {
            "تراجع المنطقة الطلب وتتواصل مع مقدّمي الرعاية الذين اخترتهم. ستتلقى الرد هنا وعبر الهاتف أو البريد الإلكتروني."
        }
        ReferralStatus::Offered => {
            "عُرض عليك موعد. أجب هنا: اقبل الموعد أو اطلب موعدًا آخر أو ارفض. يحق لك الرفض، ولكن إذا نظّمت المنطقة \
             الرعاية لأن ضمان الرعاية لم يُحترم، فإن الضمان لتلك الرعاية ينتهي عندها."
        }
        ReferralStatus::Declined => {
            "لم تستطع المنطقة تنظيم الرعاية لدى مقدّمي الرعاية الذين اخترتهم. يمكنك إرسال طلب جديد مع مقدّمي رعاية \
             آخرين، أو التواصل مع مكتب ضمان الرعاية في منطقتك (عبر 1177) إذا انقضت مهلة ضمان الرعاية."
        }
        ReferralStatus::Withdrawn => {
            "سُحب الطلب ولم يعد قيد المعالجة. إذا كنت لا تزال تريد الرعاية لدى مقدّم رعاية آخر، يمكنك إرسال طلب جديد."
        }
        ReferralStatus::Booked => {
            "قبلتَ العرض وحُجز الموعد. قد تتواصل معك العيادة قبل الزيارة. إذا لم تستطع الحضور، فأبلغ العيادة في أقرب وقت."
        }
        ReferralStatus::OfferDeclined => {
            "رفضتَ الرعاية المعروضة. إذا نظّمتها المنطقة لأن ضمان الرعاية لم يُحترم، فلم يعد الضمان يشمل تلك الرعاية. \
             يمكنك إرسال طلب جديد."
        }
    }
}

fn answer_refused(why: AnswerRefusal) -> &'static str {
    match why {
        AnswerRefusal::Expired => {
            "كانت مهلة الرد قد انتهت، لذا تعذّر استلام ردّك. تبحث المنطقة عن موعد جديد."
        }
        AnswerRefusal::NotNow => "تعذّر استلام ردّك لأن الطلب تغيّر منذ ذلك الحين. انظر الحالة أعلاه.",
    }
}

fn history_answer(answer: PatientAnswer) -> &'static str {
    match answer {
        PatientAnswer::Accept => "قبلتَ الموعد",
        PatientAnswer::Decline => "رفضتَ",
        PatientAnswer::AnotherTime => "طلبتَ موعدًا آخر",
        PatientAnswer::Withdraw => "سحبتَ الطلب",
    }
}

fn decline_reason(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::NoProviderAvailable => {
            "السبب: لم تجد المنطقة مقدّم رعاية يمكنه تقديم الرعاية في وقت أبكر."
        }
        DeclineReason::NotCoveredByGuarantee => "السبب: الرعاية التي تطلبها لا يشملها ضمان الرعاية.",
        DeclineReason::IncompleteRequest => {
            "السبب: تنقص الطلب معلومات تحتاجها المنطقة. أرسل طلبًا جديدًا بما ينقصه."
        }
        DeclineReason::Duplicate => "السبب: تم إرسال الطلب نفسه من قبل.",
        DeclineReason::Other => "السبب: انظر رسالة المنطقة.",
    }
}

pub const AR_REFERRAL: ReferralTexts = ReferralTexts {
    from_episode: |title| format!("يتعلق الطلب بحالة رعايتك «{title}»."),

    about_you: "عنك",
    identity_label: "الرقم الشخصي أو رقم التنسيق",
    identity_hint: "12 رقمًا، مثلًا \u{2066}19121212-1212\u{2069}.",
    name_label: "الاسم",
    phone_label: "الهاتف",
    email_label: "البريد الإلكتروني",
    contact_hint: "أدخل رقم هاتف أو بريدًا إلكترونيًا أو كليهما، لكي تتمكن المنطقة من الوصول إليك.",
    care_heading: "الرعاية التي تطلبها",
    service_label: "العلاج أو الزيارة",
    service_none: "اختر علاجًا أو زيارة",
    home_region_label: "منطقتك",
    home_region_hint: "المنطقة التي تسكن فيها. يتولى منسقو الرعاية فيها طلبك.",
    home_region_none: "اختر منطقة",
    referral_heading: "إحالتك الحالية",
    referral_hint: "اتركه فارغًا إن لم تكن لديك إحالة.",
    clinic_label: "العيادة التي كتبت الإحالة",
    referral_date_label: "تاريخ الإحالة",
    providers_heading: "مقدّمو الرعاية المفضّلون",
    providers_hint: "خمسة على الأكثر، الأفضل لديك أولًا.",
    provider_label: |n| format!("مقدّم الرعاية {n}"),
    provider_none: "اختر مقدّم رعاية",
    other_region: "لا يستقبل مرضى من مناطق أخرى",
    add_provider: "أضف مقدّم رعاية",
    move_up: |n| format!("انقل مقدّم الرعاية {n} إلى الأعلى"),
    remove_provider: |n| format!("احذف مقدّم الرعاية {n}"),
    other_heading: "السفر والمترجم والرسالة",
    can_travel: "أستطيع السفر إلى مدينة أخرى لتلقي الرعاية",
    travel_label: "إلى أي مدى يمكنك السفر؟",
    travel_anywhere: "إلى أي مكان في البلاد",
    travel_within: |km| format!("حتى \u{2066}{km}\u{2069} كم"),
    interpreter_needed: "أحتاج إلى مترجم",
    interpreter_language: "لغة الترجمة",
    message_label: "رسالة إلى المنطقة (اختياري)",
    message_hint: |used| format!("{used} من {MAX_MESSAGE_CHARS} حرف."),
    consent_heading: "الموافقة",
    consent: "أوافق على مشاركة الطلب مع معلوماتي مع المنطقة التي تستلمه.",
    privacy_note: "يُحفظ رقمك الشخصي في هذا المتصفح فقط حتى يُستلم الطلب، لكي لا يضيع شيء إذا انقطع الاتصال. \
        بعد ذلك يُحفظ رقم المرجع والحالة فقط.",
    submit: "أرسل الطلب",
    catalogue_error: "تعذّر جلب قائمة العلاجات ومقدّمي الرعاية. تحقق من اتصالك وحاول مرة أخرى.",
    field_error,
    rejected_without_details: "لم يُقبل الطلب. تحقق من المعلومات وأرسله مرة أخرى.",

    service_term: "العلاج أو الزيارة",
    providers_term: "مقدّمو الرعاية المفضّلون",
    receipt_heading: "إيصال طلبك",
    waiting: "بانتظار الإرسال",
    waiting_detail: "الطلب محفوظ في هذا المتصفح ويُرسل تلقائيًا في أقرب وقت ممكن. يمكنك إغلاق الصفحة؛ \
        سيُرسل في المرة التالية التي تفتح فيها Vårdkoll.",
    offline_detail: "أنت غير متصل الآن. سيُرسل الطلب عند عودة الاتصال.",
    sending: "جارٍ الإرسال …",
    received: "استُلم الطلب",
    reference_label: "رقم المرجع",
    received_at_label: "وقت الاستلام",
    next_heading: "ماذا يحدث الآن",
    next_steps: "تراجع منطقتك الطلب، عادةً خلال خمسة أيام عمل، وتتواصل مع مقدّمي الرعاية الذين اخترتهم. ستتلقى \
        الرد عبر الهاتف أو البريد الإلكتروني، وتظهر الحالة في «طلباتي». اذكر رقم المرجع إذا تواصلت مع المنطقة.",
    print: "اطبع الإيصال",
    send_now: "حاول الإرسال الآن",
    rejected: "لم يُقبل الطلب. صحّح المعلومات وأرسله مرة أخرى.",
    correct: "صحّح وأرسل مرة أخرى",
    correcting: "أنت تصحّح طلبًا لم يُقبل. عند إرساله يحل محل الطلب القديم.",
    new_request: "طلب جديد",

    waiting_heading: "بانتظار الإرسال",
    sent_heading: "المُرسلة",
    queued_label: "محفوظ",
    attempts: |n| match arabic(u64::from(n)) {
        Plural::Zero => "لم يُرسل بعد".to_owned(),
        Plural::One => "محاولة واحدة حتى الآن".to_owned(),
        Plural::Two => "محاولتان حتى الآن".to_owned(),
        Plural::Few => format!("{n} محاولات حتى الآن"),
        Plural::Many | Plural::Other => format!("{n} محاولة حتى الآن"),
    },
    history_heading: "السجل",
    status_label: "الحالة",
    remove: "احذف الطلب",
    confirm_remove: "سيُحذف الطلب من هذا المتصفح ولن يُرسل.",
    confirm_remove_yes: "نعم، احذف",
    save_failed: "تعذّر الحفظ في المتصفح. أبقِ الصفحة مفتوحة حتى يُستلم الطلب.",
    identity_from_sign_in: "اسمك ورقمك الشخصي مأخوذان من تسجيل دخولك بالهوية الإلكترونية.",
    sign_in_to_fill: "سجّل الدخول بالهوية الإلكترونية، فيُملأ اسمك ورقمك الشخصي تلقائيًا ويمكنك متابعة الطلب \
        على جميع أجهزتك.",
    needs_sign_in: "الطلب محفوظ وسيُرسل بعد أن تسجّل الدخول مرة أخرى.",
    status,
    status_next,
    // The time in digits (09:30) is a left-to-right run; the provider's name
    // (in Swedish, as a rule) an isolate of its own direction.
    offered_time: |date, time, provider| {
        format!("الموعد المعروض: {date} الساعة \u{2066}{time}\u{2069}، \u{2068}{provider}\u{2069}.")
    },
    decline_reason,
    answer_heading: "الرد على العرض",
    answer_by: |when| format!("أجب في موعد أقصاه {when}. وإلا يُعاد الموعد وتواصل المنطقة البحث."),
    accept: "قبول الموعد",
    another_time: "طلب موعد آخر",
    decline: "رفض",
    decline_warning: "إذا نظّمت المنطقة الرعاية لأن ضمان الرعاية لم يُحترم، فإن الضمان لتلك الرعاية ينتهي عند \
        رفضك. وإذا كنت تفضّل موعدًا آخر، يمكنك طلبه بدلًا من ذلك.",
    decline_yes: "نعم، أرفض",
    withdraw: "سحب الطلب",
    withdraw_warning: "لن يُعالج الطلب بعد الآن، ويُعاد أي موعد عُرض عليك.",
    withdraw_yes: "نعم، اسحب",
    answer_on_its_way: "رُدّك محفوظ ويُرسل الآن. إذا لم تكن متصلًا بالإنترنت، يُرسل عند عودة الاتصال.",
    answer_needs_sign_in: "رُدّك محفوظ وسيُرسل بعد أن تسجّل الدخول مرة أخرى.",
    answer_refused,
    answer_refused_ok: "فهمت",
    history_answer,
    history_expired: "انتهت مهلة الرد",
    add_booked: |title| format!("أضف الموعد إلى «{title}» في «ضمانات رعايتي»"),
    booked_in_tracker: |title| {
        format!(
            "الموعد موجود في حالة رعايتك «{title}». تُظهر صفحة «ضمانات رعايتي» ما إذا كان ضمن المهلة المحددة."
        )
    },
    show_tracker: "عرض ضمانات رعايتي",
};
