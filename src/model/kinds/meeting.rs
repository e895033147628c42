//! A working meeting or courtesy call with partners (làm việc, tiếp xúc), and what was
//! agreed to do after it. `LV-2024-001`.

use crate::model::Kind;
use crate::model::descriptor::Input::*;
use crate::model::descriptor::*;

const FOLLOW_UP: &[Field] = &[
    required(f("task", "Việc cần làm", "Task", Text)),
    f("owner", "Người phụ trách", "Owner", Text),
    f("due_on", "Hạn", "Due", Date),
    f("done", "Đã xong", "Done", Yes),
];

const FIELDS: &[Field] = &[
    required(primary(f("title", "Nội dung", "Subject", Text))),
    f("held_on", "Ngày", "Held on", Date),
    f("partners", "Đối tác", "Partners", Links(&[Kind::Partner])),
    f(
        "participants_vn",
        "Thành phần phía Việt Nam",
        "Vietnamese side",
        Text,
    ),
    f(
        "participants_foreign",
        "Thành phần phía nước ngoài",
        "Foreign side",
        Text,
    ),
    keep(f("place", "Địa điểm", "Place", Text)),
    f("summary", "Kết quả", "Summary", LongText),
    OWNER,
    TAGS,
    NOTES,
    f(
        "follow_ups",
        "Việc cần làm tiếp",
        "Follow-ups",
        Rows(FOLLOW_UP),
    ),
];

pub const DESCRIPTOR: Descriptor = Descriptor {
    kind: Kind::Meeting,
    tag: 10,
    name: "meeting",
    aliases: &[
        "meetings", "m", "lamviec", "lam-viec", "tiep-xuc", "tiepxuc", "hop",
    ],
    vi: "buổi làm việc, tiếp xúc",
    en: "meeting",
    plural_vi: "Làm việc, tiếp xúc",
    plural_en: "Meetings",
    tab_vi: "Làm việc",
    tab_en: "Meetings",
    code: yearly_code(&["LV"], "held_on"),
    code_width: 11,
    columns: &[col("title", 0), wide("place", 16), col("held_on", 10)],
    sortable: &["title", "held_on", "place"],
    flow: None,
    title: &["title"],
    date_order: &[],
    fields: FIELDS,
};
