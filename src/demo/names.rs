//! Static data the demo generator samples from: Vietnamese names with realistic
//! frequencies, where Bắc Giang people live abroad, hometowns in the province (after the
//! 2025 merger, tỉnh Bắc Ninh), and the department's foreign partners. All strings NFC.
//!
//! Weighted lists are `(value, weight)` with integer weights > 0; feed them to
//! `Rng::pick_weighted` or `rng::Weighted`. Surname weights are per mille.

/// Vietnamese family names, weight ≈ per-mille frequency (northern distribution: Hoàng
/// is far more common than Huỳnh; Thân and Giáp are typical of Bắc Giang).
#[rustfmt::skip]
pub static SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 41), ("Huỳnh", 10),
    ("Phan", 45), ("Vũ", 30), ("Võ", 9), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đào", 5), ("Đinh", 5), ("Trịnh", 4), ("Mai", 3),
    ("Cao", 3), ("Lương", 3), ("Lưu", 2), ("Tạ", 2), ("Hà", 4), ("Vương", 2), ("Thân", 8),
    ("Giáp", 4), ("Nông", 3), ("Lâm", 2), ("Đoàn", 3), ("Chu", 2), ("Nghiêm", 1), ("Kiều", 1),
    ("Triệu", 2), ("Tô", 1), ("La", 1), ("Khổng", 1), ("Ninh", 1), ("Lã", 1), ("Thái", 1),
    ("Quách", 1), ("Doãn", 1), ("Tăng", 1),
];

/// Middle names for men ("Văn" dominant).
#[rustfmt::skip]
pub static MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 450), ("Đức", 80), ("Minh", 70), ("Quang", 50), ("Hữu", 45), ("Xuân", 35),
    ("Công", 35), ("Đình", 35), ("Thanh", 30), ("Ngọc", 25), ("Quốc", 20), ("Tiến", 15),
    ("Mạnh", 15), ("Thế", 15), ("Duy", 15), ("Trọng", 15), ("Trung", 10), ("Việt", 10),
    ("Hoàng", 10), ("Anh", 10), ("Bá", 10), ("Khắc", 10), ("Hồng", 8), ("Gia", 8), ("Tuấn", 6),
];

/// Middle names for women ("Thị" dominant).
#[rustfmt::skip]
pub static MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 600), ("Thu", 40), ("Ngọc", 40), ("Thanh", 35), ("Hồng", 30), ("Minh", 25),
    ("Phương", 20), ("Kim", 20), ("Mai", 15), ("Thúy", 15), ("Thùy", 15), ("Lan", 10),
    ("Diệu", 10), ("Bích", 10), ("Hải", 10), ("Khánh", 10), ("Bảo", 10), ("Xuân", 10),
    ("Quỳnh", 8), ("Hoài", 8), ("Vân", 8), ("Thảo", 6), ("Hà", 6),
];

/// Given names for men.
#[rustfmt::skip]
pub static GIVEN_MALE: &[(&str, u32)] = &[
    ("An", 12), ("Anh", 30), ("Bảo", 8), ("Bình", 15), ("Cường", 20), ("Chiến", 12),
    ("Công", 10), ("Dũng", 30), ("Duy", 12), ("Dương", 10), ("Đạt", 20), ("Đức", 25),
    ("Định", 8), ("Đông", 8), ("Giang", 10), ("Hà", 6), ("Hải", 25), ("Hậu", 8), ("Hiếu", 18),
    ("Hiệp", 10), ("Hòa", 12), ("Hoàng", 15), ("Hoan", 6), ("Huấn", 6), ("Huy", 22),
    ("Hùng", 25), ("Hưng", 18), ("Khánh", 12), ("Khoa", 8), ("Khôi", 8), ("Kiên", 12),
    ("Lâm", 10), ("Linh", 8), ("Long", 25), ("Lợi", 8), ("Luân", 6), ("Lực", 6), ("Mạnh", 20),
    ("Minh", 30), ("Nam", 28), ("Nghĩa", 15), ("Nhật", 8), ("Phong", 15), ("Phúc", 12),
    ("Phương", 8), ("Quân", 18), ("Quang", 15), ("Quý", 8), ("Sơn", 25), ("Tài", 10),
    ("Tâm", 10), ("Tân", 8), ("Thái", 10), ("Thành", 22), ("Thắng", 22), ("Thanh", 12),
    ("Thịnh", 12), ("Thuận", 8), ("Toàn", 15), ("Trung", 20), ("Trường", 15), ("Tú", 10),
    ("Tuấn", 30), ("Tùng", 18), ("Việt", 15), ("Vinh", 15), ("Vũ", 10), ("Hiển", 6),
];

