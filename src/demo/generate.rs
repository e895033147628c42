//! Builds partners, citizens and agreements from the name tables. Pure: no IO.

use super::names::{self, PartnerSeed};
use super::rng::{Rng, Weighted};
use crate::model::agreement::{AgreementField, AgreementLevel, AgreementStatus};
use crate::model::citizen::{Gender, Relative, ResidenceStatus};
use crate::model::fields::{Date, Partial};
use crate::model::partner::{Contact, PartnerStatus, PartnerType};
use crate::model::{Agreement, Citizen, Partner};
use crate::text::date::PartialDate;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub partners: u64,
    pub citizens: u64,
    pub agreements: u64,
    pub seed: u64,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            partners: 60,
            citizens: 2_000,
            agreements: 20,
            seed: 2016,
        }
    }
}

/// The international calling code of the countries the demo data uses.
fn calling_code(country: &str) -> u32 {
    match country {
        "US" | "CA" => 1,
        "RU" => 7,
        "FR" => 33,
        "HU" => 36,
        "IT" => 39,
        "RO" => 40,
        "GB" => 44,
        "SE" => 46,
        "PL" => 48,
        "DE" => 49,
        "MY" => 60,
        "AU" => 61,
        "NZ" => 64,
        "SG" => 65,
        "TH" => 66,
        "JP" => 81,
        "KR" => 82,
        "CN" => 86,
        "HK" => 852,
        "KH" => 855,
        "LA" => 856,
        "TW" => 886,
        "SA" => 966,
        "AE" => 971,
        "IL" => 972,
        "CZ" => 420,
        "SK" => 421,
        "NL" => 31,
        _ => 84,
    }
}

/// Draws records one at a time, so a million citizens never sit in memory at once.
pub struct DemoGenerator {
    pub(crate) rng: Rng,
    surnames: Weighted<'static, &'static str>,
    middle_male: Weighted<'static, &'static str>,
    middle_female: Weighted<'static, &'static str>,
    given_male: Weighted<'static, &'static str>,
    given_female: Weighted<'static, &'static str>,
    destinations: Vec<(&'static str, u32)>,
}

pub(crate) fn date(y: i64, m: i64, d: i64) -> Option<Date> {
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).map(Date)
}

impl DemoGenerator {
    pub fn new(seed: u64) -> DemoGenerator {
        DemoGenerator {
            rng: Rng::new(seed),
            surnames: Weighted::new(names::SURNAMES),
            middle_male: Weighted::new(names::MIDDLE_MALE),
            middle_female: Weighted::new(names::MIDDLE_FEMALE),
            given_male: Weighted::new(names::GIVEN_MALE),
            given_female: Weighted::new(names::GIVEN_FEMALE),
            destinations: names::DESTINATIONS
                .iter()
                .map(|(c, w, _)| (*c, *w))
                .collect(),
        }
    }

