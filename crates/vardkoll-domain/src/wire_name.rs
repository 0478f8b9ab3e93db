//! Reading a unit enum by its wire name (`"under_review"`). serde's derive
//! builds a visitor for every enum (over 1 KB of WebAssembly each, and a page
//! reads a dozen); this reads the name as one string, in code every enum
//! shares, and looks it up in the enum's own list. Writing stays serde's derive
//! (`rename_all`); each enum's tests check that both agree on every variant.

use serde::Deserializer;
use serde::de::{Deserialize, Error, Unexpected};

/// The variant of `all` whose wire name (`name_of`) was read, else `fallback`,
/// else an error.
pub(crate) fn read<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    all: &[T],
    name_of: fn(T) -> &'static str,
    fallback: Option<T>,
) -> Result<T, D::Error> {
    let name = String::deserialize(deserializer)?;
    all.iter()
        .copied()
        .find(|variant| name_of(*variant) == name)
        .or(fallback)
        .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&name), &"a known name"))
}

/// For a unit enum whose serde names are given here: `VARIANTS`,
/// `wire_name()` and reading by [`read`] (writing stays serde's derive).
/// `read_by_wire_name!(E, all = E::ALL { ... })` reuses a list the enum has.
macro_rules! read_by_wire_name {
    ($enum:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $enum {
            /// Every variant.
            pub(crate) const VARIANTS: &'static [$enum] = &[$($enum::$variant),+];
        }
        crate::wire_name::read_by_wire_name!(@names $enum { $($variant => $name),+ });
    };
    ($enum:ident, all = $all:path { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $enum {
            /// Every variant.
            pub(crate) const VARIANTS: &'static [$enum] = &$all;
        }
        crate::wire_name::read_by_wire_name!(@names $enum { $($variant => $name),+ });
    };
    (@names $enum:ident { $($variant:ident => $name:literal),+ }) => {
        impl $enum {
            /// The name on the wire and in storage.
            pub const fn wire_name(self) -> &'static str {
                match self {
                    $($enum::$variant => $name),+
                }
            }
        }

        crate::wire_name::deserialize_by_name!($enum, all = $enum::VARIANTS, name = $enum::wire_name);
    };
}
pub(crate) use read_by_wire_name;

/// serde's `Deserialize` for a unit enum that has its list (`all`) and its
/// wire names (`name`) already, through [`read`]; `unknown` names the variant
/// an unknown name reads as (else it is an error).
macro_rules! deserialize_by_name {
    ($enum:ident, all = $all:path, name = $name_of:path $(, unknown = $fallback:path)?) => {
        impl<'de> serde::Deserialize<'de> for $enum {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::wire_name::read(deserializer, &$all, $name_of, None $(.or(Some($fallback)))?)
            }
        }
    };
}
pub(crate) use deserialize_by_name;

/// For tests: every variant of `all` is written as its wire name and read
/// back as itself, and an unknown name or a number is not read as any of them.
#[cfg(test)]
pub(crate) fn check_round_trip<T>(all: &[T], name_of: fn(T) -> &'static str)
where
    T: Copy + std::fmt::Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
{
    for &variant in all {
        let text = serde_json::to_string(&variant).unwrap();
        assert_eq!(text, format!("\"{}\"", name_of(variant)), "{variant:?}");
        assert_eq!(serde_json::from_str::<T>(&text).unwrap(), variant);
    }
    assert!(serde_json::from_str::<T>("\"no_such_name\"").is_err());
    assert!(serde_json::from_str::<T>("0").is_err());
    assert!(serde_json::from_str::<T>("null").is_err());
}
