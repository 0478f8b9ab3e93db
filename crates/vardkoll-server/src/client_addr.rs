//! The client's address, for rate limiting: the socket's peer, unless that peer
//! is a trusted proxy (`VARDKOLL_TRUSTED_PROXIES`: addresses or CIDR ranges,
//! comma-separated). Behind trusted proxies the client is the nearest address
//! in `Forwarded` (RFC 7239; else `X-Forwarded-For`) that is not itself a
//! trusted proxy, read from the right: the entries to its left are the client's
//! own word and cannot be trusted.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Parses `VARDKOLL_TRUSTED_PROXIES`; an entry that is neither an address nor a
/// range is an error naming it.
pub fn parse_trusted(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!("VARDKOLL_TRUSTED_PROXIES: {entry:?} is not an address or CIDR range")
                })
        })
        .collect()
}

/// The address to count a request against.
/// [`client_address`] of a request being extracted, as the audit log writes
/// it ("unknown" without the connection's peer, as in tests that call the
/// router directly).
pub fn of_request(parts: &axum::http::request::Parts, trusted: &[IpNet]) -> String {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|axum::extract::ConnectInfo(peer)| {
            client_address(*peer, &parts.headers, trusted).to_string()
        })
        .unwrap_or_else(|| "unknown".into())
}

pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let peer = peer.ip().to_canonical();
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = forwarded_for(headers);
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop {
            Some(ip) => {
                client = *ip;
                if !is_trusted(ip) {
                    return client;
                }
            }
            // "unknown" or an obfuscated name: nothing further left is known.
            None => return client,
        }
    }
    client
}

/// The `for` addresses, client first; `None` for an entry that is no address.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (name, value) = pair.split_once('=')?;
                    name.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| parse_node(value))
                })
            })
            .collect();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(parse_node)
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn parse_node(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Ok(socket) = value.parse::<SocketAddr>() {
        return Some(socket.ip().to_canonical());
    }
    value
        .strip_prefix('[')
        .and_then(|v| v.split_once(']'))
        .and_then(|(ip, _)| ip.parse::<IpAddr>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        map
    }

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().unwrap(), 40000)
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        let h = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(
            client_address(peer("203.0.113.9"), &h, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_address(peer("203.0.113.9"), &h, &[]),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let trusted = parse_trusted("10.0.0.0/8, 192.168.1.5").unwrap();
        // The client forged the first entry; the portal's proxy appended the real one.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 192.168.1.5")]);
        assert_eq!(
            client_address(peer("10.1.2.3"), &h, &trusted),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_its_forms_are_read() {
        let trusted = parse_trusted("10.0.0.1").unwrap();
        let h = headers(&[
            (
                "forwarded",
                r#"for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.1"#,
            ),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        assert_eq!(
            client_address(peer("10.0.0.1"), &h, &trusted),
            "2001:db8:cafe::17".parse::<IpAddr>().unwrap()
        );
        let h = headers(&[("forwarded", "for=192.0.2.60:1234;by=203.0.113.43")]);
        assert_eq!(
            client_address(peer("10.0.0.1"), &h, &trusted),
            "192.0.2.60".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn an_unknown_hop_stops_the_walk_at_the_last_known_address() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        let h = headers(&[("forwarded", "for=unknown, for=10.0.0.7")]);
        assert_eq!(
            client_address(peer("10.0.0.1"), &h, &trusted),
            "10.0.0.7".parse::<IpAddr>().unwrap()
        );
        let none = headers(&[]);
        assert_eq!(
            client_address(peer("10.0.0.1"), &none, &trusted),
            "10.0.0.1".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn bad_entries_in_the_setting_are_named() {
        assert!(
            parse_trusted("10.0.0.0/8,nonsense")
                .unwrap_err()
                .contains("nonsense")
        );
        assert_eq!(parse_trusted("").unwrap(), vec![]);
    }
}