    pub(crate) fn some_date(&mut self, from: i64, to: i64) -> Option<Date> {
        let y = self.rng.range_inclusive(from, to);
        let m = self.rng.range_inclusive(1, 12);
        let d = self.rng.range_inclusive(1, 28);
        date(y, m, d)
    }

    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.below(10) as u8))
            .collect()
    }

    pub(crate) fn person_name(&mut self, female: bool) -> String {
        let family = *self.surnames.sample(&mut self.rng);
        let (middle, given) = if female {
            (
                *self.middle_female.sample(&mut self.rng),
                *self.given_female.sample(&mut self.rng),
            )
        } else {
            (
                *self.middle_male.sample(&mut self.rng),
                *self.given_male.sample(&mut self.rng),
            )
        };
        format!("{family} {middle} {given}")
    }

    fn vn_mobile(&mut self) -> String {
        let prefix = *self.rng.pick(&[
            "098", "097", "096", "086", "091", "094", "088", "083", "035", "038",
        ]);
        format!("{prefix} {} {}", self.digits(3), self.digits(4))
    }

    /// The `index`-th partner (0-based); beyond the seed list, numbered branches.
    pub fn partner(&mut self, index: u64) -> Partner {
        let seeds = names::PARTNERS;
        let seed: &PartnerSeed = &seeds[(index % seeds.len() as u64) as usize];
        let round = index / seeds.len() as u64;
        let suffix = if round == 0 {
            String::new()
        } else {
            format!(" (văn phòng {})", round + 1)
        };
        let contacts = (0..self.rng.range_inclusive(1, 3))
            .map(|_| self.contact(seed.country))
            .collect();
        Partner {
            name: format!("{}{suffix}", seed.name),
            name_original: seed.name_original.to_string(),
            abbreviation: seed.abbreviation.to_string(),
            partner_type: PartnerType::parse(seed.partner_type).unwrap_or_default(),
            country: seed.country.to_string(),
            address: String::new(),
            website: seed.website.to_string(),
            email: String::new(),
            phone: format!("+84 24 {} {}", self.digits(4), self.digits(4)),
            status: *self.rng.pick(&[
                PartnerStatus::Active,
                PartnerStatus::Active,
                PartnerStatus::Prospect,
                PartnerStatus::Dormant,
            ]),
            since: self.some_date(2005, 2024),
            tags: Vec::new(),
            notes: String::new(),
            contacts,
        }
    }

    fn contact(&mut self, country: &str) -> Contact {
        let name = match names::FOREIGN_GIVEN.iter().find(|(c, _)| *c == country) {
            Some((_, people)) => self.rng.pick(people).to_string(),
            None => {
                let female = self.rng.chance(0.5);
                self.person_name(female)
            }
        };
        let login: String = crate::text::fold::fold(&name)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        Contact {
            email: format!("{login}@example.org"),
            title: self.rng.pick(names::CONTACT_TITLES).to_string(),
            phone: format!("+{} {}", calling_code(country), self.digits(9)),
            language: String::new(),
            notes: String::new(),
            name,
        }
    }

    pub fn citizen(&mut self) -> Citizen {
        let female = self.rng.chance(0.52);
        let full_name = self.person_name(female);
        let dest_index = Weighted::new(&self.destinations).sample_index(&mut self.rng);
        let (country, _, cities) = names::DESTINATIONS[dest_index];
        let year = self.rng.range_inclusive(1958, 2006);
        let birth_date = if self.rng.chance(0.7) {
            self.some_date(year, year)
                .map(|d| Partial(PartialDate::Full(d.0)))
        } else {
            Some(Partial(PartialDate::Year(year as i32)))
        };
        let labour = matches!(country, "KR" | "JP" | "TW");
        let residence_status = match (labour, self.rng.below(10)) {
            (true, 0..=4) => ResidenceStatus::Worker,
            (true, 5..=7) => ResidenceStatus::Trainee,
            (_, 8) => ResidenceStatus::Student,
            (false, 0..=3) => ResidenceStatus::PermanentResident,
            (false, 4..=5) => ResidenceStatus::Citizen,
            _ => ResidenceStatus::Other,
        };
        let relatives = (0..self.rng.below(3))
            .map(|_| Relative {
                name: {
                    let f = self.rng.chance(0.5);
                    self.person_name(f)
                },
                relationship: self.rng.pick(names::RELATIONSHIPS).to_string(),
                phone: self.vn_mobile(),
                address: self.rng.pick(names::COMMUNES).to_string(),
            })
            .collect();
        Citizen {
            gender: if female { Gender::Female } else { Gender::Male },
            birth_date,
            hometown: self.rng.pick(names::COMMUNES).to_string(),
            country: country.to_string(),
            city: self.rng.pick(cities).to_string(),
            address_abroad: String::new(),
            residence_status,
            occupation: self.rng.pick(names::OCCUPATIONS).to_string(),
            workplace: String::new(),
            phone: format!("+{} {}", calling_code(country), self.digits(9)),
            email: if self.rng.chance(0.3) {
                format!("cd{}@example.org", self.digits(8))
            } else {
                String::new()
            },
            social: if self.rng.chance(0.5) {
                format!("Zalo {}", self.vn_mobile())
            } else {
                String::new()
            },
            passport_no: format!("C{}", self.digits(7)),
            id_no: format!("024{}", self.digits(9)),
            association: if self.rng.chance(0.3) {
                self.rng.pick(names::ASSOCIATIONS).to_string()
            } else {
                String::new()
            },
            relatives,
            source: self.rng.pick(names::SOURCES).to_string(),
            consent: self.rng.chance(0.6),
            tags: Vec::new(),
            notes: String::new(),
            full_name,
        }
    }

    /// An agreement with one of the partners whose codes and names are given.
    pub fn agreement(&mut self, partners: &[(String, String)]) -> Agreement {
        let partner = if partners.is_empty() {
            None
        } else {
            Some(self.rng.pick(partners))
        };
        let partner_name = partner.map_or("đối tác nước ngoài", |(_, name)| name.as_str());
        let title = self
            .rng
            .pick(names::AGREEMENT_TITLES)
            .replace("{partner}", partner_name);
        let signed_on = self.some_date(2016, 2025);
        let year = signed_on.map_or(2020, |d| chrono::Datelike::year(&d.0));
        let expires_on =
            signed_on.and_then(|d| date(chrono::Datelike::year(&d.0) as i64 + 5, 12, 31));
        let status = if year < 2021 {
            AgreementStatus::Expired
        } else {
            *self.rng.pick(&[
                AgreementStatus::InForce,
                AgreementStatus::Signed,
                AgreementStatus::InForce,
            ])
        };
        Agreement {
            title,
            number: format!("{:02}/{year}/TTQT-UBND", self.rng.range_inclusive(1, 40)),
            level: *self.rng.pick(AgreementLevel::ALL),
            vn_party: self.rng.pick(names::VN_PARTIES).to_string(),
            partners: partner
                .map(|(code, _)| vec![code.clone()])
                .unwrap_or_default(),
            field: *self.rng.pick(AgreementField::ALL),
            signed_on,
            signed_at: "Bắc Giang".to_string(),
            effective_on: signed_on,
            expires_on,
            status,
            mofa_opinion: format!(
                "Công văn số {}/BNG-LPQT ngày {}",
                self.rng.range_inclusive(100, 4999),
                signed_on.map_or(String::new(), |d| d.to_string())
            ),
            // Reported to MOFA within days of signing, except the most recent.
            reported_on: signed_on
                .map(|d| Date(d.0 + chrono::Duration::days(10)))
                .filter(|d| d.0 < chrono::Local::now().date_naive() - chrono::Duration::days(30)),
            implementing_agency: "Sở Ngoại vụ".to_string(),
            tags: Vec::new(),
            notes: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_carry_the_calling_code_of_the_country() {
        let mut g = DemoGenerator::new(3);
        for _ in 0..200 {
            let c = g.citizen();
            assert!(
                c.phone
                    .starts_with(&format!("+{} ", calling_code(&c.country))),
                "{} {}",
                c.country,
                c.phone
            );
        }
        let p = g.partner(1);
        for contact in &p.contacts {
            assert!(
                contact
                    .phone
                    .starts_with(&format!("+{} ", calling_code(&p.country)))
            );
        }
        assert_eq!(calling_code("KR"), 82);
    }

    #[test]
    fn the_same_seed_gives_the_same_records() {
        let (mut a, mut b) = (DemoGenerator::new(8), DemoGenerator::new(8));
        for _ in 0..50 {
            assert_eq!(a.citizen(), b.citizen());
        }
        assert_eq!(a.partner(3), b.partner(3));
    }
}
