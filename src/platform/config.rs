//! The runtime configuration: `config.json` beside the app, read once, and an
//! embedding portal's settings over it, so a deployment changes them without
//! rebuilding the app.

use std::cell::RefCell;

use serde::Deserialize;
use vardkoll_domain::signin::ProviderConfig;

/// Where the API is when `config.json` cannot be read.
pub const DEFAULT_BASE: &str = "/api/v1";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    api_base_url: String,
    #[serde(default)]
    parent_origins: Vec<String>,
    #[serde(default)]
    oidc: Option<ProviderConfig>,
}

/// The runtime configuration in `config.json`, so a portal can change it
/// without rebuilding the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    /// Where the API is, without a trailing slash.
    pub api_base: String,
    /// The portals allowed to embed the app in an iframe: the app tells them its
    /// height (`postMessage`), and no one else. Origins only (`https://host`).
    pub parent_origins: Vec<String>,
    /// The identity provider patients sign in with (OpenID Connect), if the
    /// deployment has one: `"oidc": { "issuer", "clientId", "scopes",
    /// "audience" }`. Without it there is no sign-in.
    pub oidc: Option<ProviderConfig>,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: DEFAULT_BASE.to_owned(),
            parent_origins: Vec::new(),
            oidc: None,
        }
    }
}

/// A provider's settings as written, or `None` unless its issuer is a web
/// address (`https://…`, or `http://` for a local test provider) and it names a
/// client.
fn checked_provider(mut config: ProviderConfig) -> Option<ProviderConfig> {
    let issuer = config.issuer.trim().trim_end_matches('/');
    let web = issuer.starts_with("https://") || issuer.starts_with("http://");
    if !web || config.client_id.trim().is_empty() || !config.scopes.contains("openid") {
        return None;
    }
    config.issuer = issuer.to_owned();
    config.client_id = config.client_id.trim().to_owned();
    Some(config)
}

/// Whether `origin` is a plain web origin: `https://host` or `http://host:port`,
/// no path, no wildcard.
fn is_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "https" | "http")
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// A base address as written (`https://host/v1/`, `/api/v1`), without its
/// trailing slash; `None` unless it is a web address or a path on this server
/// (not `javascript:`, `data:` or another host's `//host/…`).
pub fn web_base(text: &str) -> Option<String> {
    let base = text.trim().trim_end_matches('/');
    let web = base.starts_with("https://") || base.starts_with("http://");
    (web || (base.starts_with('/') && !base.starts_with("//"))).then(|| base.to_owned())
}

/// Reads `config.json`; anything unreadable falls back to the defaults, and
/// origins that are not plain origins are left out.
pub fn parse_config(text: &str) -> RuntimeConfig {
    let Ok(file) = serde_json::from_str::<ConfigFile>(text) else {
        return RuntimeConfig::default();
    };
    RuntimeConfig {
        api_base: web_base(&file.api_base_url).unwrap_or_else(|| DEFAULT_BASE.to_owned()),
        parent_origins: file
            .parent_origins
            .into_iter()
            .filter(|o| is_origin(o))
            .collect(),
        oidc: file.oidc.and_then(checked_provider),
    }
}

thread_local! {
    static CONFIG: RefCell<Option<RuntimeConfig>> = const { RefCell::new(None) };
}

impl RuntimeConfig {
    /// This configuration with an embedding portal's API base URL
    /// (`data-api-base-url`, see [`super::host`]), when it is a valid one.
    pub fn with_portal_api(mut self, portal: Option<String>) -> RuntimeConfig {
        if let Some(base) = portal.as_deref().and_then(web_base) {
            self.api_base = base;
        }
        self
    }

    /// This configuration with an embedding portal's identity provider
    /// (`data-oidc-issuer`, `data-oidc-client-id`, optional `data-oidc-scopes`
    /// and `data-oidc-audience`), when it names a valid one.
    pub fn with_portal_provider(
        mut self,
        setting: impl Fn(&str) -> Option<String>,
    ) -> RuntimeConfig {
        let (Some(issuer), Some(client_id)) = (setting("oidc-issuer"), setting("oidc-client-id"))
        else {
            return self;
        };
        let portal = ProviderConfig {
            issuer,
            client_id,
            scopes: setting("oidc-scopes").unwrap_or_else(|| "openid profile".to_owned()),
            audience: setting("oidc-audience"),
            single_sign_on: false,
        };
        if let Some(provider) = checked_provider(portal) {
            self.oidc = Some(provider);
        }
        self
    }
}

// The text of `config.json`, or "" when it cannot be read (a few bytes of
// script instead of the HTTP client's bindings in the first load).
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function config_text(url) {
    return fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
}")]
extern "C" {
    fn config_text(url: &str) -> js_sys::Promise;
}