/// Given names for women.
#[rustfmt::skip]
pub static GIVEN_FEMALE: &[(&str, u32)] = &[
    ("An", 8), ("Anh", 25), ("Ánh", 15), ("Bích", 8), ("Châm", 6), ("Chi", 15), ("Diệp", 5),
    ("Dung", 20), ("Duyên", 15), ("Giang", 15), ("Hà", 25), ("Hạnh", 20), ("Hằng", 25),
    ("Hậu", 8), ("Hiền", 20), ("Hoa", 25), ("Hoài", 8), ("Hồng", 18), ("Huệ", 15),
    ("Hương", 30), ("Hường", 12), ("Huyền", 25), ("Khánh", 8), ("Lan", 25), ("Lành", 5),
    ("Lệ", 6), ("Liên", 15), ("Liễu", 6), ("Linh", 30), ("Loan", 15), ("Lụa", 6), ("Ly", 10),
    ("Mai", 25), ("Mận", 4), ("Mến", 5), ("My", 10), ("Nga", 20), ("Ngân", 15), ("Ngọc", 20),
    ("Nguyệt", 12), ("Nhàn", 10), ("Nhi", 10), ("Nhung", 20), ("Oanh", 15), ("Phương", 25),
    ("Phượng", 12), ("Quyên", 10), ("Quỳnh", 18), ("Tâm", 10), ("Thảo", 28), ("Thanh", 15),
    ("Thắm", 8), ("Thơm", 6), ("Thu", 15), ("Thủy", 25), ("Thúy", 15), ("Thư", 12),
    ("Thương", 15), ("Trang", 30), ("Trâm", 8), ("Tuyết", 10), ("Uyên", 10), ("Vân", 18),
    ("Vy", 10), ("Xuân", 10), ("Yến", 20),
];

/// Where the province's people live abroad: (ISO code, weight, cities). Labour migration
/// from Bắc Giang goes mostly to Korea, Japan and Taiwan.
#[rustfmt::skip]
pub static DESTINATIONS: &[(&str, u32, &[&str])] = &[
    ("KR", 300, &[
        "Seoul", "Busan", "Incheon", "Ansan", "Suwon", "Daegu", "Gwangju", "Changwon",
        "Gimhae", "Hwaseong", "Cheonan", "Daejeon", "Ulsan", "Pyeongtaek", "Gumi", "Anyang",
        "Pohang", "Siheung",
    ]),
    ("JP", 240, &[
        "Tokyo", "Osaka", "Nagoya", "Saitama", "Aichi", "Fukuoka", "Hiroshima", "Yokohama",
        "Chiba", "Ibaraki", "Gunma", "Shizuoka", "Kobe", "Kyoto", "Gifu", "Okayama",
    ]),
    ("TW", 170, &[
        "Taipei", "New Taipei", "Taichung", "Kaohsiung", "Taoyuan", "Tainan", "Hsinchu",
        "Changhua", "Chiayi", "Keelung", "Miaoli",
    ]),
    ("US", 30, &[
        "Los Angeles", "San Jose", "Houston", "Dallas", "Seattle", "New York", "Boston",
        "Philadelphia", "Atlanta", "Chicago", "Washington, D.C.",
    ]),
    ("DE", 22, &["Berlin", "Leipzig", "Hamburg", "Frankfurt am Main", "München", "Dresden", "Köln"]),
    ("CZ", 14, &["Praha", "Brno", "Ostrava", "Cheb", "Plzeň", "Karlovy Vary"]),
    ("PL", 8, &["Warszawa", "Kraków", "Wrocław", "Gdańsk", "Poznań"]),
    ("AU", 18, &["Sydney", "Melbourne", "Brisbane", "Adelaide", "Perth"]),
    ("RU", 14, &["Moskva", "Sankt-Peterburg", "Kazan", "Vladivostok", "Novosibirsk"]),
    ("CN", 20, &["Bắc Kinh", "Thượng Hải", "Quảng Châu", "Thâm Quyến", "Nam Ninh", "Thái Châu", "Côn Minh"]),
    ("MY", 12, &["Kuala Lumpur", "Penang", "Johor Bahru", "Selangor", "Malacca"]),
    ("SG", 7, &["Singapore"]),
    ("GB", 9, &["London", "Birmingham", "Manchester", "Leeds"]),
    ("FR", 7, &["Paris", "Lyon", "Marseille", "Toulouse", "Montpellier"]),
    ("CA", 8, &["Toronto", "Montréal", "Vancouver", "Calgary", "Ottawa"]),
    ("IL", 8, &["Tel Aviv", "Jerusalem", "Haifa", "Be'er Sheva", "Arava"]),
    ("LA", 6, &["Viêng Chăn", "Luông Pha Bang", "Savannakhet", "Pakse"]),
    ("SA", 5, &["Riyadh", "Jeddah", "Dammam"]),
    ("AE", 5, &["Dubai", "Abu Dhabi", "Sharjah"]),
    ("RO", 4, &["Bucharest", "Cluj-Napoca", "Timișoara"]),
    ("HU", 4, &["Budapest", "Debrecen", "Győr"]),
    ("TH", 4, &["Bangkok", "Udon Thani", "Nakhon Phanom"]),
    ("SK", 2, &["Bratislava", "Košice"]),
    ("IT", 2, &["Roma", "Milano", "Napoli"]),
    ("KH", 2, &["Phnôm Pênh", "Siem Reap"]),
    ("NZ", 2, &["Auckland", "Wellington"]),
    ("HK", 2, &["Hồng Kông"]),
    ("SE", 1, &["Stockholm"]),
    ("NL", 1, &["Amsterdam", "Rotterdam"]),
];

