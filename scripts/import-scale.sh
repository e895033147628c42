#!/usr/bin/env bash
# Import N citizens from a generated CSV (and the same as JSON Lines) into fresh data
# folders with the release build, and print wall time and the peak resident memory (VmHWM)
# of the client and of the server it starts. The issue's budget: 1M rows under 60 s, each
# process under 1 GiB.
#
#   scripts/import-scale.sh [ROWS]      (default 1000000; needs python3)
set -euo pipefail
rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/target/release/ngoaivu
[ -x "$bin" ] || cargo build --release --manifest-path "$root/Cargo.toml"
work=$(mktemp -d /tmp/ngoaivu-scale.XXXXXX)
trap 'for d in "$work"/d-*; do "$bin" --data-dir "$d" stop >/dev/null 2>&1 || true; done' EXIT
python3 - "$rows" "$work" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(2016)
family = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
middle = "Văn Thị Đức Minh Thanh Ngọc Hữu Quang Thu Xuân".split()
given = "An Bình Cúc Dũng Hà Lan Hùng Hương Khánh Linh Mai Nam Phúc Quân Sơn Tâm Thảo Trung".split()
places = [("Hàn Quốc", "KR", "Ansan"), ("Nhật Bản", "JP", "Osaka"), ("Đài Loan", "TW", "Đài Trung"),
          ("Hoa Kỳ", "US", "Houston"), ("Đức", "DE", "Leipzig")]
with open(f"{out}/citizens.csv", "w", encoding="utf-8") as c, \
     open(f"{out}/citizens.jsonl", "w", encoding="utf-8") as j:
    c.write("Họ và tên,Giới tính,Ngày sinh,Quốc gia,Thành phố,Điện thoại\n")
    for _ in range(n):
        name = f"{random.choice(family)} {random.choice(middle)} {random.choice(given)}"
        male = random.random() < 0.5
        y, m, d = random.randint(1950, 2005), random.randint(1, 12), random.randint(1, 28)
        vi, code, city = random.choice(places)
        phone = f"+82 10 {random.randint(0, 9999):04d} {random.randint(0, 9999):04d}"
        c.write(f"{name},{'Nam' if male else 'Nữ'},{d:02d}/{m:02d}/{y},{vi},{city},{phone}\n")
        j.write(json.dumps({"kind": "citizen", "full_name": name, "gender": "male" if male else "female",
                            "birth_date": f"{y}-{m:02d}-{d:02d}", "country": code, "city": city,
                            "phone": phone}, ensure_ascii=False) + "\n")
PY
hwm() { awk '/VmHWM/{print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
for kind in csv jsonl; do
  dir=$work/d-$kind
  start=$(date +%s.%N)
  NGOAIVU_IDLE_EXIT=5 "$bin" --data-dir "$dir" import "$work/citizens.$kind" >/dev/null 2>"$work/$kind.err" &
  client=$!
  client_peak=0; server_peak=0
  while kill -0 "$client" 2>/dev/null; do
    c=$(hwm "$client"); [ "$c" -gt "$client_peak" ] && client_peak=$c
    for s in $(pgrep -f -- "--data-dir $dir .*serve" || true); do
      v=$(hwm "$s"); [ "$v" -gt "$server_peak" ] && server_peak=$v
    done
    sleep 0.2
  done
  wait "$client"
  end=$(date +%s.%N)
  # The server indexes what it published: watch it a little longer.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    for s in $(pgrep -f -- "--data-dir $dir .*serve" || true); do
      v=$(hwm "$s"); [ "$v" -gt "$server_peak" ] && server_peak=$v
    done
    sleep 0.2
  done
  printf '%-5s %8d rows  %6.1f s  client VmHWM %5d MiB  server VmHWM %5d MiB\n' \
    "$kind" "$rows" "$(echo "$end - $start" | bc)" "$client_peak" "$server_peak"
done
