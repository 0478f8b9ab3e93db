//! The message that tells a patient there is news on their request. It names
//! no care, status, provider or date — an e-mail is not a safe place for health
//! details — only that there is news, and where to read it after signing in.

use super::Mail;
use crate::store::QueuedMail;

/// The subject line.
pub const SUBJECT: &str = "Nytt om din förfrågan i Vårdkoll / News about your request";

/// The page of the app where the patient reads the news.
pub const REQUESTS_PATH: &str = "/forfragningar";

/// The news message for a queued e-mail. `app_url` has no trailing slash;
/// `domain` is the sender's, for the Message-ID.
pub fn news_mail(queued: &QueuedMail, app_url: &str, domain: &str) -> Mail {
    let link = format!("{app_url}{REQUESTS_PATH}");
    let text = format!(
        "Hej!\r\n\r\n\
         Det finns nytt om din förfrågan om vård hos en annan vårdgivare.\r\n\
         Öppna Vårdkoll och se \"Mina förfrågningar\":\r\n\r\n\
         {link}\r\n\r\n\
         Av hänsyn till din integritet står inget om din vård i det här\r\n\
         meddelandet. Det går inte att svara på.\r\n\r\n\
         --\r\n\r\n\
         There is news about your request for care elsewhere.\r\n\
         Open Vårdkoll and see \"My requests\":\r\n\r\n\
         {link}\r\n\r\n\
         For your privacy this message says nothing about your care.\r\n\
         Replies are not read.\r\n"
    );
    let stamp: String = queued
        .created_at
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    Mail {
        to: queued.recipient.clone(),
        subject: SUBJECT.into(),
        text,
        message_id: format!("<news-{}-{stamp}@{domain}>", queued.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued() -> QueuedMail {
        QueuedMail {
            id: 7,
            recipient: "tolvan@example.se".into(),
            created_at: "2026-12-01T10:00:00Z".into(),
            attempts: 1,
        }
    }

    #[test]
    fn links_to_the_requests_page_and_names_the_recipient_only_in_to() {
        let mail = news_mail(&queued(), "https://vardkoll.example", "example");
        assert_eq!(mail.to, "tolvan@example.se");
        assert!(
            mail.text
                .contains("https://vardkoll.example/forfragningar\r\n")
        );
        assert!(!mail.text.contains("tolvan"));
        assert_eq!(mail.message_id, "<news-7-20261201100000@example>");
    }

    #[test]
    fn the_same_queued_mail_gives_the_same_message_id_on_every_try() {
        let mut again = queued();
        again.attempts = 3;
        assert_eq!(
            news_mail(&queued(), "https://a", "d").message_id,
            news_mail(&again, "https://a", "d").message_id
        );
    }
}