/// Hometowns: communes and wards of the former Bắc Giang province, now in tỉnh Bắc Ninh.
#[rustfmt::skip]
pub static COMMUNES: &[&str] = &[
    "phường Bắc Giang, tỉnh Bắc Ninh", "phường Đa Mai, tỉnh Bắc Ninh",
    "phường Tiền Phong, tỉnh Bắc Ninh", "phường Tân An, tỉnh Bắc Ninh",
    "phường Yên Dũng, tỉnh Bắc Ninh", "phường Tân Tiến, tỉnh Bắc Ninh",
    "phường Cảnh Thụy, tỉnh Bắc Ninh", "phường Chũ, tỉnh Bắc Ninh",
    "phường Phượng Sơn, tỉnh Bắc Ninh", "phường Việt Yên, tỉnh Bắc Ninh",
    "phường Nếnh, tỉnh Bắc Ninh", "phường Vân Hà, tỉnh Bắc Ninh",
    "phường Tự Lạn, tỉnh Bắc Ninh", "xã Tân Yên, tỉnh Bắc Ninh",
    "xã Ngọc Thiện, tỉnh Bắc Ninh", "xã Nhã Nam, tỉnh Bắc Ninh",
    "xã Phúc Hòa, tỉnh Bắc Ninh", "xã Quang Trung, tỉnh Bắc Ninh",
    "xã Hợp Thịnh, tỉnh Bắc Ninh", "xã Hiệp Hòa, tỉnh Bắc Ninh",
    "xã Hoàng Vân, tỉnh Bắc Ninh", "xã Xuân Cẩm, tỉnh Bắc Ninh",
    "xã Lạng Giang, tỉnh Bắc Ninh", "xã Mỹ Thái, tỉnh Bắc Ninh",
    "xã Kép, tỉnh Bắc Ninh", "xã Tân Dĩnh, tỉnh Bắc Ninh",
    "xã Tiên Lục, tỉnh Bắc Ninh", "xã Yên Thế, tỉnh Bắc Ninh",
    "xã Bố Hạ, tỉnh Bắc Ninh", "xã Đồng Kỳ, tỉnh Bắc Ninh",
    "xã Xuân Lương, tỉnh Bắc Ninh", "xã Tam Tiến, tỉnh Bắc Ninh",
    "xã Lục Nam, tỉnh Bắc Ninh", "xã Đông Phú, tỉnh Bắc Ninh",
    "xã Bảo Đài, tỉnh Bắc Ninh", "xã Nghĩa Phương, tỉnh Bắc Ninh",
    "xã Lục Sơn, tỉnh Bắc Ninh", "xã Bắc Lũng, tỉnh Bắc Ninh",
    "xã Cẩm Lý, tỉnh Bắc Ninh", "xã Trường Sơn, tỉnh Bắc Ninh",
    "xã Lục Ngạn, tỉnh Bắc Ninh", "xã Đèo Gia, tỉnh Bắc Ninh",
    "xã Sơn Hải, tỉnh Bắc Ninh", "xã Tân Sơn, tỉnh Bắc Ninh",
    "xã Biển Động, tỉnh Bắc Ninh", "xã Kiên Lao, tỉnh Bắc Ninh",
    "xã Sa Lý, tỉnh Bắc Ninh", "xã Nam Dương, tỉnh Bắc Ninh",
    "xã Sơn Động, tỉnh Bắc Ninh", "xã Tây Yên Tử, tỉnh Bắc Ninh",
    "xã Dương Hưu, tỉnh Bắc Ninh", "xã Yên Định, tỉnh Bắc Ninh",
    "xã An Lạc, tỉnh Bắc Ninh", "xã Vân Sơn, tỉnh Bắc Ninh",
    "xã Tuấn Đạo, tỉnh Bắc Ninh", "xã Đại Sơn, tỉnh Bắc Ninh",
];

/// Occupations of people abroad.
#[rustfmt::skip]
pub static OCCUPATIONS: &[&str] = &[
    "công nhân", "thực tập sinh kỹ năng", "lao động kỹ năng đặc định", "lao động thời vụ",
    "kỹ sư", "kỹ sư phần mềm", "du học sinh", "nghiên cứu sinh", "giảng viên", "nhà khoa học",
    "chủ doanh nghiệp", "kinh doanh tự do", "nhân viên văn phòng", "nội trợ", "bác sĩ",
    "điều dưỡng", "hộ lý", "đầu bếp", "nhân viên nhà hàng", "thợ xây dựng", "lái xe",
    "thuyền viên", "lao động nông nghiệp", "giúp việc gia đình", "phiên dịch viên", "kế toán",
    "giáo viên tiếng Việt", "nghỉ hưu",
];

/// Hometown and community associations abroad.
#[rustfmt::skip]
pub static ASSOCIATIONS: &[&str] = &[
    "Hội đồng hương Bắc Giang tại Hàn Quốc", "Hội đồng hương Bắc Giang tại Nhật Bản",
    "Hội đồng hương Bắc Giang tại Đài Loan", "Hội đồng hương Bắc Giang tại Liên bang Nga",
    "Hội đồng hương Bắc Giang tại Cộng hòa Séc", "Hội đồng hương Bắc Giang tại Đức",
    "Hội đồng hương Bắc Giang – Bắc Ninh tại Ba Lan", "Hội người Việt Nam tại Séc",
    "Hội người Việt Nam tại Hàn Quốc", "Hội người Việt Nam tại Nhật Bản",
    "Hội người Việt Nam tại Ba Lan", "Hội người Việt Nam tại Úc",
    "Hội người Việt Nam tại Đài Loan", "Hội Doanh nhân Việt Nam tại Hàn Quốc",
    "Hội Trí thức Việt Nam tại Nhật Bản", "Hội Sinh viên Việt Nam tại Hàn Quốc",
    "Hội Thanh niên Sinh viên Việt Nam tại Nhật Bản", "Hội Phụ nữ Việt Nam tại Đức",
];

