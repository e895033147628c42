//! Closed vocabularies (enums) with their canonical snake_case names and Vietnamese labels.

/// Declares an enum whose serde name is the canonical field value users and scripts rely on.
///
/// `default V` makes one of its values the default. `empty V` instead adds a last variant
/// meaning "not chosen", named `""` in JSON, that is no value of the vocabulary (not
/// offered, not labelled, left out on export): a field left empty stores no choice and
/// history records none. Last, so the stored variant numbers of the others never move.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident default $default:ident { $($variant:ident = $text:literal : $vi:literal,)+ }) => {
        vocab!(@enum [$(#[$meta])*] $name { $($variant = $text : $vi,)+ } []);
        impl Default for $name {
            fn default() -> Self {
                Self::$default
            }
        }
    };
    ($(#[$meta:meta])* $name:ident empty $empty:ident { $($variant:ident = $text:literal : $vi:literal,)+ }) => {
        vocab!(@enum [$(#[$meta])*] $name { $($variant = $text : $vi,)+ } [$empty]);
        impl Default for $name {
            fn default() -> Self {
                Self::$empty
            }
        }
    };
    (@enum [$(#[$meta:meta])*] $name:ident { $($variant:ident = $text:literal : $vi:literal,)+ } [$($empty:ident)?]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
            $(
                /// Not chosen.
                #[serde(rename = "")]
                $empty,
            )?
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
                    $($name::$empty => "",)?
                }
            }

            pub fn label_vi(self) -> &'static str {
                match self {
                    $($name::$variant => $vi,)+
                    $($name::$empty => "",)?
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    $("" => Some($name::$empty),)?
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use vocab;
