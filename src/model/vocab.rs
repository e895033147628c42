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

/// A vocabulary whose default is "not chosen": an extra last variant, named `""` in JSON,
/// that is no value of the vocabulary (not offered, not labelled, left out on export), so a
/// field left empty stores no choice and history does not record one.
macro_rules! vocab_or_empty {
    ($(#[$meta:meta])* $name:ident empty $empty:ident { $($variant:ident = $text:literal : $vi:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant,)+
            /// Not chosen. Last, so the stored variant numbers of the others never move.
            #[serde(rename = "")]
            $empty,
        }

        impl Default for $name {
            fn default() -> Self {
                Self::$empty
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
                    $name::$empty => "",
                }
            }

            pub fn label_vi(self) -> &'static str {
                match self {
                    $($name::$variant => $vi,)+
                    $name::$empty => "",
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some($name::$variant),)+
                    "" => Some($name::$empty),
                    _ => None,
                }
            }

            pub fn is_chosen(self) -> bool {
                self != $name::$empty
            }
        }
    };
}

pub(crate) use vocab;
pub(crate) use vocab_or_empty;