/// How a record's information was obtained.
#[rustfmt::skip]
pub static SOURCES: &[&str] = &[
    "Phiếu khảo sát 2024", "Phiếu khảo sát 2025", "Hội đồng hương cung cấp",
    "Gia đình khai báo", "UBND xã báo cáo", "UBND phường báo cáo", "Công an tỉnh cung cấp",
    "Sở Nội vụ cung cấp", "Doanh nghiệp dịch vụ đưa người lao động đi làm việc cung cấp",
    "Đại sứ quán Việt Nam cung cấp", "Tổng Lãnh sự quán Việt Nam cung cấp",
    "Tự đăng ký qua mạng", "Hội nghị kiều bào", "Danh sách hồ sơ bảo hộ công dân",
];

/// Relationship of a relative at home to the person abroad.
#[rustfmt::skip]
pub static RELATIONSHIPS: &[&str] = &[
    "bố", "mẹ", "vợ", "chồng", "con", "anh", "chị", "em", "ông", "bà", "cháu",
    "bố vợ", "mẹ vợ", "bố chồng", "mẹ chồng", "con dâu", "con rể", "cô", "dì", "chú", "bác",
];

/// One foreign partner for the demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerSeed {
    /// Vietnamese name.
    pub name: &'static str,
    /// Name in the partner's own language (or English); may equal `name`.
    pub name_original: &'static str,
    /// Abbreviation; empty when there is none in common use.
    pub abbreviation: &'static str,
    /// One of: embassy, consulate, international_org, foreign_ngo, foreign_locality,
    /// enterprise, friendship_association, press, academic, other.
    pub partner_type: &'static str,
    /// ISO 3166-1 alpha-2 code of the partner's country.
    pub country: &'static str,
    /// Website URL; empty when unknown.
    pub website: &'static str,
}

const fn p(
    name: &'static str,
    name_original: &'static str,
    abbreviation: &'static str,
    partner_type: &'static str,
    country: &'static str,
    website: &'static str,
) -> PartnerSeed {
    PartnerSeed {
        name,
        name_original,
        abbreviation,
        partner_type,
        country,
        website,
    }
}

