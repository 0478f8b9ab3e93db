//! Sending over SMTP (lettre), with STARTTLS or TLS as the URL says.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{Mail, MailSender, SendError, SendFuture};

/// How long one conversation with the mail server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    /// A sender for `url` (see [`crate::config::MailConfig::smtp_url`]) that
    /// sends as `from` (`Name <address>` or an address). Connects on first use.
    pub fn new(url: &str, from: &str) -> Result<SmtpSender, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| "VARDKOLL_SMTP_URL is not a valid SMTP URL".to_owned())?
            .timeout(Some(TIMEOUT))
            .build();
        let from = from
            .parse()
            .map_err(|_| "VARDKOLL_MAIL_FROM is not a valid address".to_owned())?;
        Ok(SmtpSender { transport, from })
    }

    /// The sender's domain, for Message-IDs.
    pub fn domain(&self) -> String {
        self.from.email.domain().to_owned()
    }
}

impl MailSender for SmtpSender {
    fn send<'a>(&'a self, mail: &'a Mail) -> SendFuture<'a> {
        Box::pin(async move {
            let to: Mailbox = mail
                .to
                .parse()
                .map_err(|_| SendError::Permanent("the recipient address is not valid".into()))?;
            let message = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(&mail.subject)
                .message_id(Some(mail.message_id.clone()))
                .header(ContentType::TEXT_PLAIN)
                .body(mail.text.clone())
                .map_err(|e| SendError::Permanent(e.to_string()))?;
            match self.transport.send(message).await {
                Ok(_) => Ok(()),
                Err(error) if error.is_permanent() => Err(SendError::Permanent(error.to_string())),
                Err(error) => Err(SendError::Temporary(error.to_string())),
            }
        })
    }
}
