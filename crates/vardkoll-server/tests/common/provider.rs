//! The test OpenID Connect provider (tests/e2e/oidc-provider.mjs, the npm
//! package oidc-provider) as a child process on a free or given port, its
//! test-only token endpoint, and a server that trusts it.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use vardkoll_server::identity::{
    DEFAULT_IDENTITY_CLAIM, DEFAULT_PROVIDER_CLAIM, DEFAULT_REGION_CLAIM, DEFAULT_ROLE_CLAIM,
    IdentityConfig,
};

use super::TestServer;

/// The provider process; killed when dropped.
pub struct Provider {
    child: Child,
    pub issuer: String,
    http: reqwest::Client,
}

fn harness() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/oidc-provider.mjs")
}

impl Provider {
    /// With new keys on a free port (the harness makes its own keys).
    pub async fn start_fresh() -> Provider {
        Provider::spawn(Command::new("node").arg(harness())).await
    }

    /// With the keys in `keys` (made when missing) on `port` (0: a free one);
    /// `add_key` puts a new signing key first (a key rotation).
    pub async fn start(keys: &Path, port: u16, add_key: bool) -> Provider {
        let mut command = Command::new("node");
        command.arg(harness()).args([
            "--keys",
            keys.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ]);
        if add_key {
            command.arg("--add-key");
        }
        Provider::spawn(&mut command).await
    }

    async fn spawn(command: &mut Command) -> Provider {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the OpenID provider (scripts/setup installs it)");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the provider starts")
            .unwrap()
            .expect("the provider prints its issuer");
        let issuer = serde_json::from_str::<Value>(&first).unwrap()["issuer"]
            .as_str()
            .unwrap()
            .to_owned();
        Provider {
            child,
            issuer,
            http: reqwest::Client::new(),
        }
    }

    pub fn port(&self) -> u16 {
        self.issuer.rsplit(':').next().unwrap().parse().unwrap()
    }

    pub async fn token(&self, subject: &str, audience: Option<&str>, ttl: Option<u64>) -> String {
        let text = self
            .http
            .post(format!("{}/test/token", self.issuer))
            .json(&json!({ "sub": subject, "audience": audience, "ttl": ttl }))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let answer: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("token: {text}"));
        answer["access_token"].as_str().unwrap().to_owned()
    }

    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

pub fn identity_of(provider: &Provider) -> IdentityConfig {
    IdentityConfig {
        issuer: provider.issuer.clone(),
        audience: "urn:vardkoll:api".into(),
        identity_claim: DEFAULT_IDENTITY_CLAIM.into(),
        leeway_seconds: 0,
        role_claim: DEFAULT_ROLE_CLAIM.into(),
        region_claim: DEFAULT_REGION_CLAIM.into(),
        provider_claim: DEFAULT_PROVIDER_CLAIM.into(),
    }
}

pub async fn server_for(provider: &Provider) -> TestServer {
    let identity = identity_of(provider);
    TestServer::with(move |c| c.identity = Some(identity)).await
}