/// The department's partners, in the spirit of the 2016–2020 report.
#[rustfmt::skip]
pub static PARTNERS: &[PartnerSeed] = &[
    // Embassies and consulates.
    p("Đại sứ quán nước Cộng hòa Nhân dân Trung Hoa tại Việt Nam", "中华人民共和国驻越南社会主义共和国大使馆", "", "embassy", "CN", "http://vn.china-embassy.gov.cn"),
    p("Đại sứ quán Đại Hàn Dân Quốc tại Việt Nam", "주베트남 대한민국 대사관", "", "embassy", "KR", "https://overseas.mofa.go.kr/vn-ko/index.do"),
    p("Đại sứ quán Nhật Bản tại Việt Nam", "在ベトナム日本国大使館", "", "embassy", "JP", "https://www.vn.emb-japan.go.jp"),
    p("Đại sứ quán Nhà nước Ixraen tại Việt Nam", "Embassy of Israel in Vietnam", "", "embassy", "IL", "https://embassies.gov.il/hanoi"),
    p("Đại sứ quán Cộng hòa Ba Lan tại Việt Nam", "Ambasada Rzeczypospolitej Polskiej w Hanoi", "", "embassy", "PL", "https://www.gov.pl/web/wietnam"),
    p("Đại sứ quán Cộng hòa Séc tại Việt Nam", "Velvyslanectví České republiky v Hanoji", "", "embassy", "CZ", "https://mzv.gov.cz/hanoi"),
    p("Đại sứ quán Cộng hòa Liên bang Đức tại Việt Nam", "Botschaft der Bundesrepublik Deutschland Hanoi", "", "embassy", "DE", "https://vietnam.diplo.de"),
    p("Đại sứ quán Ô-xtrây-li-a tại Việt Nam", "Australian Embassy Vietnam", "", "embassy", "AU", "https://vietnam.embassy.gov.au"),
    p("Đại sứ quán nước Cộng hòa Dân chủ Nhân dân Lào tại Việt Nam", "ສະຖານທູດ ສປປ ລາວ ປະຈຳ ສສ ຫວຽດນາມ", "", "embassy", "LA", ""),
    p("Tổng Lãnh sự quán Đại Hàn Dân Quốc tại Đà Nẵng", "주다낭 대한민국 총영사관", "", "consulate", "KR", "https://overseas.mofa.go.kr/vn-danang-ko/index.do"),
    p("Tổng Lãnh sự quán nước Cộng hòa Nhân dân Trung Hoa tại Thành phố Hồ Chí Minh", "中华人民共和国驻胡志明市总领事馆", "", "consulate", "CN", "http://hcmc.china-consulate.gov.cn"),
    // International organisations.
    p("Tổ chức Giáo dục, Khoa học và Văn hóa Liên hợp quốc", "United Nations Educational, Scientific and Cultural Organization", "UNESCO", "international_org", "FR", "https://www.unesco.org"),
    p("Cơ quan Hợp tác Quốc tế Hàn Quốc", "Korea International Cooperation Agency", "KOICA", "international_org", "KR", "https://www.koica.go.kr"),
    p("Cơ quan Hợp tác Quốc tế Nhật Bản", "Japan International Cooperation Agency", "JICA", "international_org", "JP", "https://www.jica.go.jp"),
    p("Phòng Thương mại và Công nghiệp Hàn Quốc tại Việt Nam", "Korea Chamber of Commerce and Industry in Vietnam", "KORCHAM", "international_org", "KR", "https://korchamvietnam.com"),
    p("Cơ quan Phát triển Pháp", "Agence française de développement", "AFD", "international_org", "FR", "https://www.afd.fr"),
    p("Trung tâm Hợp tác Quốc tế về Nghiên cứu Nông nghiệp vì sự Phát triển", "Centre de coopération internationale en recherche agronomique pour le développement", "CIRAD", "international_org", "FR", "https://www.cirad.fr"),
    p("Viện Pháp tại Việt Nam", "Institut français du Vietnam", "IFV", "international_org", "FR", "https://www.institutfrancais-vietnam.com"),
    p("Tổ chức Xúc tiến Thương mại Nhật Bản", "Japan External Trade Organization", "JETRO", "international_org", "JP", "https://www.jetro.go.jp"),
    p("Cơ quan Xúc tiến Thương mại và Đầu tư Hàn Quốc", "Korea Trade-Investment Promotion Agency", "KOTRA", "international_org", "KR", "https://www.kotra.or.kr"),
    p("Quỹ Nhi đồng Liên hợp quốc", "United Nations Children's Fund", "UNICEF", "international_org", "US", "https://www.unicef.org"),
    // Foreign non-governmental organisations.
    p("Tổ chức Tầm nhìn Thế giới", "World Vision International", "WVI", "foreign_ngo", "US", "https://www.wvi.org"),
    p("Tổ chức Plan International", "Plan International", "PLAN", "foreign_ngo", "GB", "https://plan-international.org"),
    p("Tổ chức Cứu trợ Trẻ em", "Save the Children International", "SCI", "foreign_ngo", "GB", "https://www.savethechildren.net"),
    p("Quỹ Trẻ em ChildFund Australia", "ChildFund Australia", "ChildFund", "foreign_ngo", "AU", "https://www.childfund.org.au"),
    p("Tổ chức Room to Read", "Room to Read", "RtR", "foreign_ngo", "US", "https://www.roomtoread.org"),
    p("Tổ chức Good Neighbors Quốc tế", "Good Neighbors International", "GNI", "foreign_ngo", "KR", "https://www.goodneighbors.org"),
    p("Quỹ Châu Á", "The Asia Foundation", "TAF", "foreign_ngo", "US", "https://asiafoundation.org"),
    // Foreign localities.
    p("Thành phố Anyang, tỉnh Gyeonggi", "안양시", "", "foreign_locality", "KR", "https://www.anyang.go.kr"),
    p("Quận Seo, thành phố Daejeon", "대전광역시 서구", "", "foreign_locality", "KR", "https://www.seogu.go.kr"),
    p("Thành phố Thái Châu, tỉnh Giang Tô", "泰州市", "", "foreign_locality", "CN", "https://www.taizhou.gov.cn"),
    p("Tỉnh Hạ Silesia", "Województwo dolnośląskie", "", "foreign_locality", "PL", "https://umwd.dolnyslask.pl"),
    p("Khu tự trị dân tộc Choang Quảng Tây", "广西壮族自治区", "", "foreign_locality", "CN", "http://www.gxzf.gov.cn"),
    p("Tỉnh Luông Pha Bang", "ແຂວງຫຼວງພະບາງ", "", "foreign_locality", "LA", ""),
    p("Tỉnh Chungcheongbuk", "충청북도", "", "foreign_locality", "KR", "https://www.chungbuk.go.kr"),
    // Enterprises in the industrial parks.
    p("Công ty TNHH Fuyu Precision Component", "Fuyu Precision Component Co., Ltd. (Foxconn)", "Foxconn", "enterprise", "TW", "https://www.foxconn.com"),
    p("Công ty TNHH Fuhong Precision Component (Bắc Giang)", "Fuhong Precision Component (Bac Giang) Co., Ltd.", "", "enterprise", "TW", "https://www.foxconn.com"),
    p("Công ty TNHH Luxshare-ICT Vân Trung", "Luxshare-ICT (Van Trung) Co., Ltd.", "Luxshare", "enterprise", "CN", "https://www.luxshare-ict.com"),
    p("Công ty TNHH Hosiden Việt Nam (Bắc Giang)", "Hosiden Vietnam (Bac Giang) Co., Ltd.", "Hosiden", "enterprise", "JP", "https://www.hosiden.com"),
    p("Công ty TNHH Crystal Martin Việt Nam", "Crystal Martin (Vietnam) Co., Ltd.", "CMV", "enterprise", "HK", "https://www.crystalgroup.com"),
    p("Công ty TNHH Khoa học Kỹ thuật Năng lượng Mặt trời Boviet", "Boviet Solar Technology Co., Ltd.", "Boviet", "enterprise", "CN", "https://www.bovietsolar.com"),
    p("Công ty TNHH Jinko Solar Việt Nam", "JinkoSolar Vietnam Co., Ltd.", "Jinko", "enterprise", "CN", "https://www.jinkosolar.com"),
    p("Công ty TNHH Si Flex Việt Nam", "SI FLEX Vietnam Co., Ltd.", "Si Flex", "enterprise", "KR", "http://www.siflex.co.kr"),
    p("Công ty TNHH Canon Việt Nam", "Canon Vietnam Co., Ltd.", "Canon", "enterprise", "JP", "https://vn.canon"),
    // Friendship associations of the province (Vietnamese side, counterpart country).
    p("Hội hữu nghị Việt Nam – Trung Quốc tỉnh Bắc Giang", "Vietnam – China Friendship Association of Bac Giang Province", "", "friendship_association", "CN", ""),
    p("Hội hữu nghị Việt Nam – Lào tỉnh Bắc Giang", "Vietnam – Laos Friendship Association of Bac Giang Province", "", "friendship_association", "LA", ""),
    p("Hội hữu nghị Việt Nam – Campuchia tỉnh Bắc Giang", "Vietnam – Cambodia Friendship Association of Bac Giang Province", "", "friendship_association", "KH", ""),
    p("Hội hữu nghị Việt Nam – Hàn Quốc tỉnh Bắc Giang", "Vietnam – Korea Friendship Association of Bac Giang Province", "", "friendship_association", "KR", ""),
    p("Hội hữu nghị Việt Nam – Nga tỉnh Bắc Giang", "Vietnam – Russia Friendship Association of Bac Giang Province", "", "friendship_association", "RU", ""),
    p("Hội hữu nghị Việt Nam – Đức tỉnh Bắc Giang", "Vietnam – Germany Friendship Association of Bac Giang Province", "", "friendship_association", "DE", ""),
    p("Hội hữu nghị Việt Nam – Ý tỉnh Bắc Giang", "Vietnam – Italy Friendship Association of Bac Giang Province", "", "friendship_association", "IT", ""),
    p("Hội hữu nghị Việt Nam – Séc và Slovakia tỉnh Bắc Giang", "Vietnam – Czech and Slovakia Friendship Association of Bac Giang Province", "", "friendship_association", "CZ", ""),
    // Foreign press.
    p("Đài Phát thanh và Truyền hình Nhật Bản", "日本放送協会", "NHK", "press", "JP", "https://www.nhk.or.jp"),
    p("Đài Phát thanh và Truyền hình Hàn Quốc", "한국방송공사", "KBS", "press", "KR", "https://www.kbs.co.kr"),
    p("Tân Hoa xã", "新华通讯社", "Xinhua", "press", "CN", "http://www.news.cn"),
    p("Hãng thông tấn Yonhap", "연합뉴스", "Yonhap", "press", "KR", "https://www.yna.co.kr"),
    p("Hãng thông tấn Kyodo", "共同通信社", "Kyodo", "press", "JP", "https://www.kyodonews.jp"),
    // Academic partners.
    p("Trường Đại học Woosong", "우송대학교", "WSU", "academic", "KR", "https://www.wsu.ac.kr"),
    p("Trường Đại học Quốc gia Chungnam", "충남대학교", "CNU", "academic", "KR", "https://plus.cnu.ac.kr"),
    p("Trường Đại học Nông nghiệp Tokyo", "東京農業大学", "", "academic", "JP", "https://www.nodai.ac.jp"),
    p("Trường Đại học Khoa học Sự sống Wrocław", "Uniwersytet Przyrodniczy we Wrocławiu", "UPWr", "academic", "PL", "https://upwr.edu.pl"),
    p("Học viện Kỹ thuật Nghề nghiệp Thái Châu", "泰州职业技术学院", "", "academic", "CN", "https://www.tzpc.edu.cn"),
    // Other.
    p("Văn phòng Kinh tế và Văn hóa Đài Bắc tại Hà Nội", "駐越南台北經濟文化辦事處", "TECO", "other", "TW", "https://www.roc-taiwan.org/vn"),
    p("Hiệp hội Doanh nghiệp Nhật Bản tại Việt Nam", "Japan Business Association in Vietnam", "JBAV", "other", "JP", "https://www.jbav.vn"),
];

