//! ISO 3166-1 alpha-2 country codes with Vietnamese and English short names.
//!
//! The table holds all 249 officially assigned codes, sorted by code, so lookups are a
//! binary search. Vietnamese names follow the forms used by the Ministry of Foreign
//! Affairs and common usage ("Hàn Quốc", "Xinh-ga-po", "Đài Loan (Trung Quốc)"); a few
//! small territories with no settled Vietnamese form keep their English/local name.

use serde::Serialize;

/// One country or territory of ISO 3166-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Country {
    /// Upper-case ISO 3166-1 alpha-2 code, e.g. "KR".
    pub code: &'static str,
    /// Vietnamese name, e.g. "Hàn Quốc".
    pub name_vi: &'static str,
    /// English short name, e.g. "Korea, Republic of".
    pub name_en: &'static str,
}

const fn c(code: &'static str, name_vi: &'static str, name_en: &'static str) -> Country {
    Country {
        code,
        name_vi,
        name_en,
    }
}

/// All officially assigned ISO 3166-1 alpha-2 codes, sorted by code.
#[rustfmt::skip]
static COUNTRIES: &[Country] = &[
    c("AD", "An-đô-ra", "Andorra"),
    c("AE", "Các Tiểu vương quốc Ả-rập Thống nhất", "United Arab Emirates"),
    c("AF", "Áp-ga-ni-xtan", "Afghanistan"),
    c("AG", "An-ti-goa và Bác-bu-đa", "Antigua and Barbuda"),
    c("AI", "An-gui-la", "Anguilla"),
    c("AL", "An-ba-ni", "Albania"),
    c("AM", "Ác-mê-ni-a", "Armenia"),
    c("AO", "Ăng-gô-la", "Angola"),
    c("AQ", "Châu Nam Cực", "Antarctica"),
    c("AR", "Ác-hen-ti-na", "Argentina"),
    c("AS", "Xa-moa thuộc Mỹ", "American Samoa"),
    c("AT", "Áo", "Austria"),
    c("AU", "Úc", "Australia"),
    c("AW", "A-ru-ba", "Aruba"),
    c("AX", "Quần đảo Åland", "Åland Islands"),
    c("AZ", "A-déc-bai-gian", "Azerbaijan"),
    c("BA", "Bô-xni-a và Héc-dê-gô-vi-na", "Bosnia and Herzegovina"),
    c("BB", "Bác-ba-đốt", "Barbados"),
    c("BD", "Băng-la-đét", "Bangladesh"),
    c("BE", "Bỉ", "Belgium"),
    c("BF", "Buốc-ki-na Pha-xô", "Burkina Faso"),
    c("BG", "Bun-ga-ri", "Bulgaria"),
    c("BH", "Ba-ranh", "Bahrain"),
    c("BI", "Bu-run-đi", "Burundi"),
    c("BJ", "Bê-nanh", "Benin"),
    c("BL", "Xanh Ba-tê-lê-mi", "Saint Barthélemy"),
    c("BM", "Béc-mu-đa", "Bermuda"),
    c("BN", "Bru-nây", "Brunei Darussalam"),
    c("BO", "Bô-li-vi-a", "Bolivia"),
    c("BQ", "Bonaire, Sint Eustatius và Saba", "Bonaire, Sint Eustatius and Saba"),
    c("BR", "Bra-xin", "Brazil"),
    c("BS", "Ba-ha-ma", "Bahamas"),
    c("BT", "Bu-tan", "Bhutan"),
    c("BV", "Đảo Bouvet", "Bouvet Island"),
    c("BW", "Bốt-xoa-na", "Botswana"),
    c("BY", "Bê-la-rút", "Belarus"),
    c("BZ", "Bê-li-xê", "Belize"),
    c("CA", "Ca-na-đa", "Canada"),
    c("CC", "Quần đảo Cocos (Keeling)", "Cocos (Keeling) Islands"),
    c("CD", "Cộng hòa Dân chủ Công-gô", "Congo, Democratic Republic of the"),
    c("CF", "Cộng hòa Trung Phi", "Central African Republic"),
    c("CG", "Cộng hòa Công-gô", "Congo"),
    c("CH", "Thụy Sĩ", "Switzerland"),
    c("CI", "Cốt Đi-voa", "Côte d'Ivoire"),
    c("CK", "Quần đảo Cook", "Cook Islands"),
    c("CL", "Chi-lê", "Chile"),
    c("CM", "Ca-mơ-run", "Cameroon"),
    c("CN", "Trung Quốc", "China"),
    c("CO", "Cô-lôm-bi-a", "Colombia"),
    c("CR", "Cô-xta Ri-ca", "Costa Rica"),
    c("CU", "Cu-ba", "Cuba"),
    c("CV", "Cáp-ve", "Cabo Verde"),
    c("CW", "Curaçao", "Curaçao"),
    c("CX", "Đảo Christmas", "Christmas Island"),
    c("CY", "Síp", "Cyprus"),
    c("CZ", "Cộng hòa Séc", "Czechia"),
    c("DE", "Đức", "Germany"),
    c("DJ", "Gi-bu-ti", "Djibouti"),
    c("DK", "Đan Mạch", "Denmark"),
    c("DM", "Đô-mi-ni-ca", "Dominica"),
    c("DO", "Cộng hòa Đô-mi-ni-ca", "Dominican Republic"),
    c("DZ", "An-giê-ri", "Algeria"),
    c("EC", "Ê-cu-a-đo", "Ecuador"),
    c("EE", "E-xtô-ni-a", "Estonia"),
    c("EG", "Ai Cập", "Egypt"),
    c("EH", "Tây Xa-ha-ra", "Western Sahara"),
    c("ER", "Ê-ri-tơ-rê-a", "Eritrea"),
    c("ES", "Tây Ban Nha", "Spain"),
    c("ET", "Ê-ti-ô-pi-a", "Ethiopia"),
    c("FI", "Phần Lan", "Finland"),
    c("FJ", "Phi-gi", "Fiji"),
    c("FK", "Quần đảo Falkland (Malvinas)", "Falkland Islands (Malvinas)"),
    c("FM", "Mi-crô-nê-di-a", "Micronesia, Federated States of"),
    c("FO", "Quần đảo Faroe", "Faroe Islands"),
    c("FR", "Pháp", "France"),
    c("GA", "Ga-bông", "Gabon"),
    c("GB", "Anh", "United Kingdom"),
    c("GD", "Grê-na-đa", "Grenada"),
    c("GE", "Gru-di-a", "Georgia"),
    c("GF", "Guy-an thuộc Pháp", "French Guiana"),
    c("GG", "Guernsey", "Guernsey"),
    c("GH", "Ga-na", "Ghana"),
    c("GI", "Gibraltar", "Gibraltar"),
    c("GL", "Grơn-len", "Greenland"),
    c("GM", "Găm-bi-a", "Gambia"),
    c("GN", "Ghi-nê", "Guinea"),
    c("GP", "Guadeloupe", "Guadeloupe"),
    c("GQ", "Ghi-nê Xích đạo", "Equatorial Guinea"),
    c("GR", "Hy Lạp", "Greece"),
    c("GS", "Quần đảo Nam Georgia và Nam Sandwich", "South Georgia and the South Sandwich Islands"),
    c("GT", "Goa-tê-ma-la", "Guatemala"),
    c("GU", "Guam", "Guam"),
    c("GW", "Ghi-nê Bít-xao", "Guinea-Bissau"),
    c("GY", "Guy-a-na", "Guyana"),
    c("HK", "Hồng Kông (Trung Quốc)", "Hong Kong"),
    c("HM", "Quần đảo Heard và McDonald", "Heard Island and McDonald Islands"),
    c("HN", "Hôn-đu-rát", "Honduras"),
    c("HR", "Crô-a-ti-a", "Croatia"),
    c("HT", "Ha-i-ti", "Haiti"),
    c("HU", "Hung-ga-ri", "Hungary"),
    c("ID", "In-đô-nê-xi-a", "Indonesia"),
    c("IE", "Ai-len", "Ireland"),
    c("IL", "Ixraen", "Israel"),
    c("IM", "Đảo Man", "Isle of Man"),
    c("IN", "Ấn Độ", "India"),
    c("IO", "Lãnh thổ Ấn Độ Dương thuộc Anh", "British Indian Ocean Territory"),
    c("IQ", "I-rắc", "Iraq"),
    c("IR", "I-ran", "Iran"),
    c("IS", "Ai-xơ-len", "Iceland"),
    c("IT", "Ý", "Italy"),
    c("JE", "Jersey", "Jersey"),
    c("JM", "Gia-mai-ca", "Jamaica"),
    c("JO", "Gioóc-đa-ni", "Jordan"),
    c("JP", "Nhật Bản", "Japan"),
    c("KE", "Kê-ni-a", "Kenya"),
    c("KG", "Cư-rơ-gư-xtan", "Kyrgyzstan"),
    c("KH", "Campuchia", "Cambodia"),
    c("KI", "Ki-ri-ba-ti", "Kiribati"),
    c("KM", "Cô-mo", "Comoros"),
    c("KN", "Xanh Kít và Nê-vít", "Saint Kitts and Nevis"),
    c("KP", "Triều Tiên", "Korea, Democratic People's Republic of"),
    c("KR", "Hàn Quốc", "Korea, Republic of"),
    c("KW", "Cô-oét", "Kuwait"),
    c("KY", "Quần đảo Cayman", "Cayman Islands"),
    c("KZ", "Ca-dắc-xtan", "Kazakhstan"),
    c("LA", "Lào", "Lao People's Democratic Republic"),
    c("LB", "Li-băng", "Lebanon"),
    c("LC", "Xanh Lu-xi-a", "Saint Lucia"),
    c("LI", "Lích-ten-xtên", "Liechtenstein"),
    c("LK", "Xri Lan-ca", "Sri Lanka"),
    c("LR", "Li-bê-ri-a", "Liberia"),
    c("LS", "Lê-xô-thô", "Lesotho"),
    c("LT", "Lít-va", "Lithuania"),
    c("LU", "Lúc-xăm-bua", "Luxembourg"),
    c("LV", "Lát-vi-a", "Latvia"),
    c("LY", "Li-bi", "Libya"),
    c("MA", "Ma-rốc", "Morocco"),
    c("MC", "Mô-na-cô", "Monaco"),
    c("MD", "Môn-đô-va", "Moldova"),
    c("ME", "Môn-tê-nê-grô", "Montenegro"),
    c("MF", "Xanh Mác-tanh (phần thuộc Pháp)", "Saint Martin (French part)"),
    c("MG", "Ma-đa-gát-xca", "Madagascar"),
    c("MH", "Quần đảo Mác-san", "Marshall Islands"),
    c("MK", "Bắc Ma-xê-đô-ni-a", "North Macedonia"),
    c("ML", "Ma-li", "Mali"),
    c("MM", "Mi-an-ma", "Myanmar"),
    c("MN", "Mông Cổ", "Mongolia"),
    c("MO", "Ma Cao (Trung Quốc)", "Macao"),
    c("MP", "Quần đảo Bắc Mariana", "Northern Mariana Islands"),
    c("MQ", "Martinique", "Martinique"),
    c("MR", "Mô-ri-ta-ni", "Mauritania"),
    c("MS", "Montserrat", "Montserrat"),
    c("MT", "Man-ta", "Malta"),
    c("MU", "Mô-ri-xơ", "Mauritius"),
    c("MV", "Man-đi-vơ", "Maldives"),
    c("MW", "Ma-la-uy", "Malawi"),
    c("MX", "Mê-hi-cô", "Mexico"),
    c("MY", "Ma-lai-xi-a", "Malaysia"),
    c("MZ", "Mô-dăm-bích", "Mozambique"),
    c("NA", "Na-mi-bi-a", "Namibia"),
    c("NC", "Niu Ca-lê-đô-ni-a", "New Caledonia"),
    c("NE", "Ni-giê", "Niger"),
    c("NF", "Đảo Norfolk", "Norfolk Island"),
    c("NG", "Ni-giê-ri-a", "Nigeria"),
    c("NI", "Ni-ca-ra-goa", "Nicaragua"),
    c("NL", "Hà Lan", "Netherlands"),
    c("NO", "Na Uy", "Norway"),
    c("NP", "Nê-pan", "Nepal"),
    c("NR", "Nau-ru", "Nauru"),
    c("NU", "Niu-ê", "Niue"),
    c("NZ", "Niu Di-lân", "New Zealand"),
    c("OM", "Ô-man", "Oman"),
    c("PA", "Pa-na-ma", "Panama"),
    c("PE", "Pê-ru", "Peru"),
    c("PF", "Pô-li-nê-di thuộc Pháp", "French Polynesia"),
    c("PG", "Pa-pua Niu Ghi-nê", "Papua New Guinea"),
    c("PH", "Phi-líp-pin", "Philippines"),
    c("PK", "Pa-ki-xtan", "Pakistan"),
    c("PL", "Ba Lan", "Poland"),
    c("PM", "Xanh Pi-e và Mi-kê-lông", "Saint Pierre and Miquelon"),
    c("PN", "Quần đảo Pitcairn", "Pitcairn"),
    c("PR", "Pu-éc-tô Ri-cô", "Puerto Rico"),
    c("PS", "Pa-le-xtin", "Palestine, State of"),
    c("PT", "Bồ Đào Nha", "Portugal"),
    c("PW", "Pa-lau", "Palau"),
    c("PY", "Pa-ra-goay", "Paraguay"),
    c("QA", "Ca-ta", "Qatar"),
    c("RE", "Rê-uy-ni-ông", "Réunion"),
    c("RO", "Ru-ma-ni", "Romania"),
    c("RS", "Xéc-bi-a", "Serbia"),
    c("RU", "Nga", "Russian Federation"),
    c("RW", "Ru-an-đa", "Rwanda"),
    c("SA", "Ả-rập Xê-út", "Saudi Arabia"),
    c("SB", "Quần đảo Xô-lô-mông", "Solomon Islands"),
    c("SC", "Xây-sen", "Seychelles"),
    c("SD", "Xu-đăng", "Sudan"),
    c("SE", "Thụy Điển", "Sweden"),
    c("SG", "Xinh-ga-po", "Singapore"),
    c("SH", "Saint Helena, Ascension và Tristan da Cunha", "Saint Helena, Ascension and Tristan da Cunha"),
    c("SI", "Xlô-ven-ni-a", "Slovenia"),
    c("SJ", "Svalbard và Jan Mayen", "Svalbard and Jan Mayen"),
    c("SK", "Xlô-va-ki-a", "Slovakia"),
    c("SL", "Xi-ê-ra Lê-ôn", "Sierra Leone"),
    c("SM", "San Ma-ri-nô", "San Marino"),
    c("SN", "Xê-nê-gan", "Senegal"),
    c("SO", "Xô-ma-li", "Somalia"),
    c("SR", "Xu-ri-nam", "Suriname"),
    c("SS", "Nam Xu-đăng", "South Sudan"),
    c("ST", "Xao Tô-mê và Prin-xi-pê", "Sao Tome and Principe"),
    c("SV", "En Xan-va-đo", "El Salvador"),
    c("SX", "Sint Maarten (phần thuộc Hà Lan)", "Sint Maarten (Dutch part)"),
    c("SY", "Xi-ri", "Syrian Arab Republic"),
    c("SZ", "Ét-xoa-ti-ni", "Eswatini"),
    c("TC", "Quần đảo Turks và Caicos", "Turks and Caicos Islands"),
    c("TD", "Sát", "Chad"),
    c("TF", "Vùng đất phía Nam thuộc Pháp", "French Southern Territories"),
    c("TG", "Tô-gô", "Togo"),
    c("TH", "Thái Lan", "Thailand"),
    c("TJ", "Tát-gi-ki-xtan", "Tajikistan"),
    c("TK", "Tô-kê-lau", "Tokelau"),
    c("TL", "Đông Ti-mo", "Timor-Leste"),
    c("TM", "Tuốc-mê-ni-xtan", "Turkmenistan"),
    c("TN", "Tuy-ni-di", "Tunisia"),
    c("TO", "Tông-ga", "Tonga"),
    c("TR", "Thổ Nhĩ Kỳ", "Türkiye"),
    c("TT", "Tri-ni-đát và Tô-ba-gô", "Trinidad and Tobago"),
    c("TV", "Tu-va-lu", "Tuvalu"),
    c("TW", "Đài Loan (Trung Quốc)", "Taiwan"),
    c("TZ", "Tan-da-ni-a", "Tanzania, United Republic of"),
    c("UA", "U-crai-na", "Ukraine"),
    c("UG", "U-gan-đa", "Uganda"),
    c("UM", "Các đảo nhỏ xa xôi thuộc Hoa Kỳ", "United States Minor Outlying Islands"),
    c("US", "Hoa Kỳ", "United States of America"),
    c("UY", "U-ru-goay", "Uruguay"),
    c("UZ", "U-dơ-bê-ki-xtan", "Uzbekistan"),
    c("VA", "Tòa Thánh Va-ti-can", "Holy See"),
    c("VC", "Xanh Vin-xen và Grê-na-đin", "Saint Vincent and the Grenadines"),
    c("VE", "Vê-nê-xu-ê-la", "Venezuela"),
    c("VG", "Quần đảo Virgin thuộc Anh", "Virgin Islands (British)"),
    c("VI", "Quần đảo Virgin thuộc Hoa Kỳ", "Virgin Islands (U.S.)"),
    c("VN", "Việt Nam", "Viet Nam"),
    c("VU", "Va-nu-a-tu", "Vanuatu"),
    c("WF", "Wallis và Futuna", "Wallis and Futuna"),
    c("WS", "Xa-moa", "Samoa"),
    c("YE", "Y-ê-men", "Yemen"),
    c("YT", "Mayotte", "Mayotte"),
    c("ZA", "Nam Phi", "South Africa"),
    c("ZM", "Dăm-bi-a", "Zambia"),
    c("ZW", "Dim-ba-bu-ê", "Zimbabwe"),
];

