//! The application shell: skip link, header with navigation and language,
//! the reload prompt, the current page (its top at once, its rest from its
//! split point) and the footer.

use leptos::prelude::*;

use super::language_picker::LanguagePicker;
use super::{Account, SignInNotice, UpdateBanner, provide_app_context};
use crate::components::LazyView;
use crate::i18n::{Lang, use_texts};
use crate::pages::{
    self, FreeTimesTop, GuaranteesTop, NavigatorTop, NotFoundPage, ReferralTop, RequestsTop,
    WaitTimesTop,
};
use crate::platform::clock::today;
use crate::platform::host;
use crate::router::{Link, Route};

#[component]
pub fn Shell(lang: RwSignal<Lang>) -> impl IntoView {
    let router = provide_app_context(today(), lang);
    let t = use_texts();
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            host::focus_by_id("main");
        }>{t.skip_link}</a>
        <header class="site-header">
            <p class="site-header__name">{t.app_name}</p>
            <nav aria-label=t.nav_label>
                <ul>
                    <li><Link route=Route::Guarantees>{t.guarantees_title}</Link></li>
                    <li><Link route=Route::WaitTimes>{t.wait_times_title}</Link></li>
                    <li><Link route=Route::Requests>{t.nav_requests}</Link></li>
                </ul>
            </nav>
            <LanguagePicker lang=lang />
            <Account />
        </header>
        <UpdateBanner />
        <SignInNotice />
        // The comparison's and the queue's tables need the screen's width.
        <main id="main" class:main--wide=move || matches!(router.route(), Route::WaitTimes | Route::Navigator | Route::FreeTimes)>
            {move || match router.route() {
                Route::Guarantees => view! {
                    <GuaranteesTop />
                    <LazyView load=|| Box::pin(pages::guarantees_page()) />
                }.into_any(),
                Route::WaitTimes => view! {
                    <WaitTimesTop />
                    <LazyView load=|| Box::pin(pages::wait_times_page()) />
                }.into_any(),
                Route::Referral => view! {
                    <ReferralTop>
                        <LazyView load=|| Box::pin(pages::referral_page()) />
                    </ReferralTop>
                }.into_any(),
                Route::Requests => view! {
                    <RequestsTop>
                        <LazyView load=|| Box::pin(pages::requests_page()) />
                    </RequestsTop>
                }.into_any(),
                Route::Navigator => view! {
                    <NavigatorTop />
                    <LazyView load=|| Box::pin(pages::navigator_page()) />
                }.into_any(),
                Route::FreeTimes => view! {
                    <FreeTimesTop />
                    <LazyView load=|| Box::pin(pages::free_times_page()) />
                }.into_any(),
                Route::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>{t.footer}</p>
            <p><Link route=Route::Navigator>{t.navigator_link}</Link></p>
        </footer>
    }
}