/// Job titles of partner contacts.
#[rustfmt::skip]
pub static CONTACT_TITLES: &[&str] = &[
    "Đại sứ", "Đại sứ đặc mệnh toàn quyền", "Công sứ", "Tham tán", "Tham tán Công sứ",
    "Tham tán Thương mại", "Bí thư thứ nhất", "Bí thư thứ hai", "Bí thư thứ ba", "Tùy viên",
    "Tổng Lãnh sự", "Phó Tổng Lãnh sự", "Lãnh sự", "Giám đốc quốc gia", "Trưởng đại diện",
    "Phó Trưởng đại diện", "Cán bộ chương trình", "Điều phối viên dự án", "Thị trưởng",
    "Phó Thị trưởng", "Quận trưởng", "Tỉnh trưởng", "Chủ tịch", "Phó Chủ tịch",
    "Tổng Giám đốc", "Phó Tổng Giám đốc", "Giám đốc", "Giám đốc nhân sự",
    "Trưởng phòng đối ngoại", "Trưởng văn phòng", "Phóng viên", "Trưởng phân xã",
    "Giáo sư", "Hiệu trưởng", "Trưởng khoa", "Thư ký", "Trợ lý", "Phiên dịch viên",
];

/// Realistic contact names per country (family name first for CJK, as they are written).
#[rustfmt::skip]
pub static FOREIGN_GIVEN: &[(&str, &[&str])] = &[
    ("KR", &[
        "Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon", "Choi Young-ho", "Jung Hae-in",
        "Kang Soo-jin", "Yoon Sung-min", "Lim Ji-woo", "Han Dong-hyun", "Oh Eun-ji",
        "Shin Jae-won", "Kwon Hye-jin",
    ]),
    ("JP", &[
        "Tanaka Hiroshi", "Suzuki Yuki", "Sato Kenji", "Takahashi Akiko", "Watanabe Daisuke",
        "Ito Naoko", "Yamamoto Takeshi", "Nakamura Emi", "Kobayashi Shota", "Kato Mayumi",
    ]),
    ("CN", &[
        "Wang Wei", "Li Na", "Zhang Wei", "Liu Yang", "Chen Jing", "Yang Fan", "Zhao Lei",
        "Huang Min", "Zhou Jie", "Wu Xiaoling",
    ]),
    ("TW", &["Chen Chih-ming", "Lin Mei-ling", "Huang Chun-hung", "Chang Ya-ting", "Wu Chien-hua"]),
    ("HK", &["Chan Ka-wai", "Wong Siu-ming", "Leung Mei-yee"]),
    ("FR", &[
        "Jean-Pierre Martin", "Sophie Bernard", "Philippe Dubois", "Claire Lefèvre",
        "Nicolas Moreau", "Isabelle Laurent",
    ]),
    ("PL", &[
        "Piotr Nowak", "Anna Kowalska", "Krzysztof Wiśniewski", "Katarzyna Wójcik",
        "Tomasz Kamiński", "Magdalena Lewandowska",
    ]),
    ("GB", &["James Smith", "Emily Johnson", "David Brown", "Sarah Williams", "Michael Taylor"]),
    ("US", &["John Miller", "Jennifer Davis", "Robert Wilson", "Emily Clark", "Daniel Anderson"]),
    ("AU", &["Andrew Thompson", "Rebecca Walker", "Matthew Harris", "Jessica White"]),
    ("DE", &["Thomas Müller", "Anna Schmidt", "Stefan Becker", "Julia Fischer"]),
    ("IL", &["David Cohen", "Yael Levi", "Avi Mizrahi", "Noa Friedman"]),
    ("CZ", &["Jan Novák", "Petra Svobodová", "Tomáš Dvořák", "Lucie Černá"]),
    ("LA", &["Somphone Phommachanh", "Khamla Sisouphanh", "Bounmy Vongsa", "Souksavanh Keola"]),
    ("RU", &["Ivan Petrov", "Elena Smirnova", "Sergei Ivanov", "Olga Kuznetsova"]),
    ("IT", &["Marco Rossi", "Giulia Bianchi", "Luca Romano"]),
    ("KH", &["Sok Chenda", "Chan Sophea", "Heng Vuthy"]),
];