/// Every country, sorted by code.
pub fn all() -> &'static [Country] {
    COUNTRIES
}

/// Looks a code up, ignoring ASCII case and surrounding whitespace ("kr", " KR ").
pub fn by_code(code: &str) -> Option<&'static Country> {
    let b = code.trim().as_bytes();
    if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
    COUNTRIES
        .binary_search_by(|c| c.code.as_bytes().cmp(&key[..]))
        .ok()
        .map(|i| &COUNTRIES[i])
}

/// Names people write that are not the list's own (keys: folded, letters only).
const NAME_ALIASES: &[(&str, &str)] = &[
    ("korea", "KR"),
    ("southkorea", "KR"),
    ("namtrieutien", "KR"),
    ("northkorea", "KP"),
    ("trieutien", "KP"),
    ("laos", "LA"),
    ("usa", "US"),
    ("unitedstates", "US"),
    ("my", "US"),
    ("uk", "GB"),
    ("britain", "GB"),
    ("vuonganh", "GB"),
    ("russia", "RU"),
    ("dailoan", "TW"),
    ("vietnam", "VN"),
    ("czechia", "CZ"),
    ("czechrepublic", "CZ"),
    ("sec", "CZ"),
];

/// The country a file names: its code in any case ("kr"), or its Vietnamese or English name
/// whatever the marks, case or spacing ("Hàn Quốc", "HAN QUOC", "Korea"). Exact only: a
/// guess would put a citizen in the wrong country.
pub fn by_name(text: &str) -> Option<&'static Country> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    fn key(s: &str) -> String {
        crate::text::fold::fold(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    }
    // Built once: an import asks for every row.
    static NAMES: OnceLock<HashMap<String, &'static Country>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut m = HashMap::new();
        for (alias, code) in NAME_ALIASES {
            if let Some(c) = by_code(code) {
                m.insert(alias.to_string(), c);
            }
        }
        for c in all() {
            // "Đài Loan (Trung Quốc)" is also written "Đài Loan".
            let bare = c.name_vi.split('(').next().unwrap_or(c.name_vi);
            m.insert(key(bare), c);
            m.insert(key(c.name_en), c);
            m.insert(key(c.name_vi), c);
        }
        m
    });
    let t = text.trim();
    if t.len() == 2
        && let Some(c) = by_code(t)
    {
        return Some(c);
    }
    names.get(&key(t)).copied()
}

