//! The words of a period report, in both languages: section titles as the department's
//! own report has them, each figure's label and unit, and the footnotes.

use crate::i18n::Lang;

/// A section's title.
pub fn section_title(key: &str, lang: Lang) -> &'static str {
    let (vi, en) = match key {
        "economic" => ("Công tác ngoại giao kinh tế", "Economic diplomacy"),
        "ngo_aid" => (
            "Công tác phi chính phủ nước ngoài (PCPNN)",
            "Foreign non-governmental aid",
        ),
        "delegations_consular" => (
            "Công tác quản lý đoàn ra, đoàn vào, lãnh sự, bảo hộ công dân và người Việt Nam ở nước ngoài",
            "Delegations, consular work, protection of citizens and overseas Vietnamese",
        ),
        "other" => ("Các hoạt động đối ngoại khác", "Other foreign affairs"),
        "partners" => (
            "Tăng cường các buổi làm việc, tiếp xúc với các đối tác",
            "Meetings and relations with partners",
        ),
        "press" => (
            "Chú trọng công tác thông tin đối ngoại",
            "External information",
        ),
        _ => ("", ""),
    };
    lang.pick(vi, en)
}

/// A figure's label and the unit it counts in ("đoàn ra", "dự án").
pub struct FigureWords {
    pub key: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub unit_vi: &'static str,
    pub unit_en: &'static str,
}

const fn w(
    key: &'static str,
    vi: &'static str,
    en: &'static str,
    unit_vi: &'static str,
    unit_en: &'static str,
) -> FigureWords {
    FigureWords {
        key,
        vi,
        en,
        unit_vi,
        unit_en,
    }
}

pub const FIGURES: &[FigureWords] = &[
    w(
        "abtc_approvals",
        "Trường hợp được cho phép sử dụng thẻ ABTC",
        "ABTC approvals",
        "trường hợp",
        "approvals",
    ),
    w(
        "aid_projects",
        "Dự án viện trợ PCPNN tiếp nhận mới",
        "New NGO aid projects",
        "dự án",
        "projects",
    ),
    w(
        "aid_non_project",
        "Khoản viện trợ phi dự án bằng tiền và hiện vật",
        "Non-project aid in cash and goods",
        "khoản",
        "items",
    ),
    w(
        "aid_experts",
        "Khoản viện trợ phi dự án dưới dạng chuyên gia, tình nguyện viên",
        "Experts and volunteers",
        "khoản",
        "items",
    ),
    w(
        "delegations_outgoing",
        "Đoàn ra được cho phép",
        "Outgoing delegations permitted",
        "đoàn ra",
        "outgoing delegations",
    ),
    w(
        "delegations_incoming",
        "Đoàn vào làm việc với các cơ quan, đơn vị trong tỉnh",
        "Incoming delegations received",
        "đoàn vào",
        "incoming delegations",
    ),
    w(
        "cases_citizens_abroad",
        "Bảo hộ công dân của tỉnh ở nước ngoài",
        "Protection of the province's citizens abroad",
        "trường hợp",
        "cases",
    ),
    w(
        "cases_foreigners",
        "Công dân nước ngoài gặp vấn đề trên địa bàn tỉnh",
        "Foreign citizens in the province",
        "trường hợp",
        "cases",
    ),
    w(
        "conferences",
        "Hội nghị, hội thảo quốc tế được tổ chức và cho phép tổ chức",
        "International conferences permitted",
        "hội nghị, hội thảo",
        "conferences",
    ),
    w(
        "agreements_province",
        "Thỏa thuận quốc tế do tỉnh ký kết",
        "Agreements signed by the province",
        "thỏa thuận",
        "agreements",
    ),
    w(
        "agreements_local",
        "Thỏa thuận quốc tế của các cơ quan, địa phương",
        "Agreements signed by agencies and localities",
        "thỏa thuận",
        "agreements",
    ),
    w(
        "press_visits",
        "Đoàn phóng viên báo chí nước ngoài được cấp phép",
        "Foreign press visits licensed",
        "đoàn",
        "visits",
    ),
    w(
        "meetings",
        "Buổi tiếp xúc, làm việc với đối tác",
        "Meetings with partners",
        "buổi",
        "meetings",
    ),
    w(
        "partners",
        "Đối tác đang có quan hệ",
        "Partners in relations",
        "đối tác",
        "partners",
    ),
];

pub fn figure(key: &str) -> Option<&'static FigureWords> {
    FIGURES.iter().find(|f| f.key == key)
}

pub fn figure_label(key: &str, lang: Lang) -> &'static str {
    figure(key).map_or("", |f| lang.pick(f.vi, f.en))
}

pub fn figure_unit(key: &str, lang: Lang) -> &'static str {
    figure(key).map_or("", |f| lang.pick(f.unit_vi, f.unit_en))
}

/// What counts, said once at the end of every document.
pub fn footnotes(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Vi => vec![
            "Mỗi hồ sơ thuộc kỳ theo một ngày: đoàn theo ngày đi/đến (start_on), viện trợ theo ngày phê duyệt (nếu không có thì ngày bắt đầu), vụ việc theo ngày tiếp nhận, hội nghị và đoàn báo chí theo ngày bắt đầu, ABTC theo ngày chấp thuận, thỏa thuận theo ngày ký, buổi làm việc theo ngày diễn ra.",
            "Chỉ tính hồ sơ từ khi được phê duyệt: đoàn đã phê duyệt, đang đi, đã kết thúc hoặc đã báo cáo; viện trợ đã phê duyệt, đang thực hiện hoặc đã kết thúc; mọi vụ việc đã tiếp nhận; hội nghị đã cho phép, đã tổ chức hoặc đã báo cáo; đoàn báo chí đã cấp phép hoặc đã hoàn thành; ABTC đã chấp thuận hoặc đã cấp thẻ; thỏa thuận đã ký, đang hiệu lực, đã sửa đổi, tạm ngừng, đã chấm dứt hoặc hết hiệu lực.",
            "Giá trị viện trợ tính theo USD quy đổi ghi trong hồ sơ. Hồ sơ trong thùng rác không được tính. Đối tác: mọi đối tác không ở thùng rác, có quan hệ từ trước hoặc trong kỳ.",
        ],
        Lang::En => vec![
            "A record belongs to a period by one date: delegations by start_on, aid by approval_on (else start_on), cases by received_on, conferences and press visits by start_on, ABTC by approved_on, agreements by signed_on, meetings by held_on.",
            "Records count from approval on: delegations approved, travelling, returned or reported; aid approved, implementing or closed; every case received; conferences permitted, held or reported; press visits licensed or completed; ABTC approved or issued; agreements signed, in force, amended, suspended, terminated or expired.",
            "Aid values are the USD equivalents stored in the records. Records in the trash are not counted. Partners: every partner not in the trash whose relation began before or during the period.",
        ],
    }
}
