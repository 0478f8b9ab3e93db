//! E-mail to patients: that there is news on their request, never what it is.
//!
//! - [`news`]: the message (Swedish, then English; a link to the app).
//! - [`delivery`]: reads the store's outbox, sends, retries, records.
//! - [`smtp`]: the first [`MailSender`]; another one (an HTTP mail API) plugs in
//!   the same way.

pub mod delivery;
pub mod news;
pub mod smtp;

use std::future::Future;
use std::pin::Pin;

/// One message to send.
#[derive(Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// `<...@...>`, the same on every try: a receiver can tell a repeat.
    pub message_id: String,
}

impl std::fmt::Debug for Mail {
    // The address is personal data: never in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mail")
            .field("message_id", &self.message_id)
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent. The text is kept in the outbox for operators,
/// never logged (a mail server's answer may quote the address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// Try again later: no connection, a timeout, a 4xx answer.
    Temporary(String),
    /// Trying again will not help: the address is refused (5xx) or malformed.
    Permanent(String),
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Something that delivers [`Mail`].
pub trait MailSender: Send + Sync + 'static {
    fn send<'a>(&'a self, mail: &'a Mail) -> SendFuture<'a>;
}
