"use client";
// A quantity as the payer types it: may be emptied while typing (counts as 0), digits only (no
// "-1", "1e3" or "1.5"), no leading zeros ("01" → "1"), and over the limit is said inline with
// the limit named. The server checks the same (lib/forms/validate-answers.ts).
import { useState } from "react";

export const MAX_QUANTITY = 999;

/** What the box shows for typed text: digits only, leading zeros dropped, at most 4 digits. */
export function cleanQuantityText(typed: string): string {
  const halfWidth = typed.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const digits = halfWidth.replace(/[^\d]/g, "").slice(0, 4);
  return digits.replace(/^0+(?=\d)/, "");
}

export function QuantityBox({ label, max, disabled, value, onChange }: { label: string; max: number; disabled: boolean; value: number; onChange: (n: number) => void }) {
  const [text, setText] = useState(value ? String(value) : "");
  const n = text === "" ? 0 : Number(text);
  const over = n > max;
  return (
    <span style={{ display: "inline-flex", flexDirection: "column", alignItems: "flex-end" }}>
      <input
        aria-label={label}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        placeholder="0"
        disabled={disabled}
        style={{ width: 90, textAlign: "right" }}
        value={text}
        aria-invalid={over || undefined}
        onChange={(e) => {
          const cleaned = cleanQuantityText(e.target.value);
          setText(cleaned);
          onChange(cleaned === "" ? 0 : Number(cleaned));
        }}
      />
      {over && (
        <span className="error" role="alert">
          最多 {max} 件
        </span>
      )}
    </span>
  );
}
