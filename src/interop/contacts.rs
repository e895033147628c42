//! vCards as records and back: a card is a citizen (FN or N as `full_name`, TEL as `phone`,
//! EMAIL as `email`, ADR as `address_abroad`, `city` and `country`, ORG as `association`,
//! NOTE as `notes`) or, asked for, a partner with the card as its contact. Photos are not
//! kept; the import says so.

use super::vcard::Card;
use crate::model::Kind;
use crate::model::{Record, RecordData};
use serde_json::{Map, Value, json};

fn country(text: &str) -> String {
    crate::model::country::by_name(text).map_or(text.trim().to_string(), |c| c.code.to_string())
}

/// The note of a card, and what it could not keep: second phones and mails, and the photo.
fn notes(card: &Card, vi: bool) -> String {
    let mut lines = Vec::new();
    if !card.note.is_empty() {
        lines.push(card.note.clone());
    }
    for p in card.phones.iter().skip(1) {
        lines.push(format!(
            "{}: {p}",
            if vi {
                "Điện thoại khác"
            } else {
                "Other phone"
            }
        ));
    }
    for e in card.emails.iter().skip(1) {
        lines.push(format!("Email: {e}"));
    }
    lines.join("\n")
}

/// A card as the JSON object of a record of `kind` (citizen or partner).
pub fn card_object(card: &Card, kind: Kind) -> Map<String, Value> {
    let phone = card.phones.first().cloned().unwrap_or_default();
    let email = card.emails.first().cloned().unwrap_or_default();
    let street = card.street.clone();
    let value = if kind == Kind::Partner {
        let name = if card.org.is_empty() {
            &card.full_name
        } else {
            &card.org
        };
        let address: Vec<&str> = [street.as_str(), card.city.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let address = address.join(", ");
        let mut contact = json!({"name": card.full_name, "title": card.title,
            "email": email, "phone": phone});
        if card.org.is_empty() {
            contact = Value::Null;
        }
        json!({"kind": "partner", "name": name, "country": country(&card.country),
            "address": address,
            "website": card.urls.first().cloned().unwrap_or_default(),
            "email": if contact.is_null() { email.clone() } else { String::new() },
            "phone": if contact.is_null() { phone.clone() } else { String::new() },
            "notes": notes(card, true),
            "contacts": if contact.is_null() { json!([]) } else { json!([contact]) }})
    } else {
        json!({"kind": "citizen", "full_name": card.full_name, "phone": phone, "email": email,
            "address_abroad": street, "city": card.city, "country": country(&card.country),
            "association": card.org, "notes": notes(card, true)})
    };
    match value {
        Value::Object(mut m) => {
            m.retain(|_, v| !crate::interop::jsonl::is_empty(v));
            m.insert("kind".into(), Value::String(kind.as_str().into()));
            m
        }
        _ => Map::new(),
    }
}

/// The cards of a record: a citizen is one; a partner is one per contact (ORG its name),
/// or one for itself when it has none. Other kinds have none.
pub fn record_cards(record: &Record) -> Vec<Card> {
    match &record.data {
        RecordData::Citizen(c) => vec![Card {
            full_name: c.full_name.clone(),
            org: c.association.clone(),
            phones: non_empty(&c.phone),
            emails: non_empty(&c.email),
            street: c.address_abroad.clone(),
            city: c.city.clone(),
            country: crate::model::country::name_en(&c.country)
                .unwrap_or(&c.country)
                .to_string(),
            note: c.notes.clone(),
            ..Default::default()
        }],
        RecordData::Partner(p) => {
            let base = Card {
                org: p.name.clone(),
                street: p.address.clone(),
                country: crate::model::country::name_en(&p.country)
                    .unwrap_or(&p.country)
                    .to_string(),
                urls: non_empty(&p.website),
                ..Default::default()
            };
            if p.contacts.is_empty() {
                return vec![Card {
                    full_name: p.name.clone(),
                    phones: non_empty(&p.phone),
                    emails: non_empty(&p.email),
                    note: p.notes.clone(),
                    ..base
                }];
            }
            p.contacts
                .iter()
                .map(|c| Card {
                    full_name: c.name.clone(),
                    title: c.title.clone(),
                    phones: non_empty(&c.phone),
                    emails: non_empty(&c.email),
                    note: c.notes.clone(),
                    ..base.clone()
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

fn non_empty(s: &str) -> Vec<String> {
    // A masked value is not a phone number.
    if s.trim().is_empty() || s == crate::model::citizen::MASK {
        Vec::new()
    } else {
        vec![s.trim().to_string()]
    }
}
