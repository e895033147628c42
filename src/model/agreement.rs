//! International agreement (thỏa thuận quốc tế) signed by the province or its agencies.

use super::fields::{Date, Validator, clean, clean_tags};
use super::vocab::vocab;
use serde::{Deserialize, Serialize};

vocab! {
    /// Who signs on the Vietnamese side.
    AgreementLevel default Province {
        Province = "province": "Cấp tỉnh",
        Department = "department": "Cấp sở, ngành",
        Locality = "locality": "Cấp huyện, xã",
    }
}

vocab! {
    AgreementField default Other {
        Economy = "economy": "Kinh tế",
        Trade = "trade": "Thương mại",
        Investment = "investment": "Đầu tư",
        Education = "education": "Giáo dục",
        Health = "health": "Y tế",
        Culture = "culture": "Văn hóa",
        Agriculture = "agriculture": "Nông nghiệp",
        Tourism = "tourism": "Du lịch",
        ScienceTechnology = "science_technology": "Khoa học và công nghệ",
        Labour = "labour": "Lao động",
        Other = "other": "Khác",
    }
}

vocab! {
    /// Life cycle of an agreement, from proposal to its end.
    AgreementStatus default Proposal {
        Proposal = "proposal": "Đề xuất",
        Consultation = "consultation": "Đang lấy ý kiến",
        Approved = "approved": "Đã phê duyệt",
        Signed = "signed": "Đã ký",
        InForce = "in_force": "Đang hiệu lực",
        Amended = "amended": "Đã sửa đổi",
        Suspended = "suspended": "Tạm ngừng",
        Terminated = "terminated": "Đã chấm dứt",
        Expired = "expired": "Hết hiệu lực",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Agreement {
    pub title: String,
    pub number: String,
    pub level: AgreementLevel,
    pub vn_party: String,
    /// Codes of the partner records (`DT-0042`); codes never change once given.
    pub partners: Vec<String>,
    pub field: AgreementField,
    pub signed_on: Option<Date>,
    pub signed_at: String,
    pub effective_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub status: AgreementStatus,
    pub mofa_opinion: String,
    pub reported_on: Option<Date>,
    pub implementing_agency: String,
    pub tags: Vec<String>,
    pub notes: String,
}

impl Agreement {
    pub fn normalize(&mut self) {
        for s in [
            &mut self.title,
            &mut self.number,
            &mut self.vn_party,
            &mut self.signed_at,
            &mut self.mofa_opinion,
            &mut self.implementing_agency,
            &mut self.notes,
        ] {
            clean(s);
        }
        for p in &mut self.partners {
            *p = super::kind::canonical_code(p).unwrap_or_else(|| p.trim().to_ascii_uppercase());
        }
        self.partners.retain(|p| !p.is_empty());
        self.partners.dedup();
        clean_tags(&mut self.tags);
    }

    pub fn validate(&self, v: &mut Validator) {
        v.required("title", &self.title);
        for (field, value) in [
            ("number", &self.number),
            ("vn_party", &self.vn_party),
            ("signed_at", &self.signed_at),
            ("mofa_opinion", &self.mofa_opinion),
            ("implementing_agency", &self.implementing_agency),
        ] {
            v.line(field, value);
        }
        for p in &self.partners {
            v.line("partners", p);
        }
        v.tags(&self.tags);
        v.long_text("notes", &self.notes);
        v.date_order(
            self.effective_on,
            "expires_on",
            self.expires_on,
            "effective_on",
        );
    }

    pub fn title(&self) -> String {
        if self.number.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, self.number)
        }
    }
}