/// True only for an exact, upper-case, assigned code ("KR" yes; "kr", "XX", "KOR" no).
pub fn is_valid(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) && by_code(code).is_some()
}

/// Vietnamese name for a code (case-insensitive), e.g. "JP" → "Nhật Bản".
pub fn name_vi(code: &str) -> Option<&'static str> {
    by_code(code).map(|c| c.name_vi)
}

/// English short name for a code (case-insensitive).
pub fn name_en(code: &str) -> Option<&'static str> {
    by_code(code).map(|c| c.name_en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn has_all_249_codes() {
        assert_eq!(all().len(), 249);
    }

    #[test]
    fn codes_sorted_unique_and_well_formed() {
        for c in all() {
            assert_eq!(c.code.len(), 2, "{}", c.code);
            assert!(c.code.bytes().all(|b| b.is_ascii_uppercase()), "{}", c.code);
            assert!(!c.name_vi.is_empty() && !c.name_en.is_empty(), "{}", c.code);
        }
        for w in all().windows(2) {
            assert!(w[0].code < w[1].code, "{} !< {}", w[0].code, w[1].code);
        }
    }

    #[test]
    fn names_are_nfc_and_clean() {
        for c in all() {
            for s in [c.name_vi, c.name_en] {
                assert_eq!(s.nfc().collect::<String>(), s, "{}", c.code);
                assert!(!s.chars().any(char::is_control), "{}", c.code);
                assert_eq!(s.trim(), s, "{}", c.code);
            }
        }
    }

    #[test]
    fn key_vietnamese_names() {
        assert_eq!(name_vi("KR"), Some("Hàn Quốc"));
        assert_eq!(name_vi("JP"), Some("Nhật Bản"));
        assert_eq!(name_vi("TW"), Some("Đài Loan (Trung Quốc)"));
        assert_eq!(name_vi("VN"), Some("Việt Nam"));
        assert_eq!(name_vi("US"), Some("Hoa Kỳ"));
        assert_eq!(name_vi("CZ"), Some("Cộng hòa Séc"));
        assert_eq!(name_vi("IL"), Some("Ixraen"));
        assert_eq!(name_en("DE"), Some("Germany"));
    }

    #[test]
    fn lookup_is_case_insensitive() {
        assert_eq!(by_code("kr").map(|c| c.code), Some("KR"));
        assert_eq!(by_code("Jp").map(|c| c.name_vi), Some("Nhật Bản"));
        assert_eq!(by_code(" vn ").map(|c| c.code), Some("VN"));
        assert_eq!(by_code("AD").map(|c| c.code), Some("AD"));
        assert_eq!(by_code("ZW").map(|c| c.code), Some("ZW"));
        assert!(by_code("").is_none());
        assert!(by_code("đk").is_none());
    }

    #[test]
    fn countries_by_name_in_either_language() {
        let code = |s: &str| by_name(s).map(|c| c.code);
        assert_eq!(code("Hàn Quốc"), Some("KR"));
        assert_eq!(code("HAN QUOC"), Some("KR"));
        assert_eq!(code("Korea"), Some("KR"));
        assert_eq!(code("kr"), Some("KR"));
        assert_eq!(code("Japan"), Some("JP"));
        assert_eq!(code("Đài Loan"), Some("TW"));
        assert_eq!(code("Hoa Kỳ"), Some("US"));
        assert_eq!(code("Xứ Sở Thần Tiên"), None);
    }

    #[test]
    fn validity() {
        assert!(is_valid("KR"));
        assert!(is_valid("VN"));
        assert!(!is_valid("kr"));
        assert!(!is_valid("XX"));
        assert!(!is_valid("KOR"));
        assert!(!is_valid("K"));
        assert!(!is_valid(""));
        assert!(!is_valid(" KR"));
        assert!(!is_valid("UK"));
    }

    #[test]
    fn every_code_round_trips() {
        for c in all() {
            assert!(is_valid(c.code));
            assert_eq!(by_code(&c.code.to_ascii_lowercase()), Some(c));
        }
    }
}