thread_local! {
    /// The one read of `config.json`, shared by every caller that asks before it ends.
    static READING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// The runtime configuration from `config.json` beside the app (read once) and
/// an embedding portal's settings, or the defaults.
pub async fn runtime_config() -> RuntimeConfig {
    if let Some(config) = CONFIG.with(|c| c.borrow().clone()) {
        return config;
    }
    let reading = READING.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| config_text(&super::host::asset_url("config.json")))
            .clone()
    });
    let text = wasm_bindgen_futures::JsFuture::from(reading)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    let config = parse_config(&text)
        .with_portal_api(super::host::setting("api-base-url"))
        .with_portal_provider(super::host::setting);
    CONFIG.with(|c| *c.borrow_mut() = Some(config.clone()));
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_configuration_is_read_strictly() {
        let config = parse_config(
            r#"{"apiBaseUrl":"https://api.example.se/v1/","parentOrigins":["https://portal.example.se",
            "http://127.0.0.1:8080","*","https://evil.example/path","javascript:alert(1)"]}"#,
        );
        assert_eq!(config.api_base, "https://api.example.se/v1");
        assert_eq!(
            config.parent_origins,
            ["https://portal.example.se", "http://127.0.0.1:8080"]
        );
        assert_eq!(
            parse_config(r#"{"apiBaseUrl":"/api/v1"}"#).parent_origins,
            Vec::<String>::new()
        );
        assert_eq!(parse_config("not json"), RuntimeConfig::default());
        assert_eq!(parse_config(r#"{"apiBaseUrl":""}"#).api_base, DEFAULT_BASE);
        assert_eq!(
            parse_config(r#"{"apiBaseUrl":"javascript:x"}"#).api_base,
            DEFAULT_BASE
        );
    }

    #[test]
    fn an_identity_provider_is_configured_only_when_it_is_usable() {
        let config = parse_config(
            r#"{"apiBaseUrl":"/api/v1","oidc":{"issuer":"https://login.region.se/","clientId":" vardkoll ",
            "scopes":"openid profile pin","audience":"vardkoll-api"}}"#,
        );
        let oidc = config.oidc.unwrap();
        assert_eq!(oidc.issuer, "https://login.region.se");
        assert_eq!(oidc.client_id, "vardkoll");
        assert_eq!(oidc.audience.as_deref(), Some("vardkoll-api"));
        let provider =
            |json: &str| parse_config(&format!(r#"{{"apiBaseUrl":"/api/v1","oidc":{json}}}"#)).oidc;
        assert_eq!(
            provider(r#"{"issuer":"https://a.se","clientId":"x"}"#)
                .unwrap()
                .scopes,
            "openid profile"
        );
        assert_eq!(
            provider(r#"{"issuer":"javascript:x","clientId":"x"}"#),
            None
        );
        assert_eq!(provider(r#"{"issuer":"https://a.se","clientId":""}"#), None);
        assert_eq!(
            provider(r#"{"issuer":"https://a.se","clientId":"x","scopes":"profile"}"#),
            None
        );
        assert_eq!(parse_config(r#"{"apiBaseUrl":"/api/v1"}"#).oidc, None);
    }

    #[test]
    fn a_portal_may_name_its_own_identity_provider() {
        let file = parse_config(r#"{"apiBaseUrl":"/api/v1"}"#);
        let settings = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let portal = file.clone().with_portal_provider(settings(&[
            ("oidc-issuer", "https://login.portal.se"),
            ("oidc-client-id", "portal-vardkoll"),
        ]));
        let oidc = portal.oidc.unwrap();
        assert_eq!(
            (oidc.issuer.as_str(), oidc.client_id.as_str()),
            ("https://login.portal.se", "portal-vardkoll")
        );
        assert_eq!(oidc.scopes, "openid profile");
        // Half a setting, or a bad one, changes nothing.
        assert_eq!(
            file.clone()
                .with_portal_provider(settings(&[("oidc-issuer", "https://x.se")]))
                .oidc,
            None
        );
        assert_eq!(
            file.with_portal_provider(settings(&[
                ("oidc-issuer", "data:x"),
                ("oidc-client-id", "y")
            ]))
            .oidc,
            None
        );
    }

    #[test]
    fn base_addresses_are_web_addresses_or_paths_here() {
        let base = |text: &str| web_base(text);
        assert_eq!(
            base("https://vardkoll.example.se/app/").as_deref(),
            Some("https://vardkoll.example.se/app")
        );
        assert_eq!(base("/vardkoll/").as_deref(), Some("/vardkoll"));
        assert_eq!(base("javascript:alert(1)"), None);
        assert_eq!(base("data:text/plain,x"), None);
        assert_eq!(base("//evil.example/app"), None);
    }

    #[test]
    fn a_portal_may_point_the_app_at_another_api() {
        let file = parse_config(r#"{"apiBaseUrl":"/api/v1"}"#);
        let portal = |base: &str| file.clone().with_portal_api(Some(base.to_owned())).api_base;
        assert_eq!(portal("/vardkoll/api/v1/"), "/vardkoll/api/v1");
        assert_eq!(
            portal(" https://api.region.se/v1 "),
            "https://api.region.se/v1"
        );
        // Not an address: the file's base stays.
        assert_eq!(portal("javascript:alert(1)"), "/api/v1");
        assert_eq!(portal("//evil.example/api"), "/api/v1");
        assert_eq!(portal("api/v1"), "/api/v1");
        assert_eq!(file.clone().with_portal_api(None).api_base, "/api/v1");
    }
}
