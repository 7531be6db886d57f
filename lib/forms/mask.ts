// Personal data as the payer's own pages show it: anyone holding a /pay/{orderNo} link sees these,
// so a phone keeps only what lets its owner recognise it (138****8000), a name only its first
// character (张**, always two stars so the length is not told), and answers the payer does not
// need to recognise the order are left out.
import type { FieldType } from "./definition";

/** 13800138000 → 138****8000; a shorter number keeps less, so most of it is always hidden. */
export function maskPhone(phone: string): string {
  const chars = [...phone.trim()];
  const [head, tail] = chars.length >= 11 ? [3, 4] : chars.length >= 6 ? [2, 2] : [0, 0];
  return `${chars.slice(0, head).join("")}****${tail ? chars.slice(-tail).join("") : ""}`;
}

/** 张三 → 张**, 欧阳小明 → 欧**, Alice → A**; one character → *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  return chars.length === 1 ? "*" : `${chars[0]}**`;
}

/** zhangsan@example.com → z***@example.com; the domain says nothing about the person. */
export function maskEmail(email: string): string {
  const text = email.trim();
  const at = text.lastIndexOf("@");
  if (at < 1) return maskName(text);
  return `${[...text.slice(0, at)][0]}***${text.slice(at)}`;
}

/**
 * An answer (already as display text) as the payer's page shows it, or null to leave it out.
 * Choices and priced items stay: they are what was bought or booked. Free text is taken to be
 * personal (a name, an address, an id number), so only its first character is shown; long text,
 * numbers and dates are not needed to recognise an order.
 */
export function payerFacingAnswer(type: FieldType, text: string): string | null {
  switch (type) {
    case "phone":
      return maskPhone(text);
    case "email":
      return maskEmail(text);
    case "text":
      return maskName(text);
    case "single_choice":
    case "multiple_choice":
    case "payment":
      return text;
    default:
      // textarea, number, date, and any type an old snapshot may hold
      return null;
  }
}
