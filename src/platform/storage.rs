//! The one module that touches browser storage.
//!
//! Episodes are kept in `localStorage` as one versioned JSON document. Data that
//! cannot be read is never overwritten: it is copied aside under a backup key
//! before anything new is saved, so nothing a patient entered is lost. The
//! chosen home region is kept as its county code.
//!
//! Referral requests are kept as one document too ([`OUTBOX_KEY`]): requests
//! waiting to be sent (the only place an identity number is ever stored, until
//! the server acknowledges the request) and the sent ones (reference, token,
//! status). Both lists are written in one `setItem`, so a request moves from
//! waiting to sent in one step.

use serde::{Deserialize, Serialize};
use vardkoll_domain::episode::Episode;
use vardkoll_domain::referral::{Outbox, Pending, PendingAnswer, Sent};
use vardkoll_domain::regions::RegionCode;

/// Every key Vårdkoll writes starts with this prefix.
pub const PREFIX: &str = "vardkoll.";
pub const EPISODES_KEY: &str = "vardkoll.episodes";
pub const BACKUP_KEY: &str = "vardkoll.episodes.unreadable";
pub const HOME_REGION_KEY: &str = "vardkoll.home-region";
pub const LANG_KEY: &str = "vardkoll.lang";
pub const OUTBOX_KEY: &str = "vardkoll.referrals";
pub const OUTBOX_BACKUP_KEY: &str = "vardkoll.referrals.unreadable";
/// In the tab's session storage: what a sign-in keeps across the redirect to
/// the identity provider (state, nonce, PKCE verifier; no personal data).
pub const SIGN_IN_KEY: &str = "vardkoll.sign-in";
/// In the tab's session storage: that the patient is signed in in this tab, so
/// a reload signs in again silently. Only "1".
pub const SIGNED_IN_KEY: &str = "vardkoll.signed-in";
const VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives no storage (private mode, disabled, sandboxed iframe).
    Unavailable,
    /// Stored data could not be read; it was copied to [`BACKUP_KEY`].
    Unreadable,
    /// Writing failed, e.g. the quota is full.
    WriteFailed,
}

#[derive(Serialize)]
struct StoredRef<'a> {
    version: u32,
    episodes: &'a [Episode],
}

#[derive(Deserialize)]
struct Stored {
    version: u32,
    episodes: Vec<Episode>,
}

/// The stored document for `episodes`.
pub fn encode(episodes: &[Episode]) -> Result<String, StorageError> {
    serde_json::to_string(&StoredRef {
        version: VERSION,
        episodes,
    })
    .map_err(|_| StorageError::WriteFailed)
}

/// Reads a stored document; `None` when it is not one this version understands.
pub fn decode(text: &str) -> Option<Vec<Episode>> {
    serde_json::from_str::<Stored>(text)
        .ok()
        .filter(|stored| stored.version == VERSION)
        .map(|stored| stored.episodes)
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// Reads the document under `key` with `decode`; none saved is `None`. What
/// cannot be read is copied to `backup` (once) and never overwritten.
fn load_document<T>(
    key: &str,
    backup: &str,
    decode: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, StorageError> {
    let storage = local_storage()?;
    let Some(text) = storage
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)?
    else {
        return Ok(None);
    };
    match decode(&text) {
        Some(value) => Ok(Some(value)),
        None => {
            if storage.get_item(backup).ok().flatten().is_none() {
                storage
                    .set_item(backup, &text)
                    .map_err(|_| StorageError::WriteFailed)?;
            }
            Err(StorageError::Unreadable)
        }
    }
}

/// Loads the saved episodes; none saved yet is an empty list.
pub fn load_episodes() -> Result<Vec<Episode>, StorageError> {
    Ok(load_document(EPISODES_KEY, BACKUP_KEY, decode)?.unwrap_or_default())
}

pub fn save_episodes(episodes: &[Episode]) -> Result<(), StorageError> {
    local_storage()?
        .set_item(EPISODES_KEY, &encode(episodes)?)
        .map_err(|_| StorageError::WriteFailed)
}

// The stored outbox: `{"version": 1, "pending": [...], "sent": [...]}`. Its
// fields are written out rather than `#[serde(flatten)]`ed from `Outbox`:
// flatten buffers the document and reads it a second way, which doubled the
// outbox's decoding code in the WebAssembly.
#[derive(Serialize)]
struct StoredOutboxRef<'a> {
    version: u32,
    pending: &'a [Pending],
    sent: &'a [Sent],
    #[serde(skip_serializing_if = "<[PendingAnswer]>::is_empty")]
    answers: &'a [PendingAnswer],
}