/// Agreement title templates; `{partner}` is replaced by the partner's name.
#[rustfmt::skip]
pub static AGREEMENT_TITLES: &[&str] = &[
    "Biên bản ghi nhớ hợp tác giữa UBND tỉnh Bắc Giang và {partner}",
    "Thỏa thuận hợp tác về giáo dục giữa Sở Giáo dục và Đào tạo và {partner}",
    "Thỏa thuận thiết lập quan hệ hữu nghị và hợp tác giữa tỉnh Bắc Giang và {partner}",
    "Biên bản ghi nhớ về hợp tác phát triển nông nghiệp công nghệ cao với {partner}",
    "Thỏa thuận hợp tác về y tế giữa Sở Y tế và {partner}",
    "Biên bản ghi nhớ về tiếp nhận thực tập sinh kỹ năng giữa Sở Lao động – Thương binh và Xã hội và {partner}",
    "Thỏa thuận hợp tác về xúc tiến thương mại và đầu tư với {partner}",
    "Biên bản ghi nhớ về hợp tác văn hóa, du lịch với {partner}",
    "Thỏa thuận tài trợ dự án viện trợ phi chính phủ nước ngoài giữa UBND tỉnh và {partner}",
    "Biên bản ghi nhớ hợp tác đào tạo nguồn nhân lực với {partner}",
    "Thỏa thuận hợp tác giữa UBND thành phố Bắc Giang và {partner}",
    "Biên bản thỏa thuận hợp tác tiêu thụ vải thiều Lục Ngạn với {partner}",
];

