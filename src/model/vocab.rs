//! Closed vocabularies (enums) with their canonical snake_case names and Vietnamese labels.

/// Declares an enum whose serde name is the canonical field value users and scripts rely on.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident default $default:ident { $($variant:ident = $text:literal : $vi:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
        }

        impl Default for $name {
            fn default() -> Self {
                Self::$default
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub const NAMES: &'static [&'static str] = &[$($text,)+];
            /// Names and Vietnamese labels, for the kind's descriptor.
            pub const VOCAB: $crate::model::descriptor::Vocab = $crate::model::descriptor::Vocab {
                names: &[$($text,)+],
                vi: &[$($vi,)+],
            };

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn label_vi(self) -> &'static str {
                match self {
                    $($name::$variant => $vi,)+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use vocab;