#[derive(Deserialize)]
struct StoredOutbox {
    version: u32,
    pending: Vec<Pending>,
    sent: Vec<Sent>,
    #[serde(default)]
    answers: Vec<PendingAnswer>,
}

/// The stored document for `outbox`.
pub fn encode_outbox(outbox: &Outbox) -> Result<String, StorageError> {
    serde_json::to_string(&StoredOutboxRef {
        version: VERSION,
        pending: &outbox.pending,
        sent: &outbox.sent,
        answers: &outbox.answers,
    })
    .map_err(|_| StorageError::WriteFailed)
}

/// Reads a stored outbox; `None` when it is not one this version understands.
pub fn decode_outbox(text: &str) -> Option<Outbox> {
    serde_json::from_str::<StoredOutbox>(text)
        .ok()
        .filter(|stored| stored.version == VERSION)
        .map(|stored| Outbox {
            pending: stored.pending,
            sent: stored.sent,
            answers: stored.answers,
        })
}

#[derive(Deserialize)]
struct WaitingOnly {
    pending: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    answers: Vec<serde::de::IgnoredAny>,
}

/// Whether requests or answers wait in the outbox, read without decoding
/// them (the app shell asks this at start, before the referral code is loaded).
pub fn has_waiting_requests() -> bool {
    local_storage()
        .ok()
        .and_then(|storage| storage.get_item(OUTBOX_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<WaitingOnly>(&text).ok())
        .is_some_and(|doc| !doc.pending.is_empty() || !doc.answers.is_empty())
}

/// Whether the outbox holds any request, waiting or sent (an empty outbox is no
/// document), read without decoding it.
pub fn has_outbox() -> bool {
    local_storage().is_ok_and(|storage| storage.get_item(OUTBOX_KEY).ok().flatten().is_some())
}

/// Loads the referral requests, waiting and sent; none yet is an empty outbox.
pub fn load_outbox() -> Result<Outbox, StorageError> {
    Ok(load_document(OUTBOX_KEY, OUTBOX_BACKUP_KEY, decode_outbox)?.unwrap_or_default())
}

/// Saves the referral requests; an empty outbox removes the document.
pub fn save_outbox(outbox: &Outbox) -> Result<(), StorageError> {
    let storage = local_storage()?;
    if outbox.pending.is_empty() && outbox.sent.is_empty() && outbox.answers.is_empty() {
        return storage
            .remove_item(OUTBOX_KEY)
            .map_err(|_| StorageError::WriteFailed);
    }
    storage
        .set_item(OUTBOX_KEY, &encode_outbox(outbox)?)
        .map_err(|_| StorageError::WriteFailed)
}

/// The patient's home region, if they chose one (and it is still a region).
pub fn load_home_region() -> Option<RegionCode> {
    let text = local_storage().ok()?.get_item(HOME_REGION_KEY).ok()??;
    RegionCode::parse(&text)
}

/// Remembers the home region; `None` forgets it.
pub fn save_home_region(region: Option<RegionCode>) -> Result<(), StorageError> {
    let storage = local_storage()?;
    match region {
        Some(code) => storage.set_item(HOME_REGION_KEY, code.as_str()),
        None => storage.remove_item(HOME_REGION_KEY),
    }
    .map_err(|_| StorageError::WriteFailed)
}

/// The tag of the language the patient chose (`sv`), if they chose one.
pub fn load_lang() -> Option<String> {
    local_storage().ok()?.get_item(LANG_KEY).ok()?
}

/// Remembers the chosen language by its tag.
pub fn save_lang(tag: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(LANG_KEY, tag)
        .map_err(|_| StorageError::WriteFailed)
}

fn session_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|window| window.session_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// Keeps a sign-in's secrets in this tab until the provider sends the patient back.
pub fn save_sign_in(pending: &vardkoll_domain::signin::Pending) -> Result<(), StorageError> {
    let text = serde_json::to_string(pending).map_err(|_| StorageError::WriteFailed)?;
    session_storage()?
        .set_item(SIGN_IN_KEY, &text)
        .map_err(|_| StorageError::WriteFailed)
}

/// The sign-in this tab started, taken out (it is used once).
pub fn take_sign_in() -> Option<vardkoll_domain::signin::Pending> {
    let storage = session_storage().ok()?;
    let text = storage.get_item(SIGN_IN_KEY).ok()??;
    let _ = storage.remove_item(SIGN_IN_KEY);
    serde_json::from_str(&text).ok()
}

/// Whether this tab started a sign-in that has not come back yet.
pub fn has_sign_in() -> bool {
    session_storage().is_ok_and(|s| s.get_item(SIGN_IN_KEY).ok().flatten().is_some())
}

/// Remembers (for this tab only) whether the patient is signed in.
pub fn set_signed_in(signed_in: bool) {
    if let Ok(storage) = session_storage() {
        let _ = if signed_in {
            storage.set_item(SIGNED_IN_KEY, "1")
        } else {
            storage.remove_item(SIGNED_IN_KEY)
        };
    }
}

/// Whether the patient was signed in in this tab before the page loaded.
pub fn was_signed_in() -> bool {
    session_storage().is_ok_and(|s| s.get_item(SIGNED_IN_KEY).ok().flatten().is_some())
}

/// Whether this is the first silent single sign-on this tab tries (an
/// embedding portal asked for it); later loads do not try again.
pub fn first_single_sign_on() -> bool {
    const KEY: &str = "vardkoll.single-sign-on";
    let Ok(storage) = session_storage() else {
        return false;
    };
    let first = storage.get_item(KEY).ok().flatten().is_none();
    first && storage.set_item(KEY, "1").is_ok()
}

/// The keys Vårdkoll has stored in this browser.
fn own_keys(storage: &web_sys::Storage) -> Result<Vec<String>, StorageError> {
    let length = storage.length().map_err(|_| StorageError::Unavailable)?;
    Ok((0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .collect())
}

/// Whether this browser holds anything of the patient's for [`delete_all`]:
/// anything Vårdkoll stored but the language choice, read without decoding it.
pub fn holds_patient_data() -> bool {
    local_storage()
        .and_then(|storage| own_keys(&storage))
        .is_ok_and(|keys| keys.iter().any(|key| key != LANG_KEY))
}

/// Removes everything Vårdkoll has stored in this browser.
pub fn delete_all() -> Result<(), StorageError> {
    let storage = local_storage()?;
    for key in own_keys(&storage)? {
        storage
            .remove_item(&key)
            .map_err(|_| StorageError::WriteFailed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vardkoll_domain::episode::{Event, EventKind};

    #[test]
    fn documents_round_trip_and_carry_a_version() {
        let episodes = vec![Episode {
            id: 1,
            title: "Höften <b>".into(),
            region: None,
            events: vec![Event {
                id: 1,
                date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                kind: EventKind::ReferralIssued,
            }],
            places: Default::default(),
        }];
        let text = encode(&episodes).unwrap();
        assert!(text.starts_with(r#"{"version":1,"#));
        assert_eq!(decode(&text), Some(episodes));
    }

    #[test]
    fn outboxes_round_trip_and_anything_else_is_unreadable() {
        let outbox = Outbox::default();
        let text = encode_outbox(&outbox).unwrap();
        assert_eq!(text, r#"{"version":1,"pending":[],"sent":[]}"#);
        assert_eq!(decode_outbox(&text), Some(outbox));
        assert_eq!(decode_outbox("[]"), None);
        assert_eq!(
            decode_outbox(r#"{"version":2,"pending":[],"sent":[]}"#),
            None
        );
        assert_eq!(
            decode_outbox(r#"{"version":1,"pending":[{"key":1}],"sent":[]}"#),
            None
        );
    }

    #[test]
    fn a_waiting_and_a_sent_request_round_trip() {
        use vardkoll_domain::api::{NewReferral, ReferralCreated, ReferralStatus};
        use vardkoll_domain::referral::RequestLabel;
        let label = || RequestLabel {
            service: "op-hoft".into(),
            providers: vec!["p1".into()],
            episode: None,
        };
        let mut outbox = Outbox::default();
        outbox.enqueue("k1".into(), NewReferral::example(), label(), 1_000);
        outbox.enqueue("k2".into(), NewReferral::example(), label(), 2_000);
        outbox.acknowledged(
            "k1",
            ReferralCreated {
                reference: "VK-ABCD2345".into(),
                token: "t".into(),
                status: ReferralStatus::Received,
                created_at: "2026-11-25T10:00:00Z".into(),
            },
        );
        assert_eq!((outbox.pending.len(), outbox.sent.len()), (1, 1));
        let text = encode_outbox(&outbox).unwrap();
        assert!(text.starts_with(r#"{"version":1,"pending":[{"#), "{text}");
        assert_eq!(decode_outbox(&text), Some(outbox));
    }

    #[test]
    fn anything_else_is_unreadable() {
        assert_eq!(decode("not json"), None);
        assert_eq!(decode(r#"{"version":2,"episodes":[]}"#), None);
        assert_eq!(decode(r#"{"version":1,"episodes":[{"id":1}]}"#), None);
        assert_eq!(
            decode(r#"{"version":1,"episodes":[{"id":1,"title":"x","region":"99","events":[]}]}"#),
            None
        );
    }
}
