// An amount typed in yuan by an admin, checked the same way in the form builder (as it is typed)
// and by the server (lib/admin/forms-input.ts). Browser-safe: only lib/money.
import { parseYuan } from "@/lib/money";

export type AmountCheck = { ok: true; fen: number } | { ok: false; issue: string };

/** `label` names the amount in the message: "单价", "金额", "最低金额"… */
export function checkYuanAmount(label: string, typed: string): AmountCheck {
  const value = typed.trim();
  if (!value) return { ok: false, issue: `请填写${label}` };
  let fen: number;
  try {
    fen = parseYuan(value);
  } catch {
    return { ok: false, issue: `${label}应为金额（元），最多两位小数，如 12.30` };
  }
  if (fen < 1) return { ok: false, issue: `${label}必须大于 0` };
  return { ok: true, fen };
}