/// Vietnamese parties to international agreements.
#[rustfmt::skip]
pub static VN_PARTIES: &[&str] = &[
    "UBND tỉnh Bắc Giang", "Sở Ngoại vụ", "Sở Công Thương", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Kế hoạch và Đầu tư",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động – Thương binh và Xã hội",
    "Sở Khoa học và Công nghệ", "Ban Quản lý các khu công nghiệp tỉnh",
    "UBND thành phố Bắc Giang", "UBND huyện Lục Ngạn", "UBND huyện Lục Nam",
    "UBND huyện Yên Thế", "UBND huyện Hiệp Hòa", "UBND thị xã Việt Yên", "UBND huyện Tân Yên",
    "UBND huyện Lạng Giang", "UBND huyện Sơn Động", "UBND huyện Yên Dũng",
    "Trường Đại học Nông Lâm Bắc Giang", "Trường Cao đẳng Kỹ thuật Công nghiệp",
    "Bệnh viện Đa khoa tỉnh Bắc Giang", "Liên hiệp các tổ chức hữu nghị tỉnh Bắc Giang",
    "Hội Nông dân tỉnh Bắc Giang", "Tỉnh đoàn Bắc Giang", "Hội Liên hiệp Phụ nữ tỉnh Bắc Giang",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::country::is_valid;
    use unicode_normalization::UnicodeNormalization;

    #[rustfmt::skip]
    const PARTNER_TYPES: &[&str] = &[
        "embassy", "consulate", "international_org", "foreign_ngo", "foreign_locality",
        "enterprise", "friendship_association", "press", "academic", "other",
    ];

    fn weighted() -> [(&'static str, &'static [(&'static str, u32)]); 5] {
        [
            ("SURNAMES", SURNAMES),
            ("MIDDLE_MALE", MIDDLE_MALE),
            ("MIDDLE_FEMALE", MIDDLE_FEMALE),
            ("GIVEN_MALE", GIVEN_MALE),
            ("GIVEN_FEMALE", GIVEN_FEMALE),
        ]
    }

    /// Every string in this module.
    fn all_strings() -> Vec<&'static str> {
        let mut v = Vec::new();
        for (_, list) in weighted() {
            v.extend(list.iter().map(|x| x.0));
        }
        for (code, _, cities) in DESTINATIONS {
            v.push(code);
            v.extend(cities.iter());
        }
        for list in [COMMUNES, OCCUPATIONS, ASSOCIATIONS, SOURCES, RELATIONSHIPS] {
            v.extend(list.iter());
        }
        for list in [CONTACT_TITLES, AGREEMENT_TITLES, VN_PARTIES] {
            v.extend(list.iter());
        }
        for p in PARTNERS {
            v.extend([
                p.name,
                p.name_original,
                p.abbreviation,
                p.partner_type,
                p.country,
                p.website,
            ]);
        }
        for (code, names) in FOREIGN_GIVEN {
            v.push(code);
            v.extend(names.iter());
        }
        v
    }

    #[test]
    fn weights_positive() {
        for (name, list) in weighted() {
            assert!(!list.is_empty(), "{name}");
            for (s, w) in list {
                assert!(*w > 0, "{name}: {s}");
            }
        }
        for (code, w, cities) in DESTINATIONS {
            assert!(*w > 0, "{code}");
            assert!(!cities.is_empty(), "{code}");
        }
    }

    #[test]
    fn weighted_values_unique() {
        for (name, list) in weighted() {
            let mut seen = std::collections::HashSet::new();
            for (s, _) in list {
                assert!(seen.insert(*s), "{name}: duplicate {s}");
            }
        }
    }

    #[test]
    fn surname_shares() {
        let w = |n: &str| SURNAMES.iter().find(|x| x.0 == n).unwrap().1;
        assert_eq!(w("Nguyễn"), 380);
        assert_eq!(w("Hoàng"), 41);
        assert_eq!(w("Huỳnh"), 10);
        let total: u32 = SURNAMES.iter().map(|x| x.1).sum();
        assert!((950..=1050).contains(&total), "{total}");
        assert_eq!(MIDDLE_MALE.iter().max_by_key(|x| x.1).unwrap().0, "Văn");
        assert_eq!(MIDDLE_FEMALE.iter().max_by_key(|x| x.1).unwrap().0, "Thị");
    }

    #[test]
    fn list_sizes() {
        assert!(GIVEN_MALE.len() >= 60);
        assert!(GIVEN_FEMALE.len() >= 60);
        assert!(COMMUNES.len() >= 40);
        assert!(PARTNERS.len() >= 40);
        for list in [
            OCCUPATIONS,
            ASSOCIATIONS,
            SOURCES,
            RELATIONSHIPS,
            CONTACT_TITLES,
            VN_PARTIES,
        ] {
            assert!(!list.is_empty());
        }
    }

    #[test]
    fn korea_japan_taiwan_dominate_destinations() {
        let total: u32 = DESTINATIONS.iter().map(|d| d.1).sum();
        let top: u32 = DESTINATIONS
            .iter()
            .filter(|d| ["KR", "JP", "TW"].contains(&d.0))
            .map(|d| d.1)
            .sum();
        assert!(top * 10 >= total * 6, "{top}/{total}");
        assert_eq!(DESTINATIONS.iter().max_by_key(|d| d.1).unwrap().0, "KR");
    }

    #[test]
    fn iso_codes_are_valid() {
        for (code, _, _) in DESTINATIONS {
            assert!(is_valid(code), "DESTINATIONS: {code}");
        }
        for p in PARTNERS {
            assert!(is_valid(p.country), "PARTNERS {}: {}", p.name, p.country);
        }
        for (code, _) in FOREIGN_GIVEN {
            assert!(is_valid(code), "FOREIGN_GIVEN: {code}");
        }
    }

    #[test]
    fn partner_fields() {
        let mut names = std::collections::HashSet::new();
        for p in PARTNERS {
            assert!(
                PARTNER_TYPES.contains(&p.partner_type),
                "{}: {}",
                p.name,
                p.partner_type
            );
            assert!(
                !p.name.is_empty() && !p.name_original.is_empty(),
                "{}",
                p.name
            );
            assert!(names.insert(p.name), "duplicate partner {}", p.name);
            assert!(
                p.website.is_empty() || p.website.starts_with("http"),
                "{}",
                p.website
            );
        }
        for t in [
            "embassy",
            "international_org",
            "foreign_ngo",
            "foreign_locality",
            "enterprise",
            "press",
            "academic",
        ] {
            assert!(PARTNERS.iter().any(|p| p.partner_type == t), "no {t}");
        }
        let assoc = PARTNERS
            .iter()
            .filter(|p| p.partner_type == "friendship_association")
            .count();
        assert_eq!(assoc, 8);
    }

    #[test]
    fn agreement_templates_have_placeholder() {
        for t in AGREEMENT_TITLES {
            assert_eq!(t.matches("{partner}").count(), 1, "{t}");
        }
    }

    #[test]
    fn communes_are_in_bac_ninh() {
        for c in COMMUNES {
            assert!(c.starts_with("xã ") || c.starts_with("phường "), "{c}");
            assert!(c.ends_with(", tỉnh Bắc Ninh"), "{c}");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(
            COMMUNES.iter().all(|c| seen.insert(*c)),
            "duplicate commune"
        );
    }

    #[test]
    fn strings_clean_and_nfc() {
        for s in all_strings() {
            assert!(!s.chars().any(char::is_control), "control char in {s:?}");
            assert_eq!(s.trim(), s, "surrounding space in {s:?}");
            assert!(!s.contains("  "), "double space in {s:?}");
            assert_eq!(s.nfc().collect::<String>(), s, "not NFC: {s:?}");
        }
    }
}
