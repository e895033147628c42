//! What a key can do: the keymap's vocabulary. Each variant's doc comment is its help text
//! (Vietnamese | English), so the help screen is generated from the live keymap and never
//! written by hand.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($($(#[$meta:meta])* $variant:ident = $name:literal : $vi:literal | $en:literal,)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$meta])* #[doc = $en] #[serde(rename = $name)] $variant,)+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)+];

            /// The name used in keymap.toml.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            pub fn parse(name: &str) -> Option<Action> {
                match name {
                    $($name => Some(Action::$variant),)+
                    _ => None,
                }
            }

            /// What the action does, for the help screen.
            ///
            /// (The kind bar's places say which kind they show: see `Action::list_place`.)
            pub fn describe(self, lang: Lang) -> &'static str {
                match self {
                    $(Action::$variant => lang.pick($vi, $en),)+
                }
            }
        }
    };
}

actions! {
    Help = "help": "Trợ giúp: các phím của màn hình này" | "Help: the keys of this screen",
    Command = "command": "Dòng lệnh (:new, :goto, :sort, :lang, :q)" | "Command line (:new, :goto, :sort, :lang, :q)",
    Search = "search": "Tìm kiếm trong mọi hồ sơ" | "Search every record",
    Quit = "quit": "Thoát" | "Quit",
    MoveDown = "move_down": "Xuống một dòng" | "Move down",
    MoveUp = "move_up": "Lên một dòng" | "Move up",
    First = "first": "Về dòng đầu" | "Go to the first row",
    Last = "last": "Đến dòng cuối" | "Go to the last row",
    PageUp = "page_up": "Lên một trang" | "Page up",
    PageDown = "page_down": "Xuống một trang" | "Page down",
    Open = "open": "Mở hồ sơ hoặc liên kết đang chọn" | "Open the selected record or link",
    New = "new": "Thêm hồ sơ mới" | "New record",
    NewSame = "new_same": "Thêm hồ sơ mới cùng loại, giữ các trường của lô (quốc gia, thành phố, …) từ hồ sơ này" | "New record of this kind, keeping this one's batch fields (country, city, …)",
    Edit = "edit": "Sửa hồ sơ" | "Edit the record",
    Delete = "delete": "Xóa vào thùng rác (hỏi trước, khôi phục được)" | "Move to the trash (asks first; restorable)",
    Restore = "restore": "Khôi phục hồ sơ từ thùng rác" | "Restore the record from the trash",
    CopyField = "copy_field": "Sao chép trường đang chọn (OSC 52, dùng được qua SSH)" | "Copy the current field (OSC 52, works over SSH)",
    Back = "back": "Quay lại" | "Back",
    PreviousRecord = "previous_record": "Về hồ sơ đã xem trước đó (lần lượt lùi lại)" | "Back to the record viewed before (step by step)",
    NextKind = "next_kind": "Danh sách loại hồ sơ tiếp theo" | "Next record list",
    PreviousKind = "previous_kind": "Danh sách loại hồ sơ trước" | "Previous record list",
    ShowPartners = "show_partners": "Danh sách đối tác" | "Partner list",
    ShowCitizens = "show_citizens": "Danh sách công dân" | "Citizen list",
    ShowAgreements = "show_agreements": "Danh sách thỏa thuận" | "Agreement list",
    ShowList4 = "show_list_4": "Danh sách thứ 4 trên thanh loại hồ sơ" | "4th list on the kind bar",
    ShowList5 = "show_list_5": "Danh sách thứ 5 trên thanh loại hồ sơ" | "5th list on the kind bar",
    ShowList6 = "show_list_6": "Danh sách thứ 6 trên thanh loại hồ sơ" | "6th list on the kind bar",
    ShowList7 = "show_list_7": "Danh sách thứ 7 trên thanh loại hồ sơ" | "7th list on the kind bar",
    ShowList8 = "show_list_8": "Danh sách thứ 8 trên thanh loại hồ sơ" | "8th list on the kind bar",
    ShowList9 = "show_list_9": "Danh sách thứ 9 trên thanh loại hồ sơ" | "9th list on the kind bar",
    ShowList10 = "show_list_10": "Danh sách thứ 10 trên thanh loại hồ sơ" | "10th list on the kind bar",
    SortNext = "sort_next": "Sắp xếp theo cột tiếp theo" | "Sort by the next column",
    SortReverse = "sort_reverse": "Đảo chiều sắp xếp" | "Reverse the sort order",
    Filter = "filter": "Lọc danh sách" | "Filter the list",
    ToggleTrash = "toggle_trash": "Xem thùng rác / hồ sơ đang dùng" | "Show the trash / live records",
    NextField = "next_field": "Trường tiếp theo" | "Next field",
    PreviousField = "previous_field": "Trường trước" | "Previous field",
    Save = "save": "Lưu" | "Save",
    SaveAndNew = "save_and_new": "Lưu và thêm mới (giữ quốc gia, thành phố, quê quán)" | "Save and new (keeps country, city, hometown)",
    Cancel = "cancel": "Hủy (hỏi trước nếu đã sửa)" | "Cancel (asks first if changed)",
    AddRow = "add_row": "Thêm một dòng (người liên hệ, thân nhân)" | "Add a row (contact, relative)",
    RemoveRow = "remove_row": "Xóa dòng đang chọn" | "Remove the current row",
    Agenda = "agenda": "Việc cần chú ý (thỏa thuận sắp hết hạn, chưa báo cáo, …)" | "What needs attention (agreements expiring, unreported, …)",
    ShowLog = "show_log": "Nhật ký thay đổi (của hồ sơ đang xem, hoặc tất cả)" | "The change log (of the record shown, or all)",
    UndoOperation = "undo_operation": "Nhật ký: hoàn tác cả thao tác đang chọn (hỏi trước)" | "Log: undo the selected operation (asks first)",
    RestoreRevision = "restore_revision": "Nhật ký: đưa hồ sơ về bản đang chọn (hỏi trước)" | "Log: bring the record back to the selected revision (asks first)",
    KeepTheirs = "keep_theirs": "So sánh: giữ giá trị của người kia" | "Compare: keep theirs",
    KeepMine = "keep_mine": "So sánh: giữ giá trị của tôi" | "Compare: keep mine",
    EditMerged = "edit_merged": "So sánh: sửa tiếp bản đã gộp trong biểu mẫu" | "Compare: edit the merged record in the form",
    OpenDuplicate = "open_duplicate": "Biểu mẫu: mở hồ sơ có thể trùng (Esc quay lại biểu mẫu)" | "Form: open the possible duplicate (Esc comes back to the form)",
    KeepBoth = "keep_both": "Biểu mẫu: không phải trùng, giữ cả hai (không hỏi khi lưu)" | "Form: not a duplicate, keep both (saving will not ask)",
    Discard = "discard": "So sánh: bỏ các thay đổi của tôi (hỏi trước)" | "Compare: discard my changes (asks first)",
}

impl Action {
    /// The place on the kind bar a `show_list_N` action shows (0-based), if it is one.
    pub fn list_place(self) -> Option<usize> {
        const PLACES: [Action; 7] = [
            Action::ShowList4,
            Action::ShowList5,
            Action::ShowList6,
            Action::ShowList7,
            Action::ShowList8,
            Action::ShowList9,
            Action::ShowList10,
        ];
        PLACES.iter().position(|a| *a == self).map(|i| i + 3)
    }

    /// What the action does, with the kind a kind-bar place shows today.
    pub fn describe_now(self, lang: Lang) -> String {
        match self
            .list_place()
            .and_then(|i| crate::model::Kind::ALL.get(i))
        {
            Some(kind) => format!("{}: {}", self.describe(lang), kind.plural(lang)),
            None => self.describe(lang).to_string(),
        }
    }
}
